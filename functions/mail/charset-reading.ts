import iconv from 'iconv-lite';

/**
 * Charset names mail uses that the WHATWG Encoding Standard (and so `TextDecoder`) does not know,
 * mapped to the encoding it treats as their superset. The detector reports some of them too.
 */
const CHARSET_ALIASES: Readonly<Record<string, string>> = {
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  cp936: 'gbk',
  ms936: 'gbk',
  cp949: 'euc-kr',
  ms949: 'euc-kr',
  uhc: 'euc-kr',
  cp950: 'big5',
  ms950: 'big5',
  'big5-hkscs': 'big5',
  maccyrillic: 'x-mac-cyrillic',
  'tis-620': 'windows-874',
  // Japanese labels mailparser's own decoder (encoding-japanese) accepted, read by the nearest WHATWG decoder.
  jis: 'iso-2022-jp',
  'iso-2022-jp-1': 'iso-2022-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  cp50220: 'iso-2022-jp',
  cp50221: 'iso-2022-jp',
  eucjp: 'euc-jp',
  euc_jp: 'euc-jp',
  'eucjp-ms': 'euc-jp',
};

/** True when the bytes hold anything beyond 7-bit ASCII. */
export function hasEightBit(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte > 0x7f);
}

/** The WHATWG encoding name for a MIME charset label, or undefined when no decoder knows it. */
export function encodingFor(label: string): string | undefined {
  const trimmed = label.trim().toLowerCase();
  const name = CHARSET_ALIASES[trimmed] ?? trimmed;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

/** The bytes read in one charset, or undefined when they are not valid text in it. */
export function decodeStrictly(bytes: Uint8Array, label: string): string | undefined {
  const encoding = encodingFor(label);
  if (encoding === undefined) return undefined;
  try {
    return decodeAs(bytes, encoding, true);
  } catch {
    return undefined;
  }
}

/**
 * The bytes decoded by the WHATWG decoder for `encoding` (from `encodingFor`). Node 20's TextDecoder
 * reads windows-1252 (and every ISO-8859-1 label) as ISO-8859-1, turning curly quotes, dashes and
 * the euro sign into invisible C1 controls; iconv-lite's table is the right one and never fails.
 */
export function decodeAs(bytes: Uint8Array, encoding: string, fatal = false): string {
  if (encoding === 'windows-1252') return iconv.decode(Buffer.from(bytes), 'windows-1252');
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/**
 * Charsets a detector (jschardet) guesses for a sample of bytes, best first. It is loaded only when
 * asked: it adds about 60 ms to a cold start and 170 ms to its first guess, and it is needed only for
 * raw 8-bit bytes that are not UTF-8. On a subject's few bytes every guess scores low, so none is
 * left out: `readUndeclaredText` takes the first that also decodes the bytes without error.
 */
export async function guessCharsets(sample: Uint8Array): Promise<string[]> {
  const { default: jschardet } = await import('jschardet');
  return jschardet.detectAll(sample).flatMap((guess) => (guess.encoding === null ? [] : [guess.encoding]));
}

/**
 * Reads text whose charset nobody stated for these bytes (a raw 8-bit header, say): valid UTF-8 is
 * UTF-8, since other charsets almost never form valid UTF-8 by chance; then the first charset the
 * message declares elsewhere that reads the bytes without error; then the first detector guess
 * (`guessCharsets`) that does; and when nothing reads them, UTF-8 with replacement characters,
 * which shows the loss instead of mojibake.
 */
export function readUndeclaredText(bytes: Uint8Array, declared: readonly string[], guessed: readonly string[]): string {
  for (const label of ['utf-8', ...declared, ...guessed]) {
    const text = decodeStrictly(bytes, label);
    if (text !== undefined) return text;
  }
  return Buffer.from(bytes).toString('utf8');
}
