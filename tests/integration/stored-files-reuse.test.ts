import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SdkCounters, workBetween } from '../../bench/sdk-counters.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files stored for a new mail', () => {
  let fixture: StackFixture;
  // The inbound function's own S3 requests, counted as `npm run bench` counts them.
  const counters = new SdkCounters();
  beforeAll(async () => {
    fixture = await startStackFixture({ onAwsClients: (clients) => counters.instrument(clients.s3.middlewareStack) });
  });
  afterAll(async () => {
    await fixture.stop();
  });

  it('reach the team byte for byte without being read back from S3', async () => {
    // Prepare: a customer's first mail with two files
    const customer = `c${randomBytes(4).toString('hex')}@customer.test`;
    const invoice = randomBytes(40_000);
    const photo = randomBytes(25_000);
    const before = counters.snapshot();

    // Act
    await fixture.send({
      from: customer,
      to: 'support@example.test',
      subject: 'Charged twice',
      text: 'The invoice and a photo of the statement are attached.',
      attachments: [
        { filename: 'invoice.pdf', content: invoice, contentType: 'application/pdf' },
        { filename: 'statement.jpg', content: photo, contentType: 'image/jpeg' },
      ],
    });

    // Assess: both files stored and attached to the team's notification, and S3 read once (the raw mail)
    const work = workBetween(before, counters.snapshot());
    expect(work['S3.PutObject']).toBe(2);
    expect(work['S3.GetObject']).toBe(1);
    const [notification] = await fixture
      .mailbox('team@staff.example.com')
      .then((mails) => mails.filter((m) => m.mail.text?.includes(customer)));
    expect(Object.fromEntries(notification?.mail.attachments.map((a) => [a.filename, sha(a.content)]) ?? [])).toEqual({
      'invoice.pdf': sha(invoice),
      'statement.jpg': sha(photo),
    });
  });
});
