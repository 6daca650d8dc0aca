import { RAW_MAIL } from '../../infra/resources.ts';
import type { CaseStore, IntakeRecord } from '../adapters/case-store.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import { findAgentByEmail, type Team } from '../core/agents.ts';
import { caseNumbersInSubject } from '../core/case-subject.ts';
import { decideIntake } from '../core/intake-decision.ts';
import { intakeKeyFor, type InboundMailFacts } from '../core/new-case.ts';
import { replyAddresses, tokenInRecipient, verifyReplyToken } from '../core/reply-token.ts';
import { routeMail } from '../core/route-mail.ts';
import type { SupportCase } from '../core/support-case.ts';
import { MessageParseError, parseMessage, type ParsedInboundMail } from '../mail/parse-message.ts';
import { extractReplyText } from '../mail/reply-text.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';
import { planIntake } from './plan-intake.ts';
import { OUTBOX_LEASE_MS, sendOutbox } from './send-outbox.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { storeContent } from './store-content.ts';

export interface InboundSettings {
  readonly supportAddress: string;
  readonly supportName: string;
  readonly domain: string;
  readonly firstResponseHours: number;
  readonly maxMessageBytes: number;
  readonly team: Team;
  readonly replyTokenSecret: string;
}

export interface InboundDependencies {
  readonly cases: CaseStore;
  readonly rawMail: RawMailStore;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: InboundSettings;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface IntakeOutcome {
  readonly sesMessageId: string;
  readonly outcome: 'case-opened' | 'case-updated' | 'held' | 'ignored' | 'duplicate';
  readonly reason?: string;
  readonly caseNumber?: number;
  /** Names of the messages this invocation sent (acknowledgement, notification, reply ...). */
  readonly sent: readonly string[];
  readonly acknowledged: boolean;
}

/** Takes in one received mail: read, parse, find its case, decide, persist, send. Safe to repeat. */
export async function processReceipt(receipt: Receipt, deps: InboundDependencies): Promise<IntakeOutcome> {
  const { settings } = deps;
  const rawKey = `${RAW_MAIL.inboundPrefix}${receipt.sesMessageId}`;
  const raw = await deps.rawMail.readMessage(rawKey, settings.maxMessageBytes);
  const parsed = await parseMessage(raw.bytes).catch((error: unknown) => {
    if (error instanceof MessageParseError) return undefined;
    throw error;
  });
  const mail = mailFacts(receipt, rawKey, parsed);
  const key = intakeKeyFor(mail);
  const now = deps.now();
  const sender = mail.from?.address;
  const tokens = receipt.recipients
    .map((r) => tokenInRecipient(r, settings.supportAddress))
    .filter((t): t is string => t !== undefined)
    .map((t) => verifyReplyToken(settings.replyTokenSecret, t, sender, now));
  const tagged = caseNumbersInSubject(mail.subject);
  const threadIds = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references];
  const named = [...tokens.flatMap((t) => (t.caseNumber === undefined ? [] : [t.caseNumber])), ...tagged];
  const found = await deps.cases.lookUp(key, [...(mail.messageId ? [mail.messageId] : []), ...threadIds], named);
  if (found.intake !== undefined) return resume(found.intake, receipt, deps);

  const referenced = threadIds.map((id) => found.known.get(id)?.caseNumber).filter((n): n is number => n !== undefined);
  const missing = referenced.filter((n) => !found.cases.has(n));
  if (missing.length > 0) for (const [n, c] of await deps.cases.getCases(missing)) found.cases.set(n, c);
  const casesFor = (numbers: readonly number[]) => [...new Set(numbers)].map((n) => found.cases.get(n)).filter((c): c is SupportCase => c !== undefined);

  const content = parsed === undefined ? undefined : await storeContent(deps.rawMail, receipt.sesMessageId, parsed);
  const decision = decideIntake({
    verdicts: receipt.verdicts,
    signals: { envelopeSender: receipt.envelopeSender, ...(parsed?.signals ?? {}) },
    parsed: parsed !== undefined,
    isOwnMessage: mail.messageId !== undefined && found.known.get(mail.messageId)?.direction === 'outbound',
    truncated: raw.truncated,
    attachmentsSkipped: content?.attachmentsSkipped ?? false,
  });
  const agent = findAgentByEmail(settings.team, sender);
  const route = routeMail({
    decision,
    ...(sender === undefined ? {} : { sender }),
    verdicts: receipt.verdicts,
    ...(agent === undefined ? {} : { agent }),
    tokens,
    tokenCases: casesFor(tokens.flatMap((t) => (t.valid ? [t.caseNumber] : []))),
    referencedCases: casesFor(referenced),
    taggedCases: casesFor(tagged),
  });
  const base = { intakeKey: key, sesMessageId: receipt.sesMessageId, rawKey, receivedAt: receipt.receivedAt };

  if (route.kind === 'ignore' || route.kind === 'hold') {
    const written = await deps.cases.commitIntake({ intake: { ...base, outcome: route.kind === 'hold' ? 'held' : 'ignored', reason: route.reason, outbox: {} } });
    return { sesMessageId: receipt.sesMessageId, outcome: written === 'duplicate' ? 'duplicate' : route.kind === 'hold' ? 'held' : 'ignored', reason: route.reason, sent: [], acknowledged: false };
  }

  const plan = planIntake({
    route,
    mail,
    content: content ?? { attachments: [] },
    verdicts: receipt.verdicts,
    settings,
    replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, now),
    ...(route.kind === 'new-case' ? { newCaseNumber: await deps.cases.allocateCaseNumber() } : {}),
    newCaseId: deps.newId(),
  });
  const names = Object.keys(plan.drafts);
  const leaseUntil = now.getTime() + OUTBOX_LEASE_MS;
  const intake: IntakeRecord = {
    ...base,
    outcome: plan.outcome,
    caseNumber: plan.supportCase.caseNumber,
    ...(plan.reason ? { reason: plan.reason } : {}),
    outbox: plan.drafts,
    ...(names.length > 0 ? { pendingSends: new Set(names), leaseUntil } : {}),
  };
  const newMessageIds = mail.messageId === undefined || found.known.has(mail.messageId) ? [] : [mail.messageId];
  const written = await deps.cases.commitIntake({ intake, supportCase: plan.supportCase, isNewCase: plan.isNewCase, message: plan.message, newMessageIds });
  if (written === 'duplicate') {
    const raced = await deps.cases.getIntake(key);
    if (raced === undefined) throw new Error(`Intake ${key} was reported written by another invocation but cannot be read`);
    return resume(raced, receipt, deps);
  }
  const sent = names.length > 0 ? await sendOutbox(intake, leaseUntil, outboxDeps(deps)) : [];
  return { sesMessageId: receipt.sesMessageId, outcome: plan.outcome, caseNumber: plan.supportCase.caseNumber, ...(plan.reason ? { reason: plan.reason } : {}), sent, acknowledged: sent.includes('acknowledgement') };
}

/** A copy of a mail already taken in: send what its outbox still holds, if nobody else is. */
async function resume(existing: IntakeRecord, receipt: Receipt, deps: InboundDependencies): Promise<IntakeOutcome> {
  const duplicate = { sesMessageId: receipt.sesMessageId, outcome: 'duplicate' as const, ...(existing.caseNumber === undefined ? {} : { caseNumber: existing.caseNumber }) };
  const now = deps.now().getTime();
  const leaseUntil = now + OUTBOX_LEASE_MS;
  if (existing.pendingSends === undefined || !(await deps.cases.claimOutbox(existing.intakeKey, now, leaseUntil))) return { ...duplicate, sent: [], acknowledged: false };
  const sent = await sendOutbox(existing, leaseUntil, outboxDeps(deps));
  return { ...duplicate, sent, acknowledged: sent.includes('acknowledgement') };
}

function outboxDeps(deps: InboundDependencies) {
  return { cases: deps.cases, rawMail: deps.rawMail, sender: deps.sender, renderer: deps.renderer, supportAddress: deps.settings.supportAddress, now: deps.now };
}

function mailFacts(receipt: Receipt, rawKey: string, parsed: ParsedInboundMail | undefined): InboundMailFacts {
  const replyText = parsed === undefined ? undefined : extractReplyText({ ...(parsed.text === undefined ? {} : { text: parsed.text }), ...(parsed.html === undefined ? {} : { html: parsed.html }) }).reply;
  return {
    sesMessageId: receipt.sesMessageId,
    rawKey,
    receivedAt: receipt.receivedAt,
    to: parsed?.to ?? [],
    cc: parsed?.cc ?? [],
    references: parsed?.references ?? [],
    ...(parsed?.from ? { from: parsed.from } : {}),
    ...(parsed?.subject !== undefined ? { subject: parsed.subject } : {}),
    ...(parsed?.date ? { date: parsed.date } : {}),
    ...(parsed?.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed?.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    ...(parsed?.text !== undefined ? { text: parsed.text } : {}),
    ...(replyText !== undefined ? { replyText } : {}),
  };
}
