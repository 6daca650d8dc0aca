import * as z from '../config/zod-mini.ts';
import type { SesFeedback } from '../core/suppression.ts';

const nonEmpty = z.string().check(z.minLength(1));
const mail = z.object({ messageId: nonEmpty });
const address = z.string().check(z.trim(), z.minLength(3), z.maxLength(320));

const bounceRecord = z.object({
  eventType: z.literal('Bounce'),
  bounce: z.object({
    bounceType: nonEmpty,
    bounceSubType: nonEmpty,
    bouncedRecipients: z
      .array(
        z.object({ emailAddress: address, status: z.optional(z.string()), diagnosticCode: z.optional(z.string()) }),
      )
      .check(z.minLength(1)),
    timestamp: nonEmpty,
    feedbackId: nonEmpty,
  }),
  mail,
});

const complaintRecord = z.object({
  eventType: z.literal('Complaint'),
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: address })).check(z.minLength(1)),
    timestamp: nonEmpty,
    feedbackId: nonEmpty,
    complaintFeedbackType: z.optional(z.string()),
  }),
  mail,
});

/**
 * An SES sending event record. Event publishing (a configuration set's event destination) names
 * its kind `eventType`; SES's older identity notifications name it `notificationType` and are
 * otherwise the same objects, so a record of either kind reads the same.
 */
const feedbackRecord = z.pipe(
  z.transform((value: unknown) =>
    typeof value === 'object' && value !== null && !('eventType' in value) && 'notificationType' in value
      ? { ...value, eventType: value.notificationType }
      : value,
  ),
  z.discriminatedUnion('eventType', [bounceRecord, complaintRecord]),
);

/** What EventBridge delivers for the configuration set's BOUNCE and COMPLAINT events. */
const eventBridgeEvent = z.object({ source: z.literal('aws.ses'), 'detail-type': z.string(), detail: feedbackRecord });

/** Validates one bounce or complaint event from EventBridge; throws a zod error naming what is wrong. */
export function readSesFeedbackEvent(event: unknown): SesFeedback {
  return toFeedback(eventBridgeEvent.parse(event).detail);
}

function toFeedback(record: z.infer<typeof feedbackRecord>): SesFeedback {
  if (record.eventType === 'Bounce') {
    const { bounce } = record;
    return {
      kind: 'bounce',
      bounceType: bounce.bounceType,
      bounceSubType: bounce.bounceSubType,
      recipients: bounce.bouncedRecipients.map((r) => ({
        address: r.emailAddress,
        ...(r.status ? { status: r.status } : {}),
        ...(r.diagnosticCode ? { diagnosticCode: r.diagnosticCode } : {}),
      })),
      at: bounce.timestamp,
      feedbackId: bounce.feedbackId,
      sesMessageId: record.mail.messageId,
    };
  }
  const { complaint } = record;
  return {
    kind: 'complaint',
    ...(complaint.complaintFeedbackType ? { feedbackType: complaint.complaintFeedbackType } : {}),
    recipients: complaint.complainedRecipients.map((r) => ({ address: r.emailAddress })),
    at: complaint.timestamp,
    feedbackId: complaint.feedbackId,
    sesMessageId: record.mail.messageId,
  };
}
