import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialiseOnce } from '../../functions/config/initialise-once.ts';
import { localContext } from '../../infra/local/lambda-context.ts';
import { startStackFixture, storedReceipt, type StackFixture } from '../support/local-stack-fixture.ts';

describe('a cold start that failed', () => {
  it('is tried again by the next call, and a good one is shared by every call after it', async () => {
    let attempts = 0;
    const start = initialiseOnce(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('Secrets Manager: ThrottlingException');
      return `ready after ${attempts}`;
    });

    await expect(start()).rejects.toThrow('ThrottlingException');
    expect(await start()).toBe('ready after 2');
    expect(await start()).toBe('ready after 2');
    expect(attempts).toBe(2);
  });
});

describe('the inbound function after Secrets Manager failed its first start', () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(() => fixture.stop());

  /** A mail stored as SES's S3 action stores it, and the event SES then sends the function. */
  async function storedMail(label: string) {
    const raw = Buffer.from(
      `From: Ana <ana@customer.test>\r\nTo: support@example.test\r\nSubject: ${label}\r\nMessage-ID: <${label}@customer.test>\r\n\r\nHello.\r\n`,
    );
    const sesMessageId = `${label}${Date.now()}`;
    return storedReceipt(fixture, raw, sesMessageId, 'ana@customer.test');
  }

  it('takes the next mail in: the failed start is not kept for the life of the container', async () => {
    // Prepare: the secret is read from Secrets Manager, whose endpoint refuses connections (a port nobody listens on)
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const address = closed.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((done) => closed.close(done));
    const saved = { secret: process.env.REPLY_TOKEN_SECRET, endpoint: process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER };
    delete process.env.REPLY_TOKEN_SECRET;
    Object.assign(process.env, {
      REPLY_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:reply-token',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`,
    });
    const { handler } = await import('../../functions/inbound/handler.ts');

    // Act: the first mail meets the failure; then Secrets Manager is back (here: the secret is at hand again)
    const first = handler(await storedMail('cold-1'), localContext());
    await expect(first).rejects.toThrow();
    Object.assign(process.env, { REPLY_TOKEN_SECRET: saved.secret });
    delete process.env.REPLY_TOKEN_SECRET_ARN;
    if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    const second = await handler(await storedMail('cold-2'), localContext());

    // Assess
    expect(second).toEqual([expect.objectContaining({ outcome: 'case-opened', acknowledged: true })]);
    expect((await fixture.mailbox('ana@customer.test')).map((m) => m.mail.subject)).toEqual([
      expect.stringMatching(/^\[Case #\d+\] cold-2$/),
    ]);
  });
});
