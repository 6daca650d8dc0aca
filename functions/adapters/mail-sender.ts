import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { sesWireMessageId } from '../core/outbound-draft.ts';

export interface SentMail {
  readonly sesMessageId: string;
  /** The Message-ID recipients see: SES replaces ours with one built from its own id. */
  readonly wireMessageId: string;
}

/**
 * Sends raw MIME through SES v2, so our threading headers reach the recipient untouched. The SDK's
 * standard retry strategy retries throttling with backoff; a send that still fails throws, and the
 * caller's retry (SES → Lambda async retries) sends it again rather than dropping it.
 */
export class MailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly fromAddress: string,
    private readonly region: string,
  ) {}

  async sendRaw(raw: Buffer, recipients: readonly string[]): Promise<SentMail> {
    const response = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [...recipients] },
        Content: { Raw: { Data: raw } },
      }),
    );
    if (response.MessageId === undefined) throw new Error('SES accepted the message but returned no MessageId');
    return { sesMessageId: response.MessageId, wireMessageId: sesWireMessageId(response.MessageId, this.region) };
  }
}
