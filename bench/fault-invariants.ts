import type { DeliveredMail } from '../infra/local/ses-local.ts';
import type { SentMail } from './fault-runner.ts';

/** The table's items the invariants read, by type. */
export interface TableView {
  readonly intakes: ReadonlyArray<Record<string, unknown>>;
  readonly cases: ReadonlyArray<Record<string, unknown>>;
  readonly ratingEvents: ReadonlyArray<Record<string, unknown>>;
}

/** What a pass proved; every count but `duplicateSends` must be 0. */
export interface Verdict {
  /** Mails with no intake at all: the pipeline never took them in. */
  readonly lost: number;
  /** Mails taken in whose outbox still holds sends or checks, or that have no outcome recorded. */
  readonly withoutOutcome: number;
  /** New-case mails with no case number, or a number another case has too, or more than one case. */
  readonly caseNumberProblems: number;
  /** Acknowledgements and answers that never reached their customer. */
  readonly missingSends: number;
  /** Extra copies a customer received: only the window where SES accepted a send whose record was lost. */
  readonly duplicateSends: number;
  /** Cases open or pending with no response-time checks queued. */
  readonly withoutChecks: number;
  /** Cases with more than one vote recorded. */
  readonly votesTwice: number;
}

/** Mail a customer of the pass must receive: an acknowledgement per new case, and each agent's answer. */
function expectedSends(sent: readonly SentMail[]): Map<string, number> {
  const expected = new Map<string, number>();
  for (const { mail } of sent)
    if (mail.kind !== 'customer-reply') expected.set(mail.customer, (expected.get(mail.customer) ?? 0) + 1);
  return expected;
}

/** Checks a pass's invariants against the table and what the local SES delivered. */
export function checkInvariants(
  sent: readonly SentMail[],
  table: TableView,
  delivered: readonly DeliveredMail[],
  votedCases: ReadonlySet<number>,
): Verdict {
  const intakeOf = new Map(table.intakes.map((i) => [String(i.sesMessageId), i]));
  const intakes = sent.map((s) => intakeOf.get(s.sesMessageId));
  const lost = intakes.filter((i) => i === undefined).length;
  const withoutOutcome = intakes.filter(
    (i) => i !== undefined && (i.pendingSends !== undefined || i.outcome === undefined),
  ).length;

  const newCases = sent.filter((s) => s.mail.kind === 'new-case');
  const numbers = newCases.map((s) => intakeOf.get(s.sesMessageId)?.caseNumber);
  const casesPerCustomer = new Map<string, number>();
  for (const c of table.cases) {
    const address = (c.requester as { address?: string } | undefined)?.address ?? '';
    casesPerCustomer.set(address, (casesPerCustomer.get(address) ?? 0) + 1);
  }
  const caseNumberProblems =
    numbers.filter((n) => typeof n !== 'number').length +
    (numbers.length - new Set(numbers).size) +
    newCases.filter((s) => casesPerCustomer.get(s.mail.customer) !== 1).length;

  let missingSends = 0;
  let duplicateSends = 0;
  const received = new Map<string, number>();
  for (const mail of delivered) for (const r of mail.recipients) received.set(r, (received.get(r) ?? 0) + 1);
  for (const [customer, count] of expectedSends(sent)) {
    const got = received.get(customer) ?? 0;
    missingSends += Math.max(0, count - got);
    duplicateSends += Math.max(0, got - count);
  }

  const passCases = new Set(numbers.filter((n): n is number => typeof n === 'number'));
  const queued = new Set(
    table.intakes
      .filter((i) => Array.isArray(i.slaChecks) && i.slaChecks.length > 0 && i.pendingSends === undefined)
      .map((i) => Number(i.caseNumber)),
  );
  const withoutChecks = table.cases.filter(
    (c) => passCases.has(Number(c.caseNumber)) && c.status === 'open' && !queued.has(Number(c.caseNumber)),
  ).length;

  const votes = new Map<number, number>();
  for (const e of table.ratingEvents) votes.set(Number(e.caseNumber), (votes.get(Number(e.caseNumber)) ?? 0) + 1);
  const votesTwice = [...votedCases].filter((n) => (votes.get(n) ?? 0) > 1).length;
  return { lost, withoutOutcome, caseNumberProblems, missingSends, duplicateSends, withoutChecks, votesTwice };
}
