import type { IntakeRecord } from '../core/intake-record.ts';
import type { IntakeStore } from '../adapters/intake-store.ts';
import type { CheckQueue } from '../adapters/check-queue.ts';
import { messageSortKey } from '../adapters/case-keys.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import { refusedNote, splitSendable } from '../core/address-syntax.ts';
import { MAX_TEXT_SUMMARY_CHARS } from '../core/new-case.ts';
import { describeSuppressions, recipientsOf, splitRecipients, withheldNote } from '../core/suppression.ts';
import { boundedWords } from '../core/transcript.ts';
import type { CaseMessage } from '../core/support-case.ts';
import { composeMessage } from '../mail/compose-message.ts';
import { awaitLeaseHolder } from './outbox-lease.ts';
import { deliverChecks } from './deliver-checks.ts';
import { SLA_CHECKS, sendOrder } from './outbox-order.ts';
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

export { SLA_CHECKS } from './outbox-order.ts';

export interface OutboxDependencies {
  readonly intakes: IntakeStore;
  readonly checks: CheckQueue;
  /** Where forwarded attachments are read from; a function without it (the alert consumer) sends none. */
  readonly rawMail?: RawMailStore;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: { readonly supportAddress: string };
  readonly now: () => Date;
}

/**
 * Sends what is still pending in the outbox: the response-time checks first, then mail for the team,
 * then mail for the customer, each customer mail filed as sent (with what went before it) right
 * after SES took it. A function that dies between two sends, or a send that fails, leaves a retry
 * only the rest, and a customer gets a mail twice only when SES took it and its filing was lost
 * (docs/design.md, the at-most-once window). Returns the names sent.
 * Suppressed recipients (bounced for good, or complained) are left out; a draft left with nobody
 * is not sent but ticked off like a sent one, with the reason, so no retry sends it.
 */
export async function sendOutbox(
  intake: IntakeRecord,
  leaseUntil: number,
  deps: OutboxDependencies,
): Promise<string[]> {
  const sent: SentEntry[] = [];
  let filed = 0;
  const fileSent = async () => {
    await deps.intakes.recordSent(intake.intakeKey, sent.slice(filed));
    filed = sent.length;
  };
  try {
    const pending = [...(intake.pendingSends ?? [])].sort(
      (a, b) => sendOrder(intake, a) - sendOrder(intake, b) || a.localeCompare(b),
    );
    const suppressed = intake.suppressed ?? (await suppressedAmong(pending, intake, deps));
    for (const name of pending) {
      if (name === SLA_CHECKS) {
        await deliverChecks(intake, deps);
        sent.push({ name });
        continue;
      }
      const draft = intake.outbox[name];
      if (draft === undefined) throw new Error(`Outbox of ${intake.intakeKey} has no draft named ${name}`);
      const { deliver: unsuppressed, withheld } = splitRecipients(draft, suppressed);
      // SES fails the whole send for one malformed address: leave such addresses out, and say so.
      const { sendable: deliver, refused } = splitSendable(unsuppressed);
      const notes = [
        ...(withheld.length > 0 || unsuppressed.length === 0
          ? [withheldNote(name, withheld, suppressed, unsuppressed.length > 0)]
          : []),
        ...(Object.keys(refused).length > 0 ? [refusedNote(name, refused, deliver.length > 0)] : []),
      ];
      const note = notes.length > 0 ? { withheld: notes.join('; ') } : {};
      if (deliver.length === 0) {
        sent.push({ name, ...note });
        continue;
      }
      sent.push({ name, message: await sendDraft(draft, deliver, deps), threadable: draft.customerFacing, ...note });
      if (draft.customerFacing) await fileSent();
    }
  } catch (error) {
    await fileSent()
      .then(() => deps.intakes.releaseOutbox(intake.intakeKey, leaseUntil))
      .catch((recordError: unknown) => {
        throw new AggregateError(
          [error, recordError],
          'Sending failed, and so did filing what was sent or releasing the outbox lease',
        );
      });
    throw error;
  }
  await fileSent();
  return sent.filter((s) => s.message !== undefined).map((s) => s.name);
}

/**
 * An outbox recorded but not (all) sent, as after a crash or by a copy of the same work: sends the
 * rest if nobody else holds the lease. Undefined when there was nothing left, or another invocation
 * held it and finished; OutboxLeasedError when the holder has not finished (it may have died).
 */
export async function resumeOutbox(existing: IntakeRecord, deps: OutboxDependencies): Promise<string[] | undefined> {
  const now = deps.now().getTime();
  const leaseUntil = now + OUTBOX_LEASE_MS;
  if (existing.pendingSends === undefined) return undefined;
  if (!(await deps.intakes.claimOutbox(existing.intakeKey, now, leaseUntil))) {
    await awaitLeaseHolder(deps.intakes, existing.intakeKey);
    return undefined;
  }
  return sendOutbox(existing, leaseUntil, deps);
}

interface SentEntry {
  readonly name: string;
  readonly message?: CaseMessage;
  readonly threadable?: boolean;
  /** Who the draft was withheld from, and why. */
  readonly withheld?: string;
}

function attachmentContent(key: string, deps: OutboxDependencies): Promise<Buffer> {
  if (deps.rawMail === undefined)
    throw new Error(`This function does not read stored mail, so it cannot attach ${key}`);
  return deps.rawMail.getContent(key);
}

/** Suppressed recipients of the pending drafts, for an outbox committed without checking them. */
async function suppressedAmong(
  names: readonly string[],
  intake: IntakeRecord,
  deps: OutboxDependencies,
): Promise<Record<string, string>> {
  const addresses = recipientsOf(names.flatMap((name) => intake.outbox[name] ?? []));
  return addresses.length === 0 ? {} : describeSuppressions(await deps.intakes.suppressions.find(addresses));
}

/**
 * Sends a draft to `recipients` (its To and Cc less the suppressed: only the envelope leaves them
 * out, so the others still see whom the answer was for).
 */
async function sendDraft(
  draft: OutboundDraft,
  recipients: readonly string[],
  deps: OutboxDependencies,
): Promise<CaseMessage> {
  // The draft carries its TemplateChoice: the language and queue folder the planner chose.
  const content = await deps.renderer.render(draft.template, draft.data, draft);
  const sentAt = deps.now();
  // Every message of a case comes from its queue's address (drafts recorded before queues: the default one).
  const from = { name: draft.fromName, address: draft.from ?? deps.settings.supportAddress };
  const attachments = await Promise.all(
    draft.attachments.map(async (a) => ({ ...a, content: await attachmentContent(a.key, deps) })),
  );
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
  const sent = await deps.sender.sendRaw(raw, recipients, from.address).catch((error: unknown) => {
    throw new SendFailedError(`Sending the ${draft.kind} of case #${draft.caseNumber} failed: ${String(error)}`, {
      cause: error,
    });
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
