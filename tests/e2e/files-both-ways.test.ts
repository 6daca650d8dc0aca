import { createHash, randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SERVED_FILE_BYTES } from '../../functions/survey/file-download.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

/** Files attached to one notification in this test: small, so one file goes past it. */
const ATTACH_BYTES = 200_000;
const DAY_MS = 86_400_000;

const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A 1×1 PNG: the picture the customer pastes into her text. */
const PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const INVOICE = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000)]);
const RECORDING = randomBytes(300_000);
const AGENT_REPORT = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(60_000)]);

/** The URL of a download link in a notification's text, for the file named `name`. */
function linkFor(text: string, name: string): URL {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(`- ${name} (`));
  const url = lines[at + 1]?.trim();
  if (at === -1 || url === undefined) throw new Error(`No download link for ${name} in:\n${text}`);
  return new URL(url);
}

describe('files both ways: the customer’s reach the agent, the agent’s reach the customer', () => {
  const agents = agentDomainZone();
  let clock = new Date();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({
      zone: agents.zone,
      config: parseSupportConfig({
        ...TEST_CONFIG_INPUT,
        maxMessageBytes: 8 * 1024 * 1024,
        files: { attachBytesPerNotification: ATTACH_BYTES },
      }),
      now: () => clock,
    });
    maria = mailClient(fixture, { dkim: agents.dkim });
  });
  afterAll(async () => {
    maria.close();
    await fixture?.stop();
  });

  it('a new case’s notification carries the customer’s files byte for byte, her pasted picture inline in the HTML', async () => {
    // Act
    await fixture.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'The invoice is wrong',
      text: 'Hello, the invoice total is wrong, see the screenshot and the PDF.',
      html: '<p>Hello, the invoice total is wrong:</p><p><img src="cid:shot-1@customer.test"></p>',
      attachments: [
        { filename: 'screenshot.png', content: PICTURE, contentType: 'image/png', cid: 'shot-1@customer.test' },
        { filename: 'Rechnung März.pdf', content: INVOICE, contentType: 'application/pdf' },
        { filename: 'call recording.ogg', content: RECORDING, contentType: 'audio/ogg' },
      ],
    });

    // Assess
    const [notification] = await fixture.mailbox('team@staff.example.com');
    const { mail, raw } = notification!;
    const byName = new Map(mail.attachments.map((a) => [a.filename, a]));
    expect([...byName.keys()].sort()).toEqual(['Rechnung März.pdf', 'screenshot.png']);
    expect(sha(byName.get('Rechnung März.pdf')!.content)).toBe(sha(INVOICE));
    expect(byName.get('Rechnung März.pdf')!.contentType).toBe('application/pdf');
    const picture = byName.get('screenshot.png')!;
    expect(sha(picture.content)).toBe(sha(PICTURE));
    expect(picture.contentDisposition).toBe('inline');
    expect(picture.cid).toBe('shot-1@customer.test');
    const html = (await simpleParser(raw, { keepCidLinks: true })).html || '';
    expect(html).toContain('<img src="cid:shot-1@customer.test"');
    expect(raw.toString('latin1')).toMatch(/Content-Type: multipart\/related; type="text\/html"/);
    expect(mail.text).toContain('Rechnung März.pdf (application/pdf, 39 KB)');
    expect(mail.text).toContain(
      'call recording.ogg (audio/ogg, 293 KB), not attached: over the size attached to one notification:',
    );
  });

  it('a file past the total comes as a link that downloads byte-equal, as an attachment, never sniffed', async () => {
    // Prepare
    const [notification] = await fixture.mailbox('team@staff.example.com');
    const link = linkFor(notification!.mail.text ?? '', 'call recording.ogg');

    // Act
    const response = await fetch(link);

    // Assess
    expect(link.origin).toBe(new URL(fixture.stack.surveyUrl).origin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/ogg');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="call recording.ogg"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(RECORDING));
  });

  it('a link changed in any way gets a plain 403 page; the same link past its week gets a 410 page', async () => {
    // Prepare
    const [notification] = await fixture.mailbox('team@staff.example.com');
    const link = linkFor(notification!.mail.text ?? '', 'call recording.ogg');
    const otherFile = new URL(link);
    otherFile.searchParams.set('k', (link.searchParams.get('k') ?? '').replace(/\/3-/, '/2-'));
    const longer = new URL(link);
    longer.searchParams.set('e', (Number.parseInt(link.searchParams.get('e') ?? '0', 36) + DAY_MS).toString(36));

    // Act
    const tampered = await Promise.all([fetch(otherFile), fetch(longer)]);
    clock = new Date(clock.getTime() + 7 * DAY_MS + 60_000);
    const expired = await fetch(link);
    clock = new Date();

    // Assess
    for (const response of tampered) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('This link does not work');
    }
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
  });

  it('a file too big for a function’s answer is handed to a short-lived signed S3 GET by a redirect, and arrives byte-equal', async () => {
    // Prepare
    const video = randomBytes(MAX_SERVED_FILE_BYTES + 1000);
    await fixture.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'A video of the fault',
      text: 'The video shows it.',
      attachments: [{ filename: 'fault.mp4', content: video, contentType: 'video/mp4' }],
    });
    const notification = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.includes('A video of the fault'),
    );
    const link = linkFor(notification?.mail.text ?? '', 'fault.mp4');

    // Act
    const redirect = await fetch(link, { redirect: 'manual' });
    const followed = await fetch(link);

    // Assess
    expect(notification?.mail.attachments).toEqual([]);
    expect(redirect.status).toBe(303);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(location.searchParams.get('response-content-type')).toBe('video/mp4');
    expect(location.searchParams.get('response-content-disposition')).toBe('attachment; filename=fault.mp4');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(followed.status).toBe(200);
    expect(sha(Buffer.from(await followed.arrayBuffer()))).toBe(sha(video));
  });

  it('an agent’s attachment reaches the customer byte for byte, and the transcript lists it', async () => {
    // Prepare
    const [notification] = await fixture.mailbox('team@staff.example.com');

    // Act
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: '#take\nHi Ana, here is the corrected invoice.',
      html: '<p>#take</p><p>Hi Ana, here is the corrected invoice.</p><p><img src="cid:arrow@staff.example.com"></p>',
      attachments: [
        { filename: 'invoice-corrected.pdf', content: AGENT_REPORT, contentType: 'application/pdf' },
        { filename: 'arrow.png', content: PICTURE, contentType: 'image/png', cid: 'arrow@staff.example.com' },
      ],
    });
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: '#solve\nGlad we could sort it out.',
    });

    // Assess
    const inbox = await fixture.mailbox('ana@customer.test');
    const answer = inbox.find((m) => m.mail.text?.includes('here is the corrected invoice'));
    // A picture the agent pasted comes as a plain attachment: our answer's HTML does not show it in place.
    expect(
      answer?.mail.attachments
        .map((a) => [a.filename, a.contentType, a.contentDisposition, a.cid, sha(a.content)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['arrow.png', 'image/png', 'attachment', undefined, sha(PICTURE)],
      ['invoice-corrected.pdf', 'application/pdf', 'attachment', undefined, sha(AGENT_REPORT)],
    ]);
    const closing = inbox.at(-1)?.mail.text ?? '';
    expect(closing).toContain('[Attached: arrow.png (70 B), invoice-corrected.pdf (59 KB)]');
    expect(closing).toContain(
      '[Attached: screenshot.png (70 B), Rechnung März.pdf (39 KB), call recording.ogg (293 KB)]',
    );
  });
});
