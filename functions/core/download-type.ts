/**
 * The Content-Type a downloaded file is served with. Downloads come from our public origin, so a
 * stored type a browser would run (text/html, image/svg+xml, application/javascript, XML with
 * stylesheets) must never reach it: only types that are inert data go out as they were stored, and
 * every other file is opaque bytes. With `Content-Disposition: attachment` and `nosniff` beside it,
 * nothing a customer sends renders as a page on our origin.
 */

/** Types a browser shows, plays or hands to a viewer without running anything of ours. SVG is left out: it carries script. */
export const HARMLESS_DOWNLOAD_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/avif',
  'application/pdf',
  'text/plain',
  'text/csv',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/mp4',
  'video/mp4',
  'video/quicktime',
  'video/webm',
]);

/** What everything else is served as. */
export const OPAQUE_TYPE = 'application/octet-stream';

/** The stored type's essence (`type/subtype`, parameters dropped) when it is harmless, else opaque bytes. */
export function downloadContentType(stored: string | undefined): string {
  const essence = (stored ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return HARMLESS_DOWNLOAD_TYPES.has(essence) ? essence : OPAQUE_TYPE;
}
