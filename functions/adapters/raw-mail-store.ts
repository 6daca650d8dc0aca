import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** S3's DeleteObjects limit: keys per request. */
const MAX_DELETE_KEYS = 1000;

export interface RawMessage {
  readonly bytes: Buffer;
  /** Size of the whole stored object. */
  readonly totalSize: number;
  /** Only the first `maxBytes` were read. */
  readonly truncated: boolean;
}

/** A decoded file as stored: its bytes (or their start) and the type it was stored with. */
export interface StoredFile extends RawMessage {
  readonly contentType?: string;
}

/** The raw mail bucket: SES's copy of every inbound message, and the content we decode from it. */
export class RawMailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** Reads a stored message, at most `maxBytes` of it (a ranged GET, so memory stays bounded). */
  async readMessage(key: string, maxBytes: number): Promise<RawMessage> {
    const response = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }),
    );
    const bytes = Buffer.from(await (response.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
    const totalSize = totalSizeOf(response.ContentRange) ?? bytes.length;
    return { bytes, totalSize, truncated: totalSize > bytes.length };
  }

  /**
   * A stored file with the type it was stored with, at most `maxBytes` of it (a ranged GET), or
   * undefined when there is no such object (expired with the retention, or never stored).
   */
  async readFile(key: string, maxBytes: number): Promise<StoredFile | undefined> {
    try {
      const response = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }),
      );
      const bytes = Buffer.from(await (response.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
      const totalSize = totalSizeOf(response.ContentRange) ?? bytes.length;
      return {
        bytes,
        totalSize,
        truncated: totalSize > bytes.length,
        ...(response.ContentType === undefined ? {} : { contentType: response.ContentType }),
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /**
   * A short-lived URL that fetches the object straight from S3, answered with the headers given
   * here instead of those it was stored with (S3's response-* overrides of a signed GET).
   */
  presignDownload(
    key: string,
    headers: { readonly contentType: string; readonly contentDisposition: string },
    expiresInSeconds: number,
  ): Promise<string> {
    const get = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: headers.contentType,
      ResponseContentDisposition: headers.contentDisposition,
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.s3, get, { expiresIn: expiresInSeconds });
  }

  /**
   * This store for one received mail: content written through it is read back from memory, so the
   * team's notification attaches the files just stored without an S3 GET for each (the bytes are
   * those just written). Everything else reads S3 as before, and so does a retry in another invocation.
   */
  forOneMail(): RawMailStore {
    return new OneMailStore(this.s3, this.bucket);
  }

  async getContent(key: string): Promise<Buffer> {
    const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await (response.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
  }

  async putContent(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /**
   * Deletes objects (raw mail or content) in requests of MAX_DELETE_KEYS; throws naming the keys S3
   * refused. In the versioned bucket this leaves delete markers: earlier versions go by the
   * lifecycle rule's noncurrent-version expiry.
   */
  async deleteObjects(keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += MAX_DELETE_KEYS) {
      const batch = keys.slice(start, start + MAX_DELETE_KEYS);
      const response = await this.s3.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = response.Errors ?? [];
      if (failed.length > 0)
        throw new Error(`S3 did not delete ${failed.map((e) => `${e.Key} (${e.Code})`).join(', ')}`);
    }
  }
}

/** See `RawMailStore.forOneMail`: lives as long as one mail's intake, so what it keeps goes with it. */
class OneMailStore extends RawMailStore {
  readonly #written = new Map<string, Buffer>();

  override async getContent(key: string): Promise<Buffer> {
    return this.#written.get(key) ?? super.getContent(key);
  }

  override async putContent(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await super.putContent(key, body, contentType);
    // A string goes to S3 as UTF-8, so that is what reading it back gives.
    this.#written.set(key, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  }
}

function totalSizeOf(contentRange: string | undefined): number | undefined {
  const total = contentRange?.split('/')[1];
  return total === undefined || total === '*' ? undefined : Number(total);
}
