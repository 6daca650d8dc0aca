import { visibleLine } from './visible-text.ts';

/** Case tags in subjects: `[Case #1001] My order never arrived`. */

/** Longest subject we keep; longer ones are cut at a word boundary. */
const MAX_SUBJECT_LENGTH = 200;
const CASE_TAG = /\[Case #(\d{1,12})\]/gi;
const NO_SUBJECT = '(no subject)';
/** Reply and forward prefixes of common clients and languages ("Re:", "Fwd:", "AW:", "SV:", "Antw:" ...). */
const REPLY_PREFIX = /^\s*((re|fwd?|aw|sv|vs|tr|antw|wg|rif|odp|res)(\[\d+\])?\s*:\s*)+/i;

export function formatCaseTag(caseNumber: number): string {
  return `[Case #${caseNumber}]`;
}

/** A subject that is safe to reuse in a header: one line, bounded, without our own tags. */
export function cleanSubject(subject: string | undefined): string {
  const oneLine = visibleLine((subject ?? '').replace(CASE_TAG, ' ').replace(REPLY_PREFIX, ''));
  if (oneLine === '') return NO_SUBJECT;
  if (oneLine.length <= MAX_SUBJECT_LENGTH) return oneLine;
  const cut = oneLine.slice(0, MAX_SUBJECT_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > MAX_SUBJECT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/** The subject of our messages about a case. */
export function taggedSubject(caseNumber: number, subject: string): string {
  return `${formatCaseTag(caseNumber)} ${cleanSubject(subject)}`;
}

/** Case numbers named by tags in a subject, in order of appearance. */
export function caseNumbersInSubject(subject: string | undefined): number[] {
  return [...(subject ?? '').matchAll(CASE_TAG)].map((m) => Number(m[1]));
}
