import { messageSortKey } from '../adapters/case-keys.ts';
import { withCurrentTeam } from '../config/current-team.ts';
import { needsTranscript, parseAgentCommands } from '../core/agent-commands.ts';
import { findAgentByEmail } from '../core/agents.ts';
import { readBounceReport } from '../core/bounce.ts';
import { caseNumbersInSubject } from '../core/case-subject.ts';
import { floodKeysFor, judgeFlood } from '../core/flood-guard.ts';
import { decideIntake } from '../core/intake-decision.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import { wordsOf } from '../core/new-case.ts';
import { planBounce, planIntake } from '../core/plan-intake.ts';
import { replyAddresses, tokenInRecipient, verifyReplyToken } from '../core/reply-token.ts';
import { routeMail } from '../core/route-mail.ts';
import { verdictsForSender } from '../core/sender-source.ts';
import type { SupportCase } from '../core/support-case.ts';
import { surveyLinkFactory } from '../core/survey-token.ts';
import { buildTranscript } from '../core/transcript.ts';
import { describeComplexity } from '../mail/mime-limits.ts';
import { registrableDomain } from '../mail/registrable-domain.ts';
import { commitAndSend, recordWithoutCase, resumeIntake } from './commit-intake.ts';
import { countNewCase, takeInFlood } from './flood-intake.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import { readReceipt, type ReadMail } from './read-receipt.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { storeContent } from './store-content.ts';

/** Takes in one received mail: read, parse, find its case, decide, persist, send. Safe to repeat. */
export async function processReceipt(receipt: Receipt, given: InboundDependencies): Promise<IntakeOutcome> {
  const deps = await withCurrentTeam(given);
  const read = await readReceipt(receipt, deps);
  const found = await findCases(receipt, read, deps);
  if (found.intake !== undefined) return resumeIntake(found.intake, receipt, deps);
  return takeIn(receipt, read, found, deps);
}

/**
 * Everything the mail names, read at once: the tokens in its recipients (checked), the cases its
 * tokens, references and subject tags name, this hour's flood counts, and whether it was taken in
 * before. Its HTML and attachments are stored meanwhile (a repeat stores the same objects again).
 */
async function findCases(receipt: Receipt, { parsed, mail, intakeKey }: ReadMail, deps: InboundDependencies) {
  const { settings } = deps;
  const now = deps.now();
  const sender = mail.from?.address;
  const tokens = receipt.recipients
    .map((r) => tokenInRecipient(r, settings.supportAddress))
    .filter((t): t is string => t !== undefined)
    .map((t) => verifyReplyToken(settings.replyTokenSecret, t, sender, now));
  const tagged = caseNumbersInSubject(mail.subject);
  const threadIds = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references];
  const named = [...tokens.flatMap((t) => (t.caseNumber === undefined ? [] : [t.caseNumber])), ...tagged];
  const agent = findAgentByEmail(settings.team, sender);
  // What DMARC proves of the sender we read: nothing, unless we read it from From.
  const proven = verdictsForSender(receipt.verdicts, mail.senderSource);
  // Mail that DMARC proves is an agent's is never bounded; anyone else's new mail is, per hour.
  const floodKeys =
    sender === undefined || (agent !== undefined && proven.dmarc === 'PASS')
      ? undefined
      : floodKeysFor(sender, settings.floodLimits, now, registrableDomain(sender));
  const [found, content] = await Promise.all([
    deps.intakes.lookUp(intakeKey, [...(mail.messageId ? [mail.messageId] : []), ...threadIds], named, floodKeys),
    parsed === undefined ? undefined : storeContent(deps.rawMail, receipt.sesMessageId, parsed),
  ]);
  const referenced = threadIds.map((id) => found.known.get(id)?.caseNumber).filter((n): n is number => n !== undefined);
  const missing = found.intake === undefined ? referenced.filter((n) => !found.cases.has(n)) : [];
  if (missing.length > 0) for (const [n, c] of await deps.cases.getCases(missing)) found.cases.set(n, c);
  const casesFor = (numbers: readonly number[]) =>
    [...new Set(numbers)].map((n) => found.cases.get(n)).filter((c): c is SupportCase => c !== undefined);
  return {
    ...found,
    content,
    agent,
    proven,
    floodKeys,
    tokens,
    tokenCases: casesFor(tokens.flatMap((t) => (t.valid ? [t.caseNumber] : []))),
    referencedCases: casesFor(referenced),
    taggedCases: casesFor(tagged),
  };
}

/** Decides what the mail becomes (the core's intake decision and route), and persists and sends that. */
async function takeIn(
  receipt: Receipt,
  read: ReadMail,
  found: Awaited<ReturnType<typeof findCases>>,
  deps: InboundDependencies,
): Promise<IntakeOutcome> {
  const { settings } = deps;
  const { parsed, mail, raw } = read;
  const route = routeOf(receipt, read, found, settings);
  const { base, context, facts } = intakeFacts(receipt, read, found, deps);

  if (route.kind === 'bounce' && parsed !== undefined) {
    const bounce = await findBouncedCase(raw.bytes, read.intakeKey, deps);
    if (bounce !== undefined) return commitAndSend(planBounce({ ...facts, ...bounce }), context, deps);
  }
  // A bounce that quotes none of our messages is held like any other automatic mail.
  if (route.kind === 'ignore' || route.kind === 'hold' || route.kind === 'bounce')
    return recordWithoutCase(base, route.kind === 'ignore' ? 'ignored' : 'held', route.reason, deps);
  // Past its sender's or domain's bound this hour, a new mail is filed into an open case instead.
  const flood =
    route.kind === 'new-case' && found.floodKeys !== undefined && found.floods !== undefined
      ? {
          keys: found.floodKeys,
          content: facts.content,
          context,
          verdict: judgeFlood(found.floods, settings.floodLimits),
        }
      : undefined;
  if (flood !== undefined && flood.verdict.action !== 'open') return takeInFlood(flood.verdict, flood, deps);
  // Only a reply that solves the case or asks for its transcript pays for reading the conversation.
  const commands = route.kind === 'agent-reply' ? parseAgentCommands(wordsOf(mail)) : undefined;
  const transcript =
    route.kind === 'agent-reply' && commands !== undefined && needsTranscript(commands)
      ? buildTranscript(await deps.cases.listMessages(route.supportCase.caseNumber))
      : undefined;
  const plan = planIntake({
    ...facts,
    route,
    ...(commands === undefined ? {} : { commands }),
    ...(route.kind === 'new-case' ? { newCaseNumber: await deps.cases.allocateCaseNumber() } : {}),
    newCaseId: deps.newId(),
    ...(transcript === undefined ? {} : { transcript }),
  });
  // Recorded with the intake, so the outcome says why the case holds a note and not the text.
  const tooComplex =
    parsed?.tooComplex === undefined ? undefined : `too complex: ${describeComplexity(parsed.tooComplex)}`;
  const reason = [plan.reason, tooComplex].filter(Boolean).join('; ');
  return commitAndSend(
    reason === '' ? plan : { ...plan, reason },
    { ...context, ...(flood === undefined ? {} : { flood: countNewCase(flood, plan.supportCase.caseNumber, deps) }) },
    deps,
  );
}

/** The intake's record base, the context its commit needs, and the facts its planners read. */
function intakeFacts(
  receipt: Receipt,
  read: ReadMail,
  found: Awaited<ReturnType<typeof findCases>>,
  deps: InboundDependencies,
) {
  const { settings } = deps;
  const { mail } = read;
  const now = deps.now();
  const base = {
    intakeKey: read.intakeKey,
    sesMessageId: receipt.sesMessageId,
    rawKey: read.rawKey,
    receivedAt: receipt.receivedAt,
  };
  const replies = replyAddresses(settings.replyTokenSecret, settings.supportAddress, now);
  const context = {
    base,
    mail,
    newMessageIds: mail.messageId === undefined || found.known.has(mail.messageId) ? [] : [mail.messageId],
    receipt,
    replyAddresses: replies,
  };
  const survey = surveyLinkFactory(
    settings.replyTokenSecret,
    settings.surveyUrl,
    settings.lifecycle.surveyLinkDays,
    now,
  );
  const facts = {
    mail,
    messageKey: messageSortKey(mail.receivedAt, mail.sesMessageId),
    content: found.content ?? { attachments: [] },
    verdicts: found.proven,
    settings,
    replyAddresses: replies,
    survey,
  };

  return { base, context, facts };
}

/** What the mail is (the core's intake decision) and where it belongs (the core's route). */
function routeOf(
  receipt: Receipt,
  read: ReadMail,
  found: Awaited<ReturnType<typeof findCases>>,
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
  });
}

/** The case whose message a bounce quotes, read from the report's text. */
async function findBouncedCase(raw: Buffer, key: string, deps: InboundDependencies) {
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
