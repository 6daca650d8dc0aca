import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';

/** What became of one received mail, in words for the person watching `npm start` or running `support replay`. */
export function describeOutcome(o: Pick<IntakeOutcome, 'outcome' | 'reason' | 'caseNumber' | 'sent'>): string {
  const sent = o.sent.length > 0 ? `; sent ${o.sent.join(', ')}` : '';
  const why = o.reason ? ` (${o.reason})` : '';
  switch (o.outcome) {
    case 'case-opened':
      return `case #${o.caseNumber} opened${sent}${why}`;
    case 'case-updated':
      return `case #${o.caseNumber} updated${sent}${why}`;
    case 'duplicate':
      return `duplicate: already taken in${o.caseNumber === undefined ? '' : ` (case #${o.caseNumber})`}${o.sent.length > 0 ? `; sent what was still owed: ${o.sent.join(', ')}` : '; nothing sent again'}`;
    default:
      return `${o.outcome}${why}`;
  }
}
