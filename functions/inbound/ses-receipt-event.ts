import * as z from '../config/zod-mini.ts';
import type { ReceiptVerdicts, VerdictStatus } from '../core/intake-decision.ts';

const verdict = z.pipe(
  z.optional(z.object({ status: z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']) })),
  // SES leaves a verdict out when it did not run that check; nothing was proven either way.
  z.transform((v): VerdictStatus => v?.status ?? 'GRAY'),
);

const sesRecord = z.object({
  eventSource: z.optional(z.literal('aws:ses')),
  ses: z.object({
    mail: z.object({
      messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,128}$/, 'SES message ids are short tokens')),
      source: z.string(),
      timestamp: z.string(),
      destination: z._default(z.array(z.string()), []),
    }),
    receipt: z.object({
      recipients: z.array(z.string()).check(z.minLength(1)),
      timestamp: z.string(),
      spamVerdict: verdict,
      virusVerdict: verdict,
      spfVerdict: verdict,
      dkimVerdict: verdict,
      dmarcVerdict: verdict,
    }),
  }),
});

/** The SES receipt event the inbound function gets from the rule's Lambda action (and locally). */
export const sesReceiptEventSchema = z.object({ Records: z.array(sesRecord).check(z.minLength(1)) });

export type SesReceiptEvent = z.input<typeof sesReceiptEventSchema>;

/** One received mail, as the inbound pipeline needs it. */
export interface Receipt {
  readonly sesMessageId: string;
  readonly envelopeSender: string;
  readonly recipients: readonly string[];
  readonly receivedAt: string;
  readonly verdicts: ReceiptVerdicts;
}

export function receiptsOf(event: unknown): Receipt[] {
  return sesReceiptEventSchema.parse(event).Records.map(({ ses: { mail, receipt } }) => ({
    sesMessageId: mail.messageId,
    envelopeSender: mail.source,
    recipients: receipt.recipients,
    receivedAt: new Date(receipt.timestamp).toISOString(),
    verdicts: {
      spam: receipt.spamVerdict,
      virus: receipt.virusVerdict,
      spf: receipt.spfVerdict,
      dkim: receipt.dkimVerdict,
      dmarc: receipt.dmarcVerdict,
    },
  }));
}
