import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSes, type FiledCopy, type LocalSes } from '../../infra/local/ses-local.ts';

/** What the Maildir spec names a delivered message: time, unique part, host; no flags yet. */
const MAILDIR_NEW_NAME = /^\d+\.M\d+P\d+Q\d+\.[^/:]+$/;

describe('the local SES files every message into a Maildir per recipient that a mail client opens', () => {
  let ses: LocalSes;
  let root: string;
  let client: SESv2Client;
  const filed: FiledCopy[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'maildir-'));
    ses = await startLocalSes({
      region: 'eu-west-1',
      mailDir: join(root, 'mail'),
      maildirDir: join(root, 'maildir'),
      loopbackDomains: [],
      onLoopback: () => undefined,
      onFiled: (copy) => filed.push(copy),
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
    await rm(root, { recursive: true, force: true });
  });

  const send = (subject: string, to: string[]) =>
    client.send(
      new SendEmailCommand({
        Content: {
          Raw: {
            Data: Buffer.from(
              `From: support@example.test\r\nTo: ${to.join(', ')}\r\nSubject: ${subject}\r\n\r\nHello\r\n`,
            ),
          },
        },
      }),
    );

  it('delivers through tmp/ into new/, one file per message, each parsed whole by mailparser', async () => {
    // Prepare / Act
    await send('[Case #1001] We have your message', ['ana@customer.test']);
    await send('=?utf-8?q?Re=3A_=5BCase_=231001=5D_Ol=C3=A1?=', ['ana@customer.test', 'bo@customer.test']);

    // Assess
    const folder = join(root, 'maildir', 'ana@customer.test');
    expect((await readdir(folder)).sort()).toEqual(['cur', 'new', 'tmp']);
    expect(await readdir(join(folder, 'tmp'))).toEqual([]);
    const names = (await readdir(join(folder, 'new'))).sort();
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(MAILDIR_NEW_NAME);
    const subjects = await Promise.all(
      names.map(async (name) => (await simpleParser(await readFile(join(folder, 'new', name)))).subject),
    );
    expect(subjects.sort()).toEqual(['Re: [Case #1001] Olá', '[Case #1001] We have your message']);
    expect(await readdir(join(root, 'maildir', 'bo@customer.test', 'new'))).toHaveLength(1);
  });

  it('tells about each copy: recipient, decoded subject, its .eml file and its Maildir', async () => {
    const copies = filed.map((c) => ({ recipient: c.recipient, subject: c.subject, maildir: c.maildir }));
    expect(copies).toEqual(
      expect.arrayContaining([
        {
          recipient: 'ana@customer.test',
          subject: '[Case #1001] We have your message',
          maildir: join(root, 'maildir', 'ana@customer.test'),
        },
        {
          recipient: 'ana@customer.test',
          subject: 'Re: [Case #1001] Olá',
          maildir: join(root, 'maildir', 'ana@customer.test'),
        },
        {
          recipient: 'bo@customer.test',
          subject: 'Re: [Case #1001] Olá',
          maildir: join(root, 'maildir', 'bo@customer.test'),
        },
      ]),
    );
    expect(filed).toHaveLength(3);
    for (const copy of filed) {
      expect(copy.file.startsWith(join(root, 'mail', copy.recipient))).toBe(true);
      expect((await readFile(copy.file)).toString()).toContain('Hello');
    }
  });
});
