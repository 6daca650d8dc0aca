import { create as contentDisposition } from 'content-disposition';
import type { StoredFile } from '../adapters/raw-mail-store.ts';
import { downloadContentType } from '../core/download-type.ts';
import { verifyFileLink, type FileLinkQuery } from '../core/file-link.ts';
import { pageResponse, type PageResponse } from './survey-page.ts';

/**
 * Largest file served from the function itself. A Function URL answers at most 6 MB (buffered),
 * and a binary body goes base64-encoded (a third more): 4 MiB leaves room for the headers. A
 * bigger file is refused with a page that says how to get it.
 */
export const MAX_SERVED_FILE_BYTES = 4 * 1024 * 1024;

export interface FileDownloadDependencies {
  readonly files: { readFile(key: string, maxBytes: number): Promise<StoredFile | undefined> };
  readonly secret: string;
  readonly now: () => Date;
}

export type DownloadOutcome = 'downloaded' | 'tampered' | 'expired' | 'gone' | 'too-large';

/** What became of a download: the outcome for the log (never the link, a credential) and the response. */
export interface DownloadResult {
  readonly outcome: DownloadOutcome;
  readonly response: PageResponse;
}

/**
 * Serves the file a signed link names: always as a download (`Content-Disposition: attachment`,
 * with the name encoded per RFC 6266 and RFC 5987), with its stored type only if harmless
 * (core/download-type.ts), never sniffed, never cached. A link changed in any way gets a plain 403
 * page, an expired one a 410 page.
 */
export async function serveFileDownload(
  query: FileLinkQuery,
  deps: FileDownloadDependencies,
  head = false,
): Promise<DownloadResult> {
  const link = verifyFileLink(deps.secret, query, deps.now());
  if (!link.valid) return link.reason === 'expired' ? problem('expired') : problem('tampered');
  const file = await deps.files.readFile(link.key, MAX_SERVED_FILE_BYTES + 1);
  if (file === undefined) return problem('gone');
  if (file.truncated) return problem('too-large');
  return {
    outcome: 'downloaded',
    response: {
      statusCode: 200,
      headers: {
        'Content-Type': downloadContentType(file.contentType),
        'Content-Disposition': contentDisposition(link.filename, { fallback: asciiFallback(link.filename) }),
        'Content-Length': String(file.bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Robots-Tag': 'noindex, nofollow',
      },
      body: head ? '' : file.bytes.toString('base64'),
      isBase64Encoded: !head,
    },
  };
}

/** A plain ASCII name for clients that ignore `filename*`: other characters become `_`, never a quote or a slash. */
function asciiFallback(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\/%]/g, '_').trim();
  return ascii === '' ? 'download' : ascii;
}

const PAGES: Readonly<Record<Exclude<DownloadOutcome, 'downloaded'>, readonly [number, string, string]>> = {
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
    'An operator can save it with: support files get (see the operations guide).',
  ],
};

function problem(outcome: Exclude<DownloadOutcome, 'downloaded'>): DownloadResult {
  const [status, title, text] = PAGES[outcome];
  const html = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p></html>`;
  return { outcome, response: pageResponse(status, html) };
}
