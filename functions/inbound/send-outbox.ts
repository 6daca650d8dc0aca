import type { CaseStore, IntakeRecord } from '../adapters/case-store.ts';
import type { CheckQueue } from '../adapters/check-queue.ts';
import { messageSortKey } from '../adapters/case-keys.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import { MAX_TEXT_SUMMARY_CHARS } from '../core/new-case.ts';
import { boundedWords } from '../core/transcript.ts';
import type { CaseMessage } from '../core/support-case.ts';
import { composeMessage } from '../mail/compose-message.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';

/**
 * How long one invocation owns sending an intake's outbox: longer than the function's 60 s
 * timeout, so a copy arriving meanwhile never sends twice. A send that fails releases the lease
 * for the retry; one that dies (timeout, crash) lets it lapse before Lambda retries a minute later.
 */
export const OUTBOX_LEASE_MS = 90_000;

/** SES refused or failed a send; counted as a send failure, and the receipt is retried. */
export class SendFailedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SendFailedError';
  }
}

/** The outbox entry that queues the case's response-time checks rather than sending mail. */
export const SLA_CHECKS = 'sla-checks';

export interface OutboxDependencies {
  readonly cases: CaseStore;
  readonly checks: CheckQueue;
  readonly rawMail: RawMailStore;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: { readonly supportAddress: string };
  readonly now: () => Date;
}

/**
 * Sends what is still pending in the outbox, then files everything sent in one write. If a send
 * fails, what did go out is filed first, so a retry sends only the rest. Returns the names sent.
 */
export async function sendOutbox(intake: IntakeRecord, leaseUntil: number, deps: OutboxDependencies): Promise<string[]> {
  const sent: SentEntry[] = [];
  try {
    for (const name of [...(intake.pendingSends ?? [])].sort()) {
      if (name === SLA_CHECKS) {
        await deps.checks.enqueue(intake.slaChecks ?? [], deps.now());
        sent.push({ name });
        continue;
      }
      const draft = intake.outbox[name];
      if (draft === undefined) throw new Error(`Outbox of ${intake.intakeKey} has no draft named ${name}`);
      sent.push({ name, message: await sendDraft(draft, deps), threadable: draft.customerFacing });
    }
  } catch (error) {
    await deps.cases.recordSent(intake.intakeKey, sent).then(() => deps.cases.releaseOutbox(intake.intakeKey, leaseUntil)).catch((recordError: unknown) => {
      throw new AggregateError([error, recordError], 'Sending failed, and so did filing what was sent or releasing the outbox lease');
    });
    throw error;
  }
  await deps.cases.recordSent(intake.intakeKey, sent);
  return sent.map((s) => s.name).filter((name) => name !== SLA_CHECKS);
}

interface SentEntry {
  readonly name: string;
  readonly message?: CaseMessage;
  readonly threadable?: boolean;
}

async function sendDraft(draft: OutboundDraft, deps: OutboxDependencies): Promise<CaseMessage> {
  const content = deps.renderer.render(draft.template, draft.data);
  const sentAt = deps.now();
  const from = { name: draft.fromName, address: deps.settings.supportAddress };
  const attachments = await Promise.all(draft.attachments.map(async (a) => ({ ...a, content: await deps.rawMail.getContent(a.key) })));
  const raw = await composeMessage({
    from,
    to: draft.to,
    cc: draft.cc,
    ...(draft.replyTo === undefined ? {} : { replyTo: draft.replyTo }),
    content,
    ...(draft.inReplyTo === undefined ? {} : { inReplyTo: draft.inReplyTo }),
    references: draft.references,
    automatic: draft.automatic,
    date: sentAt,
    attachments,
  });
  const sent = await deps.sender.sendRaw(raw, [...draft.to, ...draft.cc].map((a) => a.address)).catch((error: unknown) => {
    throw new SendFailedError(`Sending the ${draft.kind} of case #${draft.caseNumber} failed: ${String(error)}`, { cause: error });
  });
  const at = sentAt.toISOString();
  return {
    caseNumber: draft.caseNumber,
    messageKey: messageSortKey(at, sent.sesMessageId),
    direction: 'outbound',
    kind: draft.kind,
    from,
    to: draft.to,
    cc: draft.cc,
    subject: content.subject,
    date: at,
    sesMessageId: sent.sesMessageId,
    messageId: sent.wireMessageId,
    ...(draft.inReplyTo === undefined ? {} : { inReplyTo: draft.inReplyTo }),
    references: draft.references,
    textSummary: content.text.slice(0, MAX_TEXT_SUMMARY_CHARS),
    ...(draft.words === undefined ? {} : { words: boundedWords(draft.words) }),
    attachments: draft.attachments,
  };
}
