import { randomUUID } from 'node:crypto';

/** What a recipient does with our mail, as the local SES plays it (SES's mailbox simulator does the same on AWS). */
export type SimulatedFeedback = 'bounce' | 'complaint';

/** The configuration set the local SES says a message went through (`tags.ses:configuration-set`). */
export const LOCAL_CONFIGURATION_SET = 'mailcase-local';
/** The account id local events carry; every event names one, and nothing here checks it. */
const LOCAL_ACCOUNT = '000000000000';

export interface SentMailFacts {
  readonly sesMessageId: string;
  readonly from: string;
  readonly recipients: readonly string[];
  readonly sentAt: Date;
}

/**
 * The EventBridge event SES publishes for a configuration set's BOUNCE or COMPLAINT event type, for
 * one recipient of a message: the same envelope (`source: aws.ses`, `detail-type: Email Bounced`
 * or `Email Complaint Received`) and record (`eventType`, `bounce` or `complaint`, `mail`) as the
 * SES developer guide's event publishing examples, with the values SES's mailbox simulator gives
 * (a bounce is `Permanent`/`General`, 5.1.1 user unknown; a complaint is an `abuse` report).
 */
export function sesFeedbackEvent(
  kind: SimulatedFeedback,
  mail: SentMailFacts,
  recipient: string,
  options: { region: string; at: Date },
): Record<string, unknown> {
  const at = options.at.toISOString();
  const feedbackId = `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
  const mailObject = {
    timestamp: mail.sentAt.toISOString(),
    source: mail.from,
    sendingAccountId: LOCAL_ACCOUNT,
    messageId: mail.sesMessageId,
    destination: [...mail.recipients],
    headersTruncated: false,
    tags: { 'ses:configuration-set': [LOCAL_CONFIGURATION_SET], 'ses:from-domain': [mail.from.split('@')[1] ?? ''] },
  };
  const detail =
    kind === 'bounce'
      ? {
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: recipient,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            ],
            timestamp: at,
            feedbackId,
            reportingMTA: 'dsn; localhost',
          },
          mail: mailObject,
        }
      : {
          eventType: 'Complaint',
          complaint: {
            complainedRecipients: [{ emailAddress: recipient }],
            timestamp: at,
            feedbackId,
            userAgent: 'mailcase local SES',
            complaintFeedbackType: 'abuse',
            arrivalDate: at,
          },
          mail: mailObject,
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': kind === 'bounce' ? 'Email Bounced' : 'Email Complaint Received',
    source: 'aws.ses',
    account: LOCAL_ACCOUNT,
    time: at,
    region: options.region,
    resources: [`arn:aws:ses:${options.region}:${LOCAL_ACCOUNT}:configuration-set/${LOCAL_CONFIGURATION_SET}`],
    detail,
  };
}
