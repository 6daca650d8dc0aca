import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttachmentRecord } from './support-case.ts';

/**
 * Signed download links for a case's stored files: `<base>/files?k=<key>&n=<name>&e=<expiry>&s=<mac>`.
 * The HMAC (the reply-token key, under its own prefix, as survey links use it) covers the object
 * key, the file name shown and the expiry, so a link names one file and cannot be stretched in time
 * or pointed at another object. The expiry itself is signed, not the issue time: a link keeps the
 * lifetime it was sent with whatever the configuration says later.
 */

/** The path of downloads on the public function URL (next to the survey page). */
export const FILE_LINK_PATH = 'files';
/** 128 bits of HMAC-SHA256 in base64url, as survey links. */
const MAC_CHARS = 22;
const DAY_MS = 86_400_000;
/** Only decoded attachments are ever served: never a raw message or a decoded body. */
const ATTACHMENT_KEY = /^content\/[^/]+\/attachments\/[^/]+$/;
const EXPIRY = /^[0-9a-z]{1,9}$/;
const MAC = /^[A-Za-z0-9_-]{22}$/;
/** Longest name carried in a link; longer names are cut (the stored object is the same). */
const MAX_LINK_NAME_CHARS = 200;

/** The query of a download link, as it comes back. */
export interface FileLinkQuery {
  readonly k?: string;
  readonly n?: string;
  readonly e?: string;
  readonly s?: string;
}

export type FileLinkCheck =
  | { readonly valid: true; readonly key: string; readonly filename: string; readonly expiresAt: Date }
  | { readonly valid: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

/** The query of a link to `file` that works until `expiresAt`. */
export function signFileLink(secret: string, file: Pick<AttachmentRecord, 'key' | 'filename'>, expiresAt: Date) {
  const name = file.filename.slice(0, MAX_LINK_NAME_CHARS);
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return { k: file.key, n: name, e: expiry, s: mac(secret, file.key, name, expiry) };
}

/** Checks a link at `now`: a bad signature (anything changed) before the expiry, so a tampered date is refused as tampered. */
export function verifyFileLink(secret: string, query: FileLinkQuery, now: Date): FileLinkCheck {
  const { k: key, n: name, e: expiry, s: given } = query;
  if (key === undefined || name === undefined || expiry === undefined || given === undefined)
    return { valid: false, reason: 'malformed' };
  if (!ATTACHMENT_KEY.test(key) || !EXPIRY.test(expiry) || !MAC.test(given) || name.length > MAX_LINK_NAME_CHARS)
    return { valid: false, reason: 'malformed' };
  if (!timingSafeEqual(Buffer.from(mac(secret, key, name, expiry)), Buffer.from(given)))
    return { valid: false, reason: 'bad-signature' };
  const expiresAt = new Date(parseInt(expiry, 36) * 1000);
  if (now >= expiresAt) return { valid: false, reason: 'expired' };
  return { valid: true, key, filename: name, expiresAt };
}

/** Makes the download links of one run (one intake, one check), all expiring `linkDays` after `now`. */
export interface FileLinkFactory {
  linkFor(file: Pick<AttachmentRecord, 'key' | 'filename'>): { readonly url: string; readonly expiresAt: Date };
}

/** Links served by the survey function's URL (`surveyUrl` is its page; downloads sit beside it). */
export function fileLinkFactory(secret: string, surveyUrl: string, linkDays: number, now: Date): FileLinkFactory {
  const expiresAt = new Date(now.getTime() + linkDays * DAY_MS);
  return {
    linkFor(file) {
      const url = new URL(FILE_LINK_PATH, surveyUrl);
      for (const [name, value] of Object.entries(signFileLink(secret, file, expiresAt)))
        url.searchParams.set(name, value);
      return { url: url.toString(), expiresAt };
    },
  };
}

function mac(secret: string, key: string, name: string, expiry: string): string {
  // The key holds no `|` (store-content.ts makes it from a cleaned name) and neither does the expiry, so the fields cannot shift.
  return createHmac('sha256', secret)
    .update(`file|v1|${key}|${name}|${expiry}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}
