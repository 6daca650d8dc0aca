/**
 * What one line of a plain-text mail is: e(mpty), q(uoted with `>`), h (a reply header such as
 * "On <date>, <name> wrote:", GroupWise's `>>> name date >>>`, or any line with an address and a
 * colon right above a `>` quote), o (an "Original Message" or forward separator), f (a From/Sent/To/
 * Subject block) or t(ext). h, o and f start quoted material.
 */
export type LineKind = 'e' | 'q' | 'h' | 'o' | 'f' | 't';

/**
 * Longest line tried as part of a reply header or a separator: RFC 5322's limit for a line (998),
 * well past any a client writes. The header patterns' parts overlap, so on a longer line they
 * backtrack for a time that grows with its square: 200,000 underscores took three minutes.
 */
export const MAX_HEADER_LINE_CHARS = 998;
