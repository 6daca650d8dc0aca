import { z } from 'zod';
import type { SesFeedback } from '../core/suppression.ts';

const mail = z.object({ messageId: z.string().min(1) });
const address = z.string().trim().min(3).max(320);

const bounceRecord = z.object({
  eventType: z.literal('Bounce'),
  bounce: z.object({
    bounceType: z.string().min(1),
    bounceSubType: z.string().min(1),
    bouncedRecipients: z.array(z.object({ emailAddress: address, status: z.string().optional(), diagnosticCode: z.string().optional() })).min(1),
    timestamp: z.string().min(1),
    feedbackId: z.string().min(1),
  }),
  mail,
});

const complaintRecord = z.object({
  eventType: z.literal('Complaint'),
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: address })).min(1),
    timestamp: z.string().min(1),
    feedbackId: z.string().min(1),
    complaintFeedbackType: z.string().optional(),
  }),
  mail,
});

/**
 * An SES sending event record. Event publishing (a configuration set's event destination) names
 * its kind `eventType`; SES's older identity notifications name it `notificationType` and are
 * otherwise the same objects, so a record of either kind reads the same.
 */
const feedbackRecord = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !('eventType' in value) && 'notificationType' in value ? { ...value, eventType: value.notificationType } : value),
  z.discriminatedUnion('eventType', [bounceRecord, complaintRecord]),
);

/** What EventBridge delivers for the configuration set's BOUNCE and COMPLAINT events. */
const eventBridgeEvent = z.object({ source: z.literal('aws.ses'), 'detail-type': z.string(), detail: feedbackRecord });

/** Validates one bounce or complaint event from EventBridge; throws a ZodError naming what is wrong. */
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
      recipients: bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, ...(r.status ? { status: r.status } : {}), ...(r.diagnosticCode ? { diagnosticCode: r.diagnosticCode } : {}) })),
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
