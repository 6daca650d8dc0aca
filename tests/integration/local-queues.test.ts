import { fileURLToPath } from 'node:url';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQueues } from '../../functions/config/queue-settings.ts';
import { localConfig } from '../../infra/local/local-config.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/** The example `npm start -- --config infra/local/examples/two-queues.json` runs: billing@ and a brand on its own domain. */
const TWO_QUEUES = fileURLToPath(new URL('../../infra/local/examples/two-queues.json', import.meta.url));

const rawMail = (from: string, to: string, subject: string) =>
  Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@local.test>\r\n\r\nHello\r\n`,
  );

describe('npm start with two more queues, one on a domain of its own', () => {
  let fixture: StackFixture;
  let ses: SESv2Client;

  beforeAll(async () => {
    fixture = await startStackFixture({ config: localConfig(undefined, TWO_QUEUES) });
    ses = new SESv2Client({
      endpoint: fixture.stack.ses.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    ses.destroy();
    await fixture.stop();
  });

  it("takes in mail for the brand's domain over SMTP, as the receipt rule does, and hands it to the pipeline", async () => {
    // Act
    await fixture.send({
      from: 'Lena Maier <lena@kundin.test>',
      to: 'hallo@kundendienst.test',
      subject: 'Meine Bestellung',
      text: 'Guten Tag, meine Bestellung ist nicht angekommen.',
    });

    // Assess
    expect(fixture.outcomes.map((o) => o.outcome)).toEqual(['case-opened']);
    const cases = await fixture.items('case');
    expect(cases.map((c) => [c.subject, c.requester])).toEqual([
      ['Meine Bestellung', { address: 'lena@kundin.test', name: 'Lena Maier' }],
    ]);
  });

  it('refuses mail for a domain no queue is on, naming the domains it takes', async () => {
    // Prepare
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: fixture.stack.smtpPort, ignoreTLS: true });

    // Act
    const sending = transport.sendMail({ from: 'a@b.test', to: 'hallo@elsewhere.test', subject: 'x', text: 'x' });

    // Assess
    await expect(sending).rejects.toThrow(/550.*not accepted here \(domains: example\.test, kundendienst\.test\)/);
    transport.close();
  });

  it("lets a queue's agent log in to the SMTP port with their own password", async () => {
    // Prepare
    const email = 'jonas@staff.example.com';
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: fixture.stack.smtpPort,
      ignoreTLS: true,
      auth: { user: email, pass: fixture.stack.agentPassword(email) },
    });

    // Act, Assess
    await expect(transport.verify()).resolves.toBe(true);
    transport.close();
  });

  it("sends from every queue's address, and refuses a sender on a domain the deployment does not verify, as SES does", async () => {
    // Act
    const fromBrand = await ses.send(
      new SendEmailCommand({
        Content: { Raw: { Data: rawMail('hallo@kundendienst.test', 'lena@kundin.test', 'Brand') } },
      }),
    );
    const fromBilling = await ses.send(
      new SendEmailCommand({
        Content: { Raw: { Data: rawMail('billing@example.test', 'lena@kundin.test', 'Billing') } },
      }),
    );
    const unverified = ses.send(
      new SendEmailCommand({ Content: { Raw: { Data: rawMail('news@elsewhere.test', 'lena@kundin.test', 'Spoof') } } }),
    );

    // Assess
    expect(fromBrand.MessageId).toBeTruthy();
    expect(fromBilling.MessageId).toBeTruthy();
    await expect(unverified).rejects.toMatchObject({
      name: 'MessageRejected',
      message:
        'Email address is not verified. The following identities failed the check in region EU-WEST-1: news@elsewhere.test',
    });
    const subjects = (await fixture.mailbox('lena@kundin.test')).map((m) => m.mail.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Brand', 'Billing']));
    expect(subjects).not.toContain('Spoof');
  });

  it('gives the functions both queues in QUEUES, as a deploy does', () => {
    // Act
    const queues = readQueues(process.env);

    // Assess
    expect(queues.map((q) => [q.id, q.address, q.language, q.businessHours.timeZone])).toEqual([
      ['billing', 'billing@example.test', 'en', 'UTC'],
      ['brand', 'hallo@kundendienst.test', 'de', 'Europe/Berlin'],
    ]);
    expect(queues[0]?.slaPolicy.byPriority.normal.firstResponse).toBe(8);
  });
});
