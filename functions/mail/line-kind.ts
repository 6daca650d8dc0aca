/**
 * What one line of a plain-text mail is: e(mpty), q(uoted with `>`), h (a reply header such as
 * "On <date>, <name> wrote:", GroupWise's `>>> name date >>>`, or any line with an address and a
 * colon right above a `>` quote), o (an "Original Message" or forward separator), f (a From/Sent/To/
 * Subject block) or t(ext). h, o and f start quoted material.
 */
export type LineKind = 'e' | 'q' | 'h' | 'o' | 'f' | 't';
