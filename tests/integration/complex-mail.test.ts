import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { MAX_MIME_DEPTH, MAX_MIME_PARTS } from '../../functions/mail/mime-limits.ts';
import { SES_MAX_INBOUND_BYTES } from '../../infra/local/smtp-ingress.ts';
import { mailNested, mailWithParts } from '../support/complex-mail.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * Mail too complex or too big for the usual path still gets an outcome, through the whole local
 * stack over SMTP: a case with the raw message kept, never a parse that does not end.
 */
const SUPPORT = 'support@example.test';
/** The test deployment with the default maxMessageBytes (10 MiB), so the 50,000-part mail is read whole. */
const { maxMessageBytes: _testLimit, ...defaultLimits } = TEST_CONFIG_INPUT;
const CONFIG = parseSupportConfig(defaultLimits);

type Item = Record<string, unknown>;

describe('mail too complex or too big to read whole', () => {
  let fixture: StackFixture;
  let s3: S3Client;
  const deadLetters: Array<{ event: SESEvent; error: unknown }> = [];

  beforeAll(async () => {
    fixture = await startStackFixture({
      config: CONFIG,
      onDeadLetter: (event, error) => deadLetters.push({ event, error }),
    });
    s3 = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await fixture?.stop();
  });

  /** Sends over SMTP and returns the one outcome it got; nothing may end as a dead letter. */
  async function sendOverSmtp(raw: Buffer, from: string): Promise<IntakeOutcome> {
    const before = fixture.outcomes.length;
    const deadBefore = deadLetters.length;
    await fixture.send({ raw, envelope: { from, to: [SUPPORT] } });
    expect(deadLetters.slice(deadBefore).map((d) => String(d.error))).toEqual([]);
    const fresh = fixture.outcomes.slice(before);
    expect(fresh).toHaveLength(1);
    return fresh[0] as IntakeOutcome;
  }

  async function only(type: string, match: (item: Item) => boolean): Promise<Item> {
    const found = (await fixture.items(type)).filter(match);
    expect(found).toHaveLength(1);
    return found[0] as Item;
  }

  async function storedSize(key: unknown): Promise<number | undefined> {
    const head = await s3.send(new HeadObjectCommand({ Bucket: fixture.stack.bucketName, Key: String(key) }));
    return head.ContentLength;
  }

  const customer = (label: string) => `${label}-${randomBytes(3).toString('hex')}@customer.test`;

  describe.each([
    {
      shape: '1,000 MIME parts',
      build: mailWithParts.bind(null, 1_000),
      says: `1,000 MIME parts; the limit is ${MAX_MIME_PARTS}`,
    },
    {
      shape: '5,000 MIME parts',
      build: mailWithParts.bind(null, 5_000),
      says: `5,000 MIME parts; the limit is ${MAX_MIME_PARTS}`,
    },
    {
      shape: '50,000 MIME parts',
      build: mailWithParts.bind(null, 50_000),
      says: `50,000 MIME parts; the limit is ${MAX_MIME_PARTS}`,
    },
    {
      shape: 'multiparts nested 200 deep',
      build: mailNested.bind(null, 200),
      says: `MIME parts nested more than ${MAX_MIME_DEPTH} levels deep`,
    },
  ])('a mail of $shape', ({ build, says }) => {
    const from = customer('complex');
    const raw = build({ from, subject: 'Every invoice since 2019' });
    let outcome: IntakeOutcome;

    beforeAll(async () => {
      outcome = await sendOverSmtp(raw, from);
    });

    it('opens a case flagged too-complex, with the reason recorded', async () => {
      expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true, reason: `too complex: ${says}` });
      const supportCase = await only('case', (c) => c.caseNumber === outcome.caseNumber);
      expect(supportCase).toMatchObject({
        subject: 'Every invoice since 2019',
        requester: { address: from, name: 'Ann Example' },
        flags: ['too-complex'],
      });
      expect(await only('intake', (i) => i.sesMessageId === outcome.sesMessageId)).toMatchObject({
        reason: `too complex: ${says}`,
      });
    });

    it('files a plain note in place of the text, and keeps the raw message whole', async () => {
      const message = await only(
        'message',
        (m) => m.sesMessageId === outcome.sesMessageId && m.direction === 'inbound',
      );
      expect(message.textSummary).toBe(
        `This message is too complex to read here (${says}), so none of its text or attachments were taken in. The raw message is kept as it came: "support cases show" with this case number prints its key.`,
      );
      expect(message.attachments).toEqual([]);
      expect(await storedSize(message.rawKey)).toBeGreaterThanOrEqual(raw.length);
    });

    it('acknowledges the customer and tells the team plainly', async () => {
      expect(await fixture.mailbox(from)).toHaveLength(1);
      const notices = (await fixture.mailbox(CONFIG.teamAddress)).filter(({ mail }) =>
        mail.subject?.includes(`#${outcome.caseNumber}]`),
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]?.mail.text).toContain(`This message is too complex to read here (${says})`);
    });
  });

  it('a 30 MB mail over SMTP opens a case as configured (flagged truncated), and S3 keeps every byte', async () => {
    // Prepare: a note and a 30 MB attachment, past fauxqs's own 11 MiB and the 10 MiB read.
    const from = customer('large');
    const attachment = randomBytes(22 * 1024 * 1024)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const raw = Buffer.from(
      `From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: The whole export\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n` +
        `--b\r\nContent-Type: text/plain\r\n\r\nThe export you asked for is attached.\r\n` +
        `--b\r\nContent-Type: application/zip; name=export.zip\r\nContent-Disposition: attachment; filename=export.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--b--\r\n`,
    );
    expect(raw.length).toBeGreaterThan(30_000_000);
    expect(raw.length).toBeLessThan(SES_MAX_INBOUND_BYTES);
    expect(raw.length).toBeGreaterThan(CONFIG.maxMessageBytes);

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect((await only('case', (c) => c.caseNumber === outcome.caseNumber)).flags).toEqual(['truncated']);
    const message = await only('message', (m) => m.sesMessageId === outcome.sesMessageId && m.direction === 'inbound');
    expect(message.textSummary).toBe('The export you asked for is attached.');
    expect(await storedSize(message.rawKey)).toBeGreaterThanOrEqual(raw.length);
  });

  it('a mail over SES’s 40 MB is refused at SMTP, as SES refuses it', async () => {
    const from = customer('too-large');
    const raw = Buffer.concat([
      Buffer.from(`From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: Too big\r\n\r\n`),
      Buffer.alloc(SES_MAX_INBOUND_BYTES, 'x\r\n'),
    ]);
    const before = fixture.outcomes.length;

    await expect(fixture.send({ raw, envelope: { from, to: [SUPPORT] } })).rejects.toThrow(/552|exceeds/i);
    expect(fixture.outcomes.slice(before)).toEqual([]);
  });
});
