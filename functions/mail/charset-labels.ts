/**
 * Mail labelled ISO-8859-1 or US-ASCII is very often windows-1252 (curly quotes, dashes, the euro
 * sign in 0x80-0x9F, where ISO-8859-1 has only invisible C1 controls). Browsers decode those labels
 * as windows-1252 (WHATWG Encoding Standard), and so do we. The stored raw message is not changed.
 */
const CHARSET_PARAMETER =
  /(charset\s*=\s*"?)(iso[-_]?8859-1|iso_8859-1:1987|latin-?1|l1|us-ascii|ascii)(?=["\s;]|$)/gim;
const ENCODED_WORD = /=\?(iso-8859-1|us-ascii)(\*[a-z-]+)?\?/gi;

export function readAsWhatwgCharsets(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  if (!/iso[-_]?8859-1|latin-?1|ascii/i.test(text)) return raw;
  const relabelled = text
    .replace(CHARSET_PARAMETER, '$1windows-1252')
    .replace(ENCODED_WORD, (_m, _charset: string, language = '') => `=?windows-1252${language}?`);
  return relabelled === text ? raw : Buffer.from(relabelled, 'latin1');
}
