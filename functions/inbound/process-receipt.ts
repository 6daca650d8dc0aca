import { RAW_MAIL } from '../config/resources.ts';
import { needsTranscript, parseAgentCommands } from '../core/agent-commands.ts';
import { messageSortKey } from '../adapters/case-keys.ts';
import { surveyLinkFactory } from '../core/survey-token.ts';
import { buildTranscript } from '../core/transcript.ts';
import { findAgentByEmail } from '../core/agents.ts';
import { floodKeysFor, judgeFlood } from '../core/flood-guard.ts';
import { withCurrentTeam } from '../config/current-team.ts';
import { readBounceReport } from '../core/bounce.ts';
import { caseNumbersInSubject } from '../core/case-subject.ts';
import { decideIntake } from '../core/intake-decision.ts';
import { intakeKeyFor, wordsOf, type InboundMailFacts } from '../core/new-case.ts';
import { replyAddresses, tokenInRecipient, verifyReplyToken } from '../core/reply-token.ts';
import { routeMail } from '../core/route-mail.ts';
import type { SupportCase } from '../core/support-case.ts';
import { ParseDeadlineError } from '../mail/bounded-parse.ts';
import { describeComplexity } from '../mail/mime-limits.ts';
import { MessageParseError, parseMessage, type ParsedInboundMail } from '../mail/parse-message.ts';
import { verdictsForSender } from '../core/sender-source.ts';
import { readReplyBodies } from '../mail/reply-source.ts';
import { registrableDomain } from '../mail/registrable-domain.ts';
import { isHtmlConversionError } from '../mail/long-html.ts';
import { withEnvelopeSender, type FoundSender } from '../mail/sender-address.ts';
import { extractReplyText } from '../mail/reply-text.ts';
import { commitAndSend, resumeIntake } from './commit-intake.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import { planBounce, planIntake } from '../core/plan-intake.ts';
import { countNewCase, takeInFlood } from './flood-intake.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { storeContent } from './store-content.ts';

/** Takes in one received mail: read, parse, find its case, decide, persist, send. Safe to repeat. */
export async function processReceipt(receipt: Receipt, given: InboundDependencies): Promise<IntakeOutcome> {
  const deps = await withCurrentTeam(given);
  const { settings } = deps;
  const rawKey = `${RAW_MAIL.inboundPrefix}${receipt.sesMessageId}`;
  const raw = await deps.rawMail.readMessage(rawKey, settings.maxMessageBytes);
  const parsed = await parseMessage(raw.bytes, { truncated: raw.truncated }).catch((error: unknown) => {
    if (error instanceof MessageParseError) return undefined;
    throw error;
  });
  const answerTo = parsed === undefined ? undefined : withEnvelopeSender(parsed.from === undefined ? undefined : { address: parsed.from, source: parsed.senderSource ?? 'from' }, receipt.envelopeSender);
  const mail = mailFacts(receipt, rawKey, parsed, answerTo, parsed === undefined ? undefined : await replyWords(raw.bytes, parsed));
  // "The same mail" is keyed on what its headers say, not on the envelope it came in (a forward or a second rule).
  const key = intakeKeyFor({ ...mail, from: parsed?.from });
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
  const floodKeys = sender === undefined || (agent !== undefined && proven.dmarc === 'PASS') ? undefined : floodKeysFor(sender, settings.floodLimits, now, registrableDomain(sender));
  // Storing the HTML and attachments does not wait on the lookup (a repeat stores the same objects again).
  const [found, content] = await Promise.all([
    deps.cases.lookUp(key, [...(mail.messageId ? [mail.messageId] : []), ...threadIds], named, floodKeys),
    parsed === undefined ? undefined : storeContent(deps.rawMail, receipt.sesMessageId, parsed),
  ]);
  if (found.intake !== undefined) return resumeIntake(found.intake, receipt, deps);

  const referenced = threadIds.map((id) => found.known.get(id)?.caseNumber).filter((n): n is number => n !== undefined);
  const missing = referenced.filter((n) => !found.cases.has(n));
  if (missing.length > 0) for (const [n, c] of await deps.cases.getCases(missing)) found.cases.set(n, c);
  const casesFor = (numbers: readonly number[]) => [...new Set(numbers)].map((n) => found.cases.get(n)).filter((c): c is SupportCase => c !== undefined);

  const decision = decideIntake({
    verdicts: receipt.verdicts,
    signals: { envelopeSender: receipt.envelopeSender, ...(parsed?.signals ?? {}) },
    ...(sender === undefined ? {} : { sender }),
    parsed: parsed !== undefined,
    isOwnMessage: mail.messageId !== undefined && found.known.get(mail.messageId)?.direction === 'outbound',
    truncated: raw.truncated,
    attachmentsSkipped: content?.attachmentsSkipped ?? false,
    bodyUndecoded: parsed?.bodyUndecoded ?? false,
    tooComplex: parsed?.tooComplex !== undefined,
  });
  const route = routeMail({
    decision,
    ...(sender === undefined ? {} : { sender }),
    verdicts: proven,
    ...(agent === undefined ? {} : { agent }),
    tokens,
    tokenCases: casesFor(tokens.flatMap((t) => (t.valid ? [t.caseNumber] : []))),
    referencedCases: casesFor(referenced),
    taggedCases: casesFor(tagged),
    receivedAt: receipt.receivedAt,
    reopenWithinDays: settings.lifecycle.reopenWithinDays,
  });
  const base = { intakeKey: key, sesMessageId: receipt.sesMessageId, rawKey, receivedAt: receipt.receivedAt };
  const replies = replyAddresses(settings.replyTokenSecret, settings.supportAddress, now);
  const newMessageIds = mail.messageId === undefined || found.known.has(mail.messageId) ? [] : [mail.messageId];
  const survey = surveyLinkFactory(settings.replyTokenSecret, settings.surveyUrl, settings.lifecycle.surveyLinkDays, now);
  const facts = { mail, messageKey: messageSortKey(mail.receivedAt, mail.sesMessageId), content: content ?? { attachments: [] }, verdicts: proven, settings, replyAddresses: replies, survey };

  if (route.kind === 'bounce' && parsed !== undefined) {
    const bounce = await findBouncedCase(raw.bytes, key, deps);
    if (bounce !== undefined) return commitAndSend(planBounce({ ...facts, ...bounce }), { base, mail, newMessageIds, receipt, replyAddresses: replies }, deps);
  }
  if (route.kind === 'ignore' || route.kind === 'hold' || route.kind === 'bounce') {
    // A bounce that quotes none of our messages is held like any other automatic mail.
    const outcome = route.kind === 'ignore' ? 'ignored' : 'held';
    const written = await deps.cases.commitIntake({ intake: { ...base, outcome, reason: route.reason, outbox: {} } });
    return { sesMessageId: receipt.sesMessageId, outcome: written === 'duplicate' ? 'duplicate' : outcome, reason: route.reason, sent: [], acknowledged: false };
  }
  const context = { base, mail, newMessageIds, receipt, replyAddresses: replies };
  // Past its sender's or domain's bound this hour, a new mail is filed into an open case instead.
  const flood = route.kind === 'new-case' && floodKeys !== undefined && found.floods !== undefined ? { keys: floodKeys, content: facts.content, context, verdict: judgeFlood(found.floods, settings.floodLimits) } : undefined;
  if (flood !== undefined && flood.verdict.action !== 'open') return takeInFlood(flood.verdict, flood, deps);
  // Only a reply that solves the case or asks for its transcript pays for reading the conversation.
  const commands = route.kind === 'agent-reply' ? parseAgentCommands(wordsOf(mail)) : undefined;
  const transcript = route.kind === 'agent-reply' && commands !== undefined && needsTranscript(commands) ? buildTranscript(await deps.cases.listMessages(route.supportCase.caseNumber)) : undefined;
  const plan = planIntake({
    ...facts,
    route,
    ...(commands === undefined ? {} : { commands }),
    ...(route.kind === 'new-case' ? { newCaseNumber: await deps.cases.allocateCaseNumber() } : {}),
    newCaseId: deps.newId(),
    ...(transcript === undefined ? {} : { transcript }),
  });
  // Recorded with the intake, so the outcome says why the case holds a note and not the text.
  const tooComplex = parsed?.tooComplex === undefined ? undefined : `too complex: ${describeComplexity(parsed.tooComplex)}`;
  const reason = [plan.reason, tooComplex].filter(Boolean).join('; ');
  return commitAndSend(reason === '' ? plan : { ...plan, reason }, { ...context, ...(flood === undefined ? {} : { flood: countNewCase(flood, plan.supportCase.caseNumber, deps) }) }, deps);
}

/** The case whose message a bounce quotes, read from the report's text. */
async function findBouncedCase(raw: Buffer, key: string, deps: InboundDependencies) {
  const report = readBounceReport(raw.toString('latin1'));
  if (report === undefined) return undefined;
  const { known } = await deps.cases.lookUp(key, report.quotedMessageIds, []);
  const caseNumber = report.quotedMessageIds.map((id) => known.get(id)).find((k) => k?.direction === 'outbound')?.caseNumber;
  if (caseNumber === undefined) return undefined;
  const supportCase = (await deps.cases.getCases([caseNumber])).get(caseNumber);
  return supportCase === undefined ? undefined : { supportCase, report };
}

/**
 * The new words of a message. format=flowed text is read again from the raw bytes, because the
 * parser's flowed decoding glues a quoted line onto the reply; other mail is not parsed twice.
 */
async function replyWords(raw: Buffer, parsed: ParsedInboundMail): Promise<string> {
  // A message too complex to parse is not parsed again: its words are the note that says so.
  const flowed = parsed.tooComplex === undefined && FORMAT_FLOWED.test(raw.subarray(0, FLOWED_SNIFF_BYTES).toString('latin1'));
  const parsedBodies = { ...(parsed.text === undefined ? {} : { text: parsed.text }), ...(parsed.html === undefined ? {} : { html: parsed.html }) };
  // Out of time on the second read, or an HTML body too long for it to convert, the first read's bodies will do.
  const outOfTime = (error: unknown) => {
    if (error instanceof ParseDeadlineError || isHtmlConversionError(error)) return parsedBodies;
    throw error;
  };
  const bodies = flowed ? await readReplyBodies(raw).catch(outOfTime) : parsedBodies;
  return extractReplyText(bodies).reply;
}

/** Where a text part's Content-Type would say format=flowed: the headers of the first parts. */
const FLOWED_SNIFF_BYTES = 64 * 1024;
const FORMAT_FLOWED = /format\s*=\s*"?flowed/i;

function mailFacts(receipt: Receipt, rawKey: string, parsed: ParsedInboundMail | undefined, sender: FoundSender | undefined, replyText: string | undefined): InboundMailFacts {
  return {
    sesMessageId: receipt.sesMessageId,
    rawKey,
    receivedAt: receipt.receivedAt,
    to: parsed?.to ?? [],
    cc: parsed?.cc ?? [],
    references: parsed?.references ?? [],
    ...(sender === undefined ? {} : { from: sender.address, senderSource: sender.source }),
    ...(parsed?.subject !== undefined ? { subject: parsed.subject } : {}),
    ...(parsed?.date ? { date: parsed.date } : {}),
    ...(parsed?.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed?.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    ...(parsed?.text !== undefined ? { text: parsed.text } : {}),
    ...(replyText !== undefined ? { replyText } : {}),
  };
}
