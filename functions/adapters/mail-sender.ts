import { SendEmailCommand, TooManyRequestsException, type SESv2Client } from '@aws-sdk/client-sesv2';
import { sesWireMessageId } from '../core/outbound-draft.ts';

export interface SentMail {
  readonly sesMessageId: string;
  /** The Message-ID recipients see: SES replaces ours with one built from its own id. */
  readonly wireMessageId: string;
}

/**
 * How much longer a send SES keeps refusing for its rate ("Maximum sending rate exceeded.") is
 * tried, after the SDK's six attempts (about 8 s of backoff), in waits of 1 to 3 s. A burst of 500
 * closing mails against a new account's 14 a second keeps SES refusing for half a minute; without
 * this, a third of them failed their invocation and waited for Lambda's retry. Well inside the
 * functions' 60 s timeout; a refused send was not sent, so trying it again cannot send it twice.
 */
const THROTTLED_SEND_BUDGET_MS = 20_000;

/**
 * Sends raw MIME through SES v2, so our threading headers reach the recipient untouched. The SDK's
 * standard retry strategy retries throttling with backoff, and a send still refused for SES's rate is
 * tried for THROTTLED_SEND_BUDGET_MS more; a send that still fails throws, and the caller's retry
 * (SES → Lambda async retries) sends it again rather than dropping it.
 */
export class MailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly fromAddress: string,
    private readonly region: string,
  ) {}

  /**
   * Sends `raw` to `recipients` from `from` (a queue's address; the deployment's default address
   * when absent): SES writes it as the envelope sender, so bounces (Return-Path) reach that queue's
   * address too.
   */
  async sendRaw(raw: Buffer, recipients: readonly string[], from: string = this.fromAddress): Promise<SentMail> {
    // Counted from the end of the SDK's own attempts, whose backoff is random (full jitter) and may
    // itself take most of 20 s on a slow machine.
    let giveUpAt: number | undefined;
    for (;;) {
      try {
        return await this.sendOnce(raw, recipients, from);
      } catch (error) {
        giveUpAt ??= Date.now() + THROTTLED_SEND_BUDGET_MS;
        if (!(error instanceof TooManyRequestsException) || Date.now() >= giveUpAt) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
      }
    }
  }

  private async sendOnce(raw: Buffer, recipients: readonly string[], from: string): Promise<SentMail> {
    const response = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [...recipients] },
        Content: { Raw: { Data: raw } },
      }),
    );
    if (response.MessageId === undefined) throw new Error('SES accepted the message but returned no MessageId');
    return { sesMessageId: response.MessageId, wireMessageId: sesWireMessageId(response.MessageId, this.region) };
  }
}
