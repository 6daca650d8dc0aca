import { readBounceReport } from '../core/bounce.ts';
import { caseNumbersInSubject } from '../core/case-subject.ts';
import { floodKeysFor } from '../core/flood-guard.ts';
import { decideIntake } from '../core/intake-decision.ts';
import { agentOfAnyQueue, tokenInQueueRecipient, type QueueTeams } from '../core/queue-routing.ts';
import { verifyReplyToken } from '../core/reply-token.ts';
import { routeMail } from '../core/route-mail.ts';
import { blockedReason, blockValuesFor } from '../core/sender-blocks.ts';
import { verdictsForSender } from '../core/sender-source.ts';
import type { SupportCase } from '../core/support-case.ts';
import { registrableDomain } from '../mail/registrable-domain.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import type { ReadMail } from './read-receipt.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { followMerges } from './merged-cases.ts';
import { storeContent } from './store-content.ts';

/**
 * Everything the mail names, read at once: the tokens in its recipients (checked), the cases its
 * tokens, references and subject tags name, this hour's flood counts, and whether it was taken in
 * before. Its HTML and attachments are stored meanwhile (a repeat stores the same objects again).
 */
export async function findCases(
  receipt: Receipt,
  { parsed, mail, intakeKey }: ReadMail,
  deps: InboundDependencies,
  teams: QueueTeams,
) {
  const { settings } = deps;
  const now = deps.now();
  const sender = mail.from?.address;
  // A reply token works on any queue's address: a case moved since keeps answering to the old one.
  const checked = receipt.recipients
    .map((r) => tokenInQueueRecipient(r, settings.queues))
    .filter((t): t is string => t !== undefined)
    .map((t) => verifyReplyToken(settings.replyTokenSecret, t, sender, now));
  const tagged = caseNumbersInSubject(mail.subject);
  const threadIds = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references];
  const named = [...checked.flatMap((t) => (t.caseNumber === undefined ? [] : [t.caseNumber])), ...tagged];
  // An agent of any queue; whether they may act on the case they name is asked once it is known (queueOfRoute).
  const agent = agentOfAnyQueue(teams, sender);
  // What DMARC proves of the sender we read: nothing, unless we read it from From.
  const proven = verdictsForSender(receipt.verdicts, mail.senderSource);
  // Mail that DMARC proves is an agent's is never bounded; anyone else's new mail is, per hour.
  const floodKeys =
    sender === undefined || (agent !== undefined && proven.dmarc === 'PASS')
      ? undefined
      : floodKeysFor(sender, settings.floodLimits, now, registrableDomain(sender));
  // The team is never blocked; anyone else's blocks ride in the lookup's BatchGet.
  const blockable = agent === undefined ? sender : undefined;
  const [found, content] = await Promise.all([
    deps.intakes.lookUp(
      intakeKey,
      [...(mail.messageId ? [mail.messageId] : []), ...threadIds],
      named,
      floodKeys,
      blockable,
    ),
    parsed === undefined ? undefined : storeContent(deps.rawMail, receipt.sesMessageId, parsed),
  ]);
  const referenced = threadIds.map((id) => found.known.get(id)?.caseNumber).filter((n): n is number => n !== undefined);
  const missing = found.intake === undefined ? referenced.filter((n) => !found.cases.has(n)) : [];
  if (missing.length > 0) for (const [n, c] of await deps.cases.getCases(missing)) found.cases.set(n, c);
  // A merged case's thread, tokens and tag all lead to the case it was merged into.
  const survivors = found.intake === undefined ? await followMerges(found.cases, deps) : new Map<number, number>();
  const survivorOf = (n: number) => survivors.get(n) ?? n;
  const tokens = checked.map((t) => (t.valid ? { ...t, caseNumber: survivorOf(t.caseNumber) } : t));
  const casesFor = (numbers: readonly number[]) =>
    [...new Set(numbers.map(survivorOf))]
      .map((n) => found.cases.get(n))
      .filter((c): c is SupportCase => c !== undefined);
  return {
    ...found,
    content,
    agent,
    proven,
    floodKeys,
    engineering: engineeringOfAnyQueue(teams, sender),
    ...(sender === undefined ? {} : { blocked: blockedReason(sender, found.blocks) }),
    tokens,
    tokenCases: casesFor(tokens.flatMap((t) => (t.valid ? [t.caseNumber] : []))),
    referencedCases: casesFor(referenced),
    taggedCases: casesFor(tagged),
  };
}

/** Whether the sender is some queue's engineering address, or writes from its domain (see RouteFacts). */
function engineeringOfAnyQueue(teams: QueueTeams, sender: string | undefined): 'address' | 'domain' | undefined {
  const found = [...teams.values()].map((team) => engineeringSender(team.engineeringAddress, sender));
  return found.find((f) => f === 'address') ?? found.find((f) => f === 'domain');
}

/** Whether the sender is the engineering address, or writes from its domain (see RouteFacts). */
function engineeringSender(engineeringAddress: string, sender: string | undefined): 'address' | 'domain' | undefined {
  if (sender === undefined) return undefined;
  const [address, domain] = blockValuesFor(engineeringAddress);
  if (sender.toLowerCase() === address) return 'address';
  return blockValuesFor(sender)[1] === domain ? 'domain' : undefined;
}

/** What findCases found. */
export type FoundCases = Awaited<ReturnType<typeof findCases>>;

/** What the mail is (the core's intake decision) and where it belongs (the core's route). */
export function routeOf(
  receipt: Receipt,
  read: ReadMail,
  found: FoundCases,
  settings: InboundDependencies['settings'],
) {
  const { parsed, mail, raw } = read;
  const sender = mail.from?.address;
  const decision = decideIntake({
    verdicts: receipt.verdicts,
    signals: { envelopeSender: receipt.envelopeSender, ...(parsed?.signals ?? {}) },
    ...(sender === undefined ? {} : { sender }),
    parsed: parsed !== undefined,
    isOwnMessage: mail.messageId !== undefined && found.known.get(mail.messageId)?.direction === 'outbound',
    truncated: raw.truncated,
    attachmentsSkipped: found.content?.attachmentsSkipped ?? false,
    bodyUndecoded: parsed?.bodyUndecoded ?? false,
    tooComplex: parsed?.tooComplex !== undefined,
  });
  return routeMail({
    decision,
    ...(sender === undefined ? {} : { sender }),
    verdicts: found.proven,
    ...(found.agent === undefined ? {} : { agent: found.agent }),
    tokens: found.tokens,
    tokenCases: found.tokenCases,
    referencedCases: found.referencedCases,
    taggedCases: found.taggedCases,
    receivedAt: receipt.receivedAt,
    reopenWithinDays: settings.lifecycle.reopenWithinDays,
    ...(found.engineering === undefined ? {} : { engineering: found.engineering }),
    ...(found.blocked === undefined ? {} : { blocked: found.blocked }),
  });
}

/** The case whose message a bounce quotes, read from the report's text. */
export async function findBouncedCase(raw: Buffer, key: string, deps: InboundDependencies) {
  const report = readBounceReport(raw.toString('latin1'));
  if (report === undefined) return undefined;
  const { known } = await deps.intakes.lookUp(key, report.quotedMessageIds, []);
  const caseNumber = report.quotedMessageIds
    .map((id) => known.get(id))
    .find((k) => k?.direction === 'outbound')?.caseNumber;
  if (caseNumber === undefined) return undefined;
  const supportCase = (await deps.cases.getCases([caseNumber])).get(caseNumber);
  return supportCase === undefined ? undefined : { supportCase, report };
}
