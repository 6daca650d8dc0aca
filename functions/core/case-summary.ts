import type { SupportCase } from './support-case.ts';

/**
 * What lists and reports read of a case: the few fields the status index projects, never the
 * conversation history, so a report's memory does not grow with how much was said.
 */
export type CaseSummary = Pick<
  SupportCase,
  | 'caseNumber'
  | 'status'
  | 'priority'
  | 'subject'
  | 'requester'
  | 'flags'
  | 'assignee'
  | 'createdAt'
  | 'updatedAt'
  | 'firstResponseAt'
  | 'firstResponseBy'
  | 'solvedAt'
  | 'solvedBy'
  | 'slaBreaches'
  | 'bugOpenedAt'
  | 'bugFixedAt'
  | 'recoveredAt'
  | 'mergedInto'
>;

/** The attributes of CaseSummary, in the order the index and the reads name them. */
export const CASE_SUMMARY_FIELDS = [
  'caseNumber',
  'status',
  'priority',
  'subject',
  'requester',
  'flags',
  'assignee',
  'createdAt',
  'updatedAt',
  'firstResponseAt',
  'firstResponseBy',
  'solvedAt',
  'solvedBy',
  'slaBreaches',
  'bugOpenedAt',
  'bugFixedAt',
  'recoveredAt',
  'mergedInto',
] as const satisfies readonly (keyof CaseSummary)[];
