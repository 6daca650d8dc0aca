import type { SupportCase } from './support-case.ts';

/** What a change to a case measured, for the metrics a handler emits. */
export interface CaseMeasures {
  /** Seconds from the case's first mail to its first answer, when this change was that answer. */
  readonly firstResponseSeconds?: number;
  /** Seconds from the case's first mail to solved, when this change solved it. */
  readonly resolutionSeconds?: number;
}

/** The measures of moving a case from `before` to `after` (wall-clock time; targets count business time). */
export function measureChange(before: SupportCase, after: SupportCase): CaseMeasures {
  const since = (at: string) => Math.max(0, Math.round((Date.parse(at) - Date.parse(after.createdAt)) / 1000));
  return {
    ...(before.firstResponseAt === undefined && after.firstResponseAt !== undefined
      ? { firstResponseSeconds: since(after.firstResponseAt) }
      : {}),
    ...(before.status !== 'solved' && after.status === 'solved' && after.solvedAt !== undefined
      ? { resolutionSeconds: since(after.solvedAt) }
      : {}),
  };
}
