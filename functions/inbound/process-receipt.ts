import { RAW_MAIL } from '../../infra/resources.ts';
import type { CaseStore, IntakeRecord } from '../adapters/case-store.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import { messageSortKey } from '../adapters/case-keys.ts';
import { draftAcknowledgement } from '../core/acknowledgement.ts';
import { decideIntake } from '../core/intake-decision.ts';
import { inboundMessage, intakeKeyFor, newCase, type InboundMailFacts } from '../core/new-case.ts';
import type { MailAddress, SupportCase } from '../core/support-case.ts';
import { composeMessage } from '../mail/compose-message.ts';
import { MessageParseError, parseMessage, type ParsedInboundMail } from '../mail/parse-message.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { storeContent } from './store-content.ts';

/**
 * How long one invocation owns sending an acknowledgement: longer than the function's 60 s timeout,
 * so a copy arriving meanwhile never sends a second one. A send that fails releases the lease for
 * the retry; one that dies (timeout, crash) lets it lapse before Lambda retries, a minute later.
 */
const ACK_LEASE_MS = 90_000;

export interface InboundSettings {
  readonly supportAddress: string;
  readonly supportName: string;
  readonly domain: string;
  readonly firstResponseHours: number;
  readonly maxMessageBytes: number;
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
  readonly outcome: 'case-opened' | 'held' | 'ignored' | 'duplicate';
  readonly reason?: string;
  readonly caseNumber?: number;
  readonly acknowledged: boolean;
}

/** Takes in one received mail: read, parse, decide, persist, acknowledge. Safe to repeat. */
export async function processReceipt(receipt: Receipt, deps: InboundDependencies): Promise<IntakeOutcome> {
  const rawKey = `${RAW_MAIL.inboundPrefix}${receipt.sesMessageId}`;
  const raw = await deps.rawMail.readMessage(rawKey, deps.settings.maxMessageBytes);
  const parsed = await parseMessage(raw.bytes).catch((error: unknown) => {
    if (error instanceof MessageParseError) return undefined;
    throw error;
  });
  const mail = mailFacts(receipt, rawKey, parsed);
  const key = intakeKeyFor(mail);
  const { intake: existing, known } = await deps.cases.lookUp(key, mail.messageId === undefined ? [] : [mail.messageId]);
  if (existing !== undefined) return finishDuplicate(existing, mail, deps);
  const content = parsed === undefined ? undefined : await storeContent(deps.rawMail, receipt.sesMessageId, parsed);
  const decision = decideIntake({
    verdicts: receipt.verdicts,
    signals: { envelopeSender: receipt.envelopeSender, ...(parsed?.signals ?? {}) },
    parsed: parsed !== undefined,
    isOwnMessage: mail.messageId !== undefined && known.get(mail.messageId)?.direction === 'outbound',
    truncated: raw.truncated,
    attachmentsSkipped: content?.attachmentsSkipped ?? false,
  });
  const base = { intakeKey: key, sesMessageId: receipt.sesMessageId, rawKey, receivedAt: receipt.receivedAt };

  if (decision.action !== 'open-case') {
    const outcome = decision.action === 'hold' ? 'held' : 'ignored';
    const recorded = await deps.cases.recordIntake({ ...base, outcome: decision.action === 'hold' ? 'held' : 'ignored', reason: decision.reason, acknowledgement: 'none' });
    return { sesMessageId: receipt.sesMessageId, outcome: recorded === 'duplicate' ? 'duplicate' : outcome, reason: decision.reason, acknowledged: false };
  }

  const caseNumber = await deps.cases.allocateCaseNumber();
  const supportCase = newCase({ caseId: deps.newId(), caseNumber, mail, flags: decision.flags, ownDomain: deps.settings.domain });
  const acknowledge = decision.silence === undefined && mail.from !== undefined;
  const leaseUntil = deps.now().getTime() + ACK_LEASE_MS;
  const intake: IntakeRecord = {
    ...base,
    outcome: 'case',
    ...(decision.silence === undefined ? {} : { reason: decision.silence }),
    caseId: supportCase.caseId,
    caseNumber,
    acknowledgement: acknowledge ? 'pending' : 'none',
    ...(acknowledge ? { ackLeaseUntil: leaseUntil } : {}),
  };
  const message = inboundMessage(supportCase.caseId, messageSortKey(mail.receivedAt, mail.sesMessageId), mail, content ?? { attachments: [] });
  const written = await deps.cases.openCase({
    intake,
    supportCase,
    message,
    newMessageIds: mail.messageId === undefined || known.has(mail.messageId) ? [] : [mail.messageId],
  });
  if (written === 'created') {
    if (acknowledge && mail.from !== undefined) await acknowledgeUnderLease(supportCase, mail.from, mail, key, leaseUntil, deps);
    return { sesMessageId: receipt.sesMessageId, outcome: 'case-opened', caseNumber, acknowledged: acknowledge, ...(decision.silence ? { reason: decision.silence } : {}) };
  }
  const raced = await deps.cases.getIntake(key);
  if (raced === undefined) throw new Error(`Intake ${key} was reported written by another invocation but cannot be read`);
  return finishDuplicate(raced, mail, deps);
}

/** A copy of a mail already taken in: send its acknowledgement only if nobody did and nobody is. */
async function finishDuplicate(existing: IntakeRecord, mail: InboundMailFacts, deps: InboundDependencies): Promise<IntakeOutcome> {
  const duplicate = { sesMessageId: mail.sesMessageId, outcome: 'duplicate' as const, ...(existing.caseNumber === undefined ? {} : { caseNumber: existing.caseNumber }) };
  if (existing.acknowledgement !== 'pending' || existing.caseId === undefined || mail.from === undefined) {
    return { ...duplicate, acknowledged: false };
  }
  const now = deps.now().getTime();
  const key = existing.intakeKey;
  const leaseUntil = now + ACK_LEASE_MS;
  if (!(await deps.cases.claimAcknowledgement(key, now, leaseUntil))) return { ...duplicate, acknowledged: false };
  const supportCase = await deps.cases.getCase(existing.caseId);
  if (supportCase === undefined) throw new Error(`Intake ${key} names case ${existing.caseId}, which does not exist`);
  await acknowledgeUnderLease(supportCase, mail.from, mail, key, leaseUntil, deps);
  return { ...duplicate, acknowledged: true };
}

async function acknowledgeUnderLease(supportCase: SupportCase, requester: MailAddress, mail: InboundMailFacts, key: string, leaseUntil: number, deps: InboundDependencies): Promise<void> {
  try {
    await acknowledgeCase(supportCase, requester, mail, key, deps);
  } catch (error) {
    await deps.cases.releaseAcknowledgement(key, leaseUntil).catch((releaseError: unknown) => {
      throw new AggregateError([error, releaseError], 'Sending the acknowledgement failed, and so did releasing its lease');
    });
    throw error;
  }
}

async function acknowledgeCase(supportCase: SupportCase, requester: MailAddress, mail: InboundMailFacts, key: string, deps: InboundDependencies): Promise<void> {
  const { settings } = deps;
  const draft = draftAcknowledgement({ supportCase, requester, inbound: mail, supportName: settings.supportName, firstResponseHours: settings.firstResponseHours });
  const content = deps.renderer.render(draft.template, draft.data);
  const sentAt = deps.now();
  const from = { name: settings.supportName, address: settings.supportAddress };
  const raw = await composeMessage({ from, to: draft.to, content, references: draft.references, automatic: draft.automatic, date: sentAt, ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}) });
  const sent = await deps.sender.sendRaw(raw, draft.to.map((a) => a.address));
  const at = sentAt.toISOString();
  await deps.cases.recordAcknowledgement(key, {
    caseId: supportCase.caseId,
    messageKey: messageSortKey(at, sent.sesMessageId),
    direction: 'outbound',
    kind: draft.kind,
    from,
    to: draft.to,
    cc: [],
    subject: content.subject,
    date: at,
    sesMessageId: sent.sesMessageId,
    messageId: sent.wireMessageId,
    ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}),
    references: draft.references,
    textSummary: content.text,
    attachments: [],
  });
}

function mailFacts(receipt: Receipt, rawKey: string, parsed: ParsedInboundMail | undefined): InboundMailFacts {
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
  };
}
