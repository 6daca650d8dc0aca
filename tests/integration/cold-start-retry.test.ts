import { createServer } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
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

describe('the functions after Secrets Manager failed their first start', () => {
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
    // Prepare
    const secretsManagerBack = await secretsManagerDown();
    const { handler } = await import('../../functions/inbound/handler.ts');

    // Act: the first mail meets the failure; then Secrets Manager is back (here: the secret is at hand again)
    const first = handler(await storedMail('cold-1'), localContext());
    await expect(first).rejects.toThrow();
    secretsManagerBack();
    const second = await handler(await storedMail('cold-2'), localContext());

    // Assess
    expect(second).toEqual([expect.objectContaining({ outcome: 'case-opened', acknowledged: true })]);
    expect((await fixture.mailbox('ana@customer.test')).map((m) => m.mail.subject)).toEqual([
      expect.stringMatching(/^\[Case #\d+\] cold-2$/),
    ]);
  });

  it("answers a survey visitor while it cannot start in their browser's language, then serves the survey once it can", async () => {
    // Prepare
    const secretsManagerBack = await secretsManagerDown();
    const { handler } = await import('../../functions/survey/handler.ts');
    const visit = (acceptLanguage?: string) =>
      handler(
        {
          ...surveyGet,
          headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
        } as unknown as APIGatewayProxyEventV2,
        localContext(),
      );

    // Act
    const german = await visit('de-DE,de;q=0.9,en;q=0.8');
    const english = await visit('en-US,en;q=0.5');
    const unknown = await visit('xx');
    const none = await visit();
    secretsManagerBack();
    const started = await visit('de-DE');

    // Assess
    expect([german, english, unknown, none].map((r) => r.statusCode)).toEqual([500, 500, 500, 500]);
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Bei uns ist etwas schiefgelaufen');
    for (const page of [english, unknown, none]) expect(page.body).toContain('Something went wrong on our side');
    expect(started.statusCode).not.toBe(500);
  });
});

/** An API Gateway (Function URL) GET of the survey page with no token: a page the started function answers with a problem. */
const surveyGet = {
  version: '2.0',
  rawPath: '/survey',
  rawQueryString: '',
  requestContext: { http: { method: 'GET', path: '/survey' } },
};

/**
 * Makes the reply-token secret come from Secrets Manager at an endpoint that refuses connections (a
 * port nobody listens on), so a function's start fails; returns what puts the secret at hand again.
 */
async function secretsManagerDown(): Promise<() => void> {
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
  return () => {
    Object.assign(process.env, { REPLY_TOKEN_SECRET: saved.secret });
    delete process.env.REPLY_TOKEN_SECRET_ARN;
    if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  };
}
