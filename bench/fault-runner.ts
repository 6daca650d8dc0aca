import type { SESEvent } from 'aws-lambda';
import type { IntakeOutcome } from '../functions/core/intake-outcome.ts';
import type { LocalStack } from '../infra/local/local-stack.ts';
import type { FaultMail } from './fault-mail.ts';

/** What became of one receipt: its outcome, or that it failed every retry (kept as a dead letter). */
export type Fate = { readonly outcome: IntakeOutcome } | { readonly deadLetter: SESEvent };

/** One mail as sent: what it was, its SES message id and its fate. */
export interface SentMail {
  readonly mail: FaultMail;
  readonly sesMessageId: string;
  readonly fate: Fate;
}

/**
 * Takes mail in as SES does (stored, then the inbound function invoked, retried twice, then kept as
 * a dead letter) and tells each sender when its receipt met its fate. The stack's onOutcome and
 * onDeadLetter are wired to `settle`.
 */
export class FaultRunner {
  private readonly waiting = new Map<string, (fate: Fate) => void>();
  private readonly early = new Map<string, Fate>();
  private stack: LocalStack | undefined;
  private supportAddress = '';

  attach(stack: LocalStack, supportAddress: string): void {
    this.stack = stack;
    this.supportAddress = supportAddress;
  }

  /** Called for every outcome and dead letter of the stack. */
  settle(sesMessageId: string | undefined, fate: Fate): void {
    if (sesMessageId === undefined) return;
    const resolve = this.waiting.get(sesMessageId);
    if (resolve === undefined) this.early.set(sesMessageId, fate);
    else {
      this.waiting.delete(sesMessageId);
      resolve(fate);
    }
  }

  /** Takes one mail in and waits for its fate. */
  async send(mail: FaultMail): Promise<SentMail> {
    const stack = this.stack;
    if (stack === undefined) throw new Error('FaultRunner.attach(stack) first');
    const sesMessageId = await stack.ingress.receive(mail.raw, {
      ...(mail.agent ? { authenticatedAs: mail.from } : {}),
      sender: mail.from,
      recipients: [this.supportAddress],
      ip: '127.0.0.1',
      helo: mail.from.split('@')[1] ?? 'localhost',
    });
    const fate = await this.fateOf(sesMessageId);
    return { mail, sesMessageId, fate };
  }

  /** Takes `mails` in with `concurrency` at a time; resolves with every fate, and the wall time. */
  async sendAll(mails: readonly FaultMail[], concurrency: number): Promise<{ sent: SentMail[]; seconds: number }> {
    const started = performance.now();
    const sent: SentMail[] = [];
    let next = 0;
    const worker = async () => {
      while (next < mails.length) {
        const mail = mails[next++];
        if (mail !== undefined) sent.push(await this.send(mail));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { sent, seconds: (performance.now() - started) / 1000 };
  }

  private fateOf(sesMessageId: string): Promise<Fate> {
    const known = this.early.get(sesMessageId);
    if (known !== undefined) {
      this.early.delete(sesMessageId);
      return Promise.resolve(known);
    }
    return new Promise((resolve) => this.waiting.set(sesMessageId, resolve));
  }
}
