/** CRLF to LF, trailing whitespace off every line and off the ends: what "exact match" means for an extracted reply. */
export const normaliseReply = (text: string): string =>
  text
    .replace(/\r\n/gu, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
