import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSes, type DeliveredMail, type LocalSes } from '../../infra/local/ses-local.ts';

describe('the local SES keeps what SES would deliver, byte for byte', () => {
  let ses: LocalSes;
  let mailDir: string;
  let client: SESv2Client;
  const looped: Array<{ mail: DeliveredMail; recipients: readonly string[] }> = [];

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'ses-local-'));
    ses = await startLocalSes({
      region: 'eu-west-1',
      mailDir,
      loopbackDomains: ['example.test'],
      onLoopback: (mail, recipients) => looped.push({ mail, recipients }),
    });
    client = new SESv2Client({
      endpoint: ses.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await ses.stop();
    await rm(mailDir, { recursive: true, force: true });
  });

  const raw = Buffer.from(
    'From: support@example.test\r\nTo: ana@customer.test\r\nCc: support@example.test\r\nBcc: boss@customer.test\r\nMessage-ID: <ours@example.test>\r\nIn-Reply-To: <m1@customer.test>\r\nReferences: <m0@customer.test> <m1@customer.test>\r\nSubject: =?utf-8?q?Ol=C3=A1?=\r\n\r\nbody \xe9\r\n',
    'latin1',
  );

  it('replaces the Message-ID as SES does, keeps threading headers, drops Bcc and files one copy per recipient', async () => {
    const response = await client.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }));

    const expectedId = `<${response.MessageId}@eu-west-1.amazonses.com>`;
    for (const recipient of ['ana@customer.test', 'boss@customer.test', 'support@example.test']) {
      const files = await readdir(join(mailDir, recipient));
      expect(files).toHaveLength(1);
      const stored = await readFile(join(mailDir, recipient, files[0]!));
      const text = stored.toString('latin1');
      expect(text.startsWith(`Message-ID: ${expectedId}\r\n`)).toBe(true);
      expect(text).not.toContain('<ours@example.test>');
      expect(text).not.toMatch(/^Bcc:/im);
      expect(text).toContain(
        'In-Reply-To: <m1@customer.test>\r\nReferences: <m0@customer.test> <m1@customer.test>\r\n',
      );
      expect(stored.subarray(stored.length - 8).toString('latin1')).toBe('body \xe9\r\n');
    }
  });

  it('loops mail for our own domain back into the pipeline', () => {
    expect(looped).toHaveLength(1);
    expect(looped[0]?.recipients).toEqual(['support@example.test']);
  });

  it('honours an explicit Destination over the headers', async () => {
    const before = ses.sent.length;
    await client.send(
      new SendEmailCommand({ Destination: { ToAddresses: ['only@customer.test'] }, Content: { Raw: { Data: raw } } }),
    );
    expect(ses.sent[before]?.recipients).toEqual(['only@customer.test']);
  });

  it('answers a request it cannot serve with a clear error, not silence', async () => {
    await expect(
      client.send(
        new SendEmailCommand({
          FromEmailAddress: 'a@example.test',
          Destination: { ToAddresses: ['b@x.test'] },
          Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
        }),
      ),
    ).rejects.toThrow(/Only raw content/);
  });
});
