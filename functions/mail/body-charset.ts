import { Transform, type TransformCallback } from 'node:stream';
import iconv, { type DecoderStream } from 'iconv-lite';
import { decodeAs, decodeStrictly, encodingFor, hasEightBit } from './charset-reading.ts';

/**
 * The charset decoder mailparser uses for text parts whose label is not UTF-8 or ASCII (its `Iconv`
 * option: `new Iconv(charset, 'UTF-8')`, used as a stream). Labels lie: a part labelled Big5 whose
 * bytes are valid UTF-8 is UTF-8 (some webmail sends exactly that), so valid UTF-8 with any 8-bit byte
 * is read as UTF-8 first; anything else is read in its label, by the WHATWG decoders browsers use
 * (which also read ISO-2022-JP), then by iconv-lite for the labels they lack (UTF-7, CP949); and an
 * unknown label leaves the bytes read as UTF-8 with replacement characters.
 */
export class Utf8FirstDecoder extends Transform {
  private readonly charset: string;
  private readonly chunks: Buffer[] = [];

  constructor(charset: string, _target?: string) {
    super();
    this.charset = charset;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(decodeLabelledText(Buffer.concat(this.chunks), this.charset), 'utf8'));
  }
}

/** Text in a part labelled `charset`, read as the previous comment describes. */
export function decodeLabelledText(bytes: Buffer, charset: string): string {
  // UTF-16 and UTF-32 say how wide their units are; only byte-oriented labels can be mistaken.
  if (hasEightBit(bytes) && !/^utf-?(16|32)/i.test(charset)) {
    const utf8 = decodeStrictly(bytes, 'utf-8');
    if (utf8 !== undefined) return utf8;
  }
  const encoding = encodingFor(charset);
  if (encoding !== undefined) return decodeAs(bytes, encoding);
  if (iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  return bytes.toString('utf8');
}

/**
 * The mailparser option that installs the decoder. @types/mailparser declares `Iconv` as an iconv-lite
 * stream instance, but mailparser calls it as a constructor (`new Iconv(charset, 'UTF-8//TRANSLIT')`),
 * which is what this is; hence the one cast.
 */
export const UTF8_FIRST_DECODING = { Iconv: Utf8FirstDecoder as unknown as DecoderStream } as const;
