import { create as contentDisposition } from 'content-disposition';
import type { StoredFile } from '../adapters/raw-mail-store.ts';
import { downloadContentType } from '../core/download-type.ts';
import { verifyFileLink, type FileLinkQuery } from '../core/file-link.ts';
import { pageResponse, type PageResponse } from './survey-page.ts';

/**
 * Largest file served from the function itself. A Function URL answers at most 6 MB (buffered),
 * and a binary body goes base64-encoded (a third more): 4 MiB leaves room for the headers. A
 * bigger file is handed over by a redirect to a signed S3 GET with the same headers.
 */
export const MAX_SERVED_FILE_BYTES = 4 * 1024 * 1024;
/** A redirect's S3 URL is followed at once; a minute covers a slow client, and a copied URL soon dies. */
const REDIRECT_URL_SECONDS = 60;

/** The bucket as downloads read it. */
export interface DownloadFiles {
  readFile(key: string, maxBytes: number): Promise<StoredFile | undefined>;
  /** A signed S3 URL answered with these headers; without it a file past MAX_SERVED_FILE_BYTES is refused. */
  presignDownload?(
    key: string,
    headers: { readonly contentType: string; readonly contentDisposition: string },
    expiresInSeconds: number,
  ): Promise<string>;
}

export interface FileDownloadDependencies {
  readonly files: DownloadFiles;
  readonly secret: string;
  readonly now: () => Date;
}

export type DownloadOutcome = 'downloaded' | 'redirected' | 'tampered' | 'expired' | 'gone' | 'too-large';

/** What became of a download: the outcome for the log (never the link, a credential) and the response. */
export interface DownloadResult {
  readonly outcome: DownloadOutcome;
  readonly response: PageResponse;
}

/**
 * Serves the file a signed link names: always as a download (`Content-Disposition: attachment`,
 * with the name encoded per RFC 6266 and RFC 5987), with its stored type only if harmless
 * (core/download-type.ts), never sniffed, never cached; a file too big for a function's answer by a
 * redirect to a signed S3 GET that answers with the same type and disposition. A link changed in
 * any way gets a plain 403 page, an expired one a 410 page.
 */
export async function serveFileDownload(
  query: FileLinkQuery,
  deps: FileDownloadDependencies,
  head = false,
): Promise<DownloadResult> {
  const link = verifyFileLink(deps.secret, query, deps.now());
  if (!link.valid) return link.reason === 'expired' ? problem('expired') : problem('tampered');
  const file = await deps.files.readFile(link.key, MAX_SERVED_FILE_BYTES);
  if (file === undefined) return problem('gone');
  const headers = {
    contentType: downloadContentType(file.contentType),
    contentDisposition: contentDisposition(link.filename, { fallback: asciiFallback(link.filename) }),
  };
  if (file.truncated) {
    if (deps.files.presignDownload === undefined) return problem('too-large');
    const location = await deps.files.presignDownload(link.key, headers, REDIRECT_URL_SECONDS);
    return {
      outcome: 'redirected',
      response: { statusCode: 303, headers: { ...FILE_HEADERS, Location: location }, body: '' },
    };
  }
  return {
    outcome: 'downloaded',
    response: {
      statusCode: 200,
      headers: {
        ...FILE_HEADERS,
        'Content-Type': headers.contentType,
        'Content-Disposition': headers.contentDisposition,
        'Content-Length': String(file.bytes.length),
      },
      body: head ? '' : file.bytes.toString('base64'),
      isBase64Encoded: !head,
    },
  };
}

/** What every download answer carries: nothing sniffed, run, cached, indexed or referred on. */
const FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
} as const;

/** A plain ASCII name for clients that ignore `filename*`: other characters become `_`, never a quote or a slash. */
function asciiFallback(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\/%]/g, '_').trim();
  return ascii === '' ? 'download' : ascii;
}

const PAGES: Readonly<
  Record<Exclude<DownloadOutcome, 'downloaded' | 'redirected'>, readonly [number, string, string]>
> = {
  tampered: [
    403,
    'This link does not work',
    'The link is not one we sent, or it was changed on the way. Open it again from the email itself.',
  ],
  expired: [
    410,
    'This link has expired',
    'Download links work for a limited time. Ask the support team for the file again.',
  ],
  gone: [404, 'This file is no longer here', 'The file was removed when the mail it came with expired.'],
  'too-large': [
    413,
    'This file is too large to download here',
    'Ask the support team for it another way; an operator can save it with support files get.',
  ],
};

function problem(outcome: Exclude<DownloadOutcome, 'downloaded' | 'redirected'>): DownloadResult {
  const [status, title, text] = PAGES[outcome];
  const html = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p></html>`;
  return { outcome, response: pageResponse(status, html) };
}
