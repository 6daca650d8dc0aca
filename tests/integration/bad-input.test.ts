import { randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { readHeaderBlock } from '../../infra/local/raw-headers.ts';
import { startStackFixture, TEST_CONFIG, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * Hostile, broken and unusual mail, each message written here by hand, sent over SMTP (or handed
 * to the ingress when SMTP cannot carry it) through the whole local pipeline.
 */
const SUPPORT = 'support@example.test';
const TEAM = TEST_CONFIG.teamAddress;
/** The industry test strings the local ingress (like SES's scanners) flags as spam and virus. */
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const MAX_TEXT_SUMMARY_CHARS = 4000;
const MAX_EXTRACTED_ATTACHMENTS = 50;

type Item = Record<string, unknown>;
type Header = readonly [name: string, value: string];

/** A raw message with CRLF line ends; the body may hold bytes in any charset. */
function rawMail(headers: readonly Header[], body: string | Buffer = 'Hello.\r\n'): Buffer {
  const head = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return Buffer.concat([
    Buffer.from(`${head}\r\n`, 'latin1'),
    typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  ]);
}

/** The usual headers of a first mail from `from`, plus or minus some. */
function firstMail(from: string, extra: readonly Header[] = [], without: readonly string[] = []): Header[] {
  const base: Header[] = [
    ['From', from],
    ['To', SUPPORT],
    ['Subject', 'A question'],
    ['Date', 'Tue, 10 Nov 2026 09:30:00 +0000'],
    ['Message-ID', `<${randomBytes(8).toString('hex')}@customer.test>`],
    ['MIME-Version', '1.0'],
  ];
  const drop = new Set(without.map((w) => w.toLowerCase()));
  return [...base.filter(([name]) => !drop.has(name.toLowerCase())), ...extra];
}

function customer(label: string): string {
  return `${label}-${randomBytes(3).toString('hex')}@customer.test`;
}

function composed(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('bad, hostile and unusual input', () => {
  let fixture: StackFixture;
  let s3: S3Client;
  const deadLetters: Array<{ event: SESEvent; error: unknown }> = [];

  beforeAll(async () => {
    fixture = await startStackFixture({ onDeadLetter: (event, error) => deadLetters.push({ event, error }) });
    s3 = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await fixture?.stop();
  });

  /** Sends over SMTP and returns what the pipeline made of it; nothing may end as a dead letter. */
  async function sendOverSmtp(raw: Buffer | string, envelopeFrom: string): Promise<IntakeOutcome> {
    const before = fixture.outcomes.length;
    const deadBefore = deadLetters.length;
    await fixture.send({ raw, envelope: { from: envelopeFrom, to: [SUPPORT] } });
    expect(deadLetters.slice(deadBefore).map((d) => String(d.error))).toEqual([]);
    const fresh = fixture.outcomes.slice(before);
    expect(fresh).toHaveLength(1);
    return fresh[0] as IntakeOutcome;
  }

  /** Hands a message to the ingress as SES's receiving would, for envelopes SMTP clients will not send. */
  async function receive(raw: Buffer, sender: string): Promise<IntakeOutcome> {
    const deadBefore = deadLetters.length;
    const id = await fixture.stack.ingress.receive(raw, {
      sender,
      recipients: [SUPPORT],
      ip: '127.0.0.1',
      helo: 'bad-input.test',
    });
    await fixture.stack.idle();
    expect(deadLetters.slice(deadBefore).map((d) => String(d.error))).toEqual([]);
    const outcomes = fixture.outcomes.filter((o) => o.sesMessageId === id);
    expect(outcomes).toHaveLength(1);
    return outcomes[0] as IntakeOutcome;
  }

  async function inboundMessageOf(outcome: IntakeOutcome): Promise<Item> {
    const found = (await fixture.items('message')).filter(
      (m) => m.sesMessageId === outcome.sesMessageId && m.direction === 'inbound',
    );
    expect(found).toHaveLength(1);
    return found[0] as Item;
  }

  async function caseOf(outcome: IntakeOutcome): Promise<Item> {
    expect(outcome.caseNumber).toBeTypeOf('number');
    const found = (await fixture.items('case')).filter((c) => c.caseNumber === outcome.caseNumber);
    expect(found).toHaveLength(1);
    return found[0] as Item;
  }

  async function intakeOf(outcome: IntakeOutcome): Promise<Item> {
    const found = (await fixture.items('intake')).filter((i) => i.sesMessageId === outcome.sesMessageId);
    expect(found).toHaveLength(1);
    return found[0] as Item;
  }

  async function acknowledgementsOf(caseNumber: number | undefined): Promise<Item[]> {
    return (await fixture.items('message')).filter((m) => m.caseNumber === caseNumber && m.kind === 'acknowledgement');
  }

  async function s3Object(key: unknown): Promise<Buffer> {
    const response = await s3.send(new GetObjectCommand({ Bucket: fixture.stack.bucketName, Key: String(key) }));
    return Buffer.from(await (response.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
  }

  async function s3Size(key: unknown): Promise<number | undefined> {
    const head = await s3
      .send(new HeadObjectCommand({ Bucket: fixture.stack.bucketName, Key: String(key) }))
      .catch(() => undefined);
    return head?.ContentLength;
  }

  /** Everything the local SES sent from index `from` on. */
  const sentSince = (from: number) => fixture.stack.ses.sent.slice(from);

  describe('malformed MIME', () => {
    const variants: Array<{ name: string; headers: (from: string) => Header[]; body: string; readable: string }> = [
      {
        name: 'a multipart with no closing boundary and a part with no headers',
        headers: (from) => firstMail(from, [['Content-Type', 'multipart/alternative; boundary=b1']]),
        body: '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease call me back about order 5678.\r\n--b1\r\n\r\nstray part\r\n',
        readable: 'Please call me back about order 5678.',
      },
      {
        name: 'garbage header lines: no colon, a lone colon, 8-bit bytes, an empty name',
        headers: (from) => [
          ...firstMail(from),
          ['this line has no colon at all', ''],
          [':', 'nothing'],
          ['X-Bin\u00ff\u00fe', '\u0001\u0002'],
          ['', 'empty name'],
        ],
        body: 'The printer on floor 3 is broken.\r\n',
        readable: 'The printer on floor 3 is broken.',
      },
      {
        name: 'a base64 part that is not base64 and an unknown transfer encoding',
        headers: (from) => firstMail(from, [['Content-Type', 'multipart/mixed; boundary=zz']]),
        body:
          '--zz\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-unknown\r\n\r\nMy account is locked.\r\n' +
          '--zz\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!% not base64 %!!!\r\n--zz--\r\n',
        readable: 'My account is locked.',
      },
    ];

    it.each(variants)(
      '$name: a case with what could be read (or held unparseable), never a crash',
      async ({ headers, body, readable }) => {
        // Prepare
        const from = customer('malformed');

        // Act
        const outcome = await sendOverSmtp(rawMail(headers(from), body), from);

        // Assess
        if (outcome.outcome === 'held') {
          expect(outcome.reason).toBe('unparseable');
          return;
        }
        expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
        const message = await inboundMessageOf(outcome);
        expect(message.textSummary).toContain(readable);
        expect(await s3Size(message.rawKey)).toBeGreaterThan(0);
      },
    );

    it('a part whose Content-Type lacks the ";" before its charset is taken in, its attachment stored as opaque bytes', async () => {
      // mailparser reports `text/plain charset=iso-2022-jp`, which S3 refuses as a ContentType.
      const from = customer('bad-content-type');
      const body =
        '--p\r\nContent-Type: text/plain\r\n\r\nSee the note.\r\n--p\r\nContent-Type: text/plain\r\n   charset="iso-2022-jp"\r\n\r\nnote\r\n--p--\r\n';

      const outcome = await sendOverSmtp(
        rawMail(firstMail(from, [['Content-Type', 'multipart/mixed; boundary=p']]), body),
        from,
      );

      expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
      const message = await inboundMessageOf(outcome);
      const stored = (message.attachments as Array<{ key: string }>).map((a) => a.key);
      expect(stored).toHaveLength(1);
      expect((await s3Object(stored[0]!)).toString()).toContain('note');
    });

    describe('a multipart whose parts use another boundary than the one declared', () => {
      const body =
        'Preamble.\r\n--other-boundary\r\nContent-Type: text/plain\r\n\r\nMy invoice 1234 is wrong.\r\n--other-boundary--\r\n';
      const send = (from: string) =>
        sendOverSmtp(
          rawMail(firstMail(from, [['Content-Type', 'multipart/mixed; boundary="declared-boundary"']]), body),
          from,
        );

      it('opens an acknowledged case and keeps the raw message, never a crash', async () => {
        const from = customer('wrong-boundary');

        const outcome = await send(from);

        expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
        const message = await inboundMessageOf(outcome);
        expect((await s3Object(message.rawKey)).toString('latin1')).toContain('My invoice 1234 is wrong.');
      });

      it('puts the body as it came in the case, and flags that it could not be decoded', async () => {
        // mailparser never meets the declared boundary, so it decodes nothing at all.
        const from = customer('wrong-boundary');

        const outcome = await send(from);

        const message = await inboundMessageOf(outcome);
        expect(String(message.textSummary)).toContain('My invoice 1234 is wrong.');
        expect((await caseOf(outcome)).flags).toEqual(['body-not-decoded']);
      });
    });
  });

  it('an HTML-only mail opens a case whose summary is the text of the HTML, the HTML kept in S3', async () => {
    // Prepare
    const from = customer('html-only');
    const html =
      '<html><body><p>Hello <b>support</b>,</p><p>My order &amp; my invoice do not match.</p><ul><li>Order 4711</li></ul></body></html>';
    const raw = rawMail(firstMail(from, [['Content-Type', 'text/html; charset=utf-8']]), `${html}\r\n`);

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const message = await inboundMessageOf(outcome);
    expect(message.textSummary).toContain('Hello support,');
    expect(message.textSummary).toContain('My order & my invoice do not match.');
    expect(message.textSummary).toContain('Order 4711');
    expect(message.textSummary).not.toMatch(/<\/?(p|b|ul|li|html)>/);
    expect(message.htmlKey).toMatch(/^content\/.+\/body\.html$/);
    expect((await s3Object(message.htmlKey)).toString('utf8')).toContain(html);
  });

  describe('charsets and encoded subjects', () => {
    const cases: Array<{
      name: string;
      charset: string;
      subject: string;
      body: Buffer;
      expectSubject: string;
      expectText: string;
      encoding?: string;
    }> = [
      {
        name: 'ISO-8859-1, 8bit, with a Q-encoded Latin-1 subject',
        charset: 'iso-8859-1',
        subject: '=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=',
        body: Buffer.from('4772fcdf6520617573204bf66c6e0d0a', 'hex'), // "Grüße aus Köln"
        expectSubject: 'Grüße aus Köln',
        expectText: 'Grüße aus Köln',
        encoding: '8bit',
      },
      {
        name: 'windows-1252 (curly quotes, en dash, euro sign) with a B-encoded UTF-8 subject',
        charset: 'windows-1252',
        subject: `=?UTF-8?B?${Buffer.from('Preis: 50 € – „zu hoch“').toString('base64')}?=`,
        body: Buffer.from('93536d6172749420962035302080' + '0d0a', 'hex'), // "“Smart” – 50 €"
        expectSubject: 'Preis: 50 € – „zu hoch“',
        expectText: '“Smart” – 50 €',
        encoding: '8bit',
      },
      {
        name: 'ISO-2022-JP, 7bit, with an ISO-2022-JP B-encoded subject',
        charset: 'ISO-2022-JP',
        subject: '=?ISO-2022-JP?B?GyRCQ21KOCRLJEQkJCRGGyhC?=', // 注文について
        body: Buffer.from('1b2442467c4b5c386c244e242a4c6424243967246f243b244724391b28420d0a', 'hex'), // 日本語のお問い合わせです
        expectSubject: '注文について',
        expectText: '日本語のお問い合わせです',
        encoding: '7bit',
      },
      {
        name: 'Shift_JIS, 8bit, with a Shift_JIS B-encoded subject',
        charset: 'Shift_JIS',
        subject: '=?Shift_JIS?B?ko2VtoLJgsKCooLE?=', // 注文について
        body: Buffer.from('93fa967b8cea82cc82a896e282a28d8782ed82b982c582b70d0a', 'hex'), // 日本語のお問い合わせです
        expectSubject: '注文について',
        expectText: '日本語のお問い合わせです',
        encoding: '8bit',
      },
    ];

    it.each(cases)(
      '$name: subject and text are decoded',
      async ({ charset, subject, body, expectSubject, expectText, encoding }) => {
        // Prepare
        const from = customer('charset');
        const raw = rawMail(
          firstMail(
            from,
            [
              ['Subject', subject],
              ['Content-Type', `text/plain; charset=${charset}`],
              ['Content-Transfer-Encoding', encoding ?? '8bit'],
            ],
            ['Subject'],
          ),
          body,
        );

        // Act
        const outcome = await sendOverSmtp(raw, from);

        // Assess
        expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
        expect(await caseOf(outcome)).toMatchObject({ subject: expectSubject });
        const message = await inboundMessageOf(outcome);
        expect(message.subject).toBe(expectSubject);
        expect(String(message.textSummary).trim()).toBe(expectText);
        const [ack] = await fixture.mailbox(from);
        expect(ack?.mail.subject).toBe(`[Case #${outcome.caseNumber}] ${expectSubject}`);
      },
    );

    it('windows-1252 text labelled ISO-8859-1 (the usual mislabel) keeps its euro sign and curly quotes', async () => {
      // Prepare: bytes 0x80-0x9F mean nothing in ISO-8859-1, so WHATWG decoders read the label as windows-1252.
      const from = customer('mislabelled');
      const raw = rawMail(
        firstMail(from, [
          ['Content-Type', 'text/plain; charset=iso-8859-1'],
          ['Content-Transfer-Encoding', '8bit'],
        ]),
        Buffer.from('93536d6172749420962035302080' + '0d0a', 'hex'),
      );

      // Act
      const outcome = await sendOverSmtp(raw, from);

      // Assess
      const message = await inboundMessageOf(outcome);
      expect(String(message.textSummary).trim()).toBe('“Smart” – 50 €');
    });
  });

  it('a 200 KB body keeps a 4000-character summary in the item and the whole text in S3', async () => {
    // Prepare
    const from = customer('huge');
    const line = 'The quick brown fox jumps over the lazy dog while the support team reads on. ';
    const lines = Array.from({ length: 2700 }, (_, i) => `${String(i).padStart(5, '0')} ${line}`);
    const text = `${lines.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(200_000);

    // Act
    const outcome = await sendOverSmtp(
      rawMail(firstMail(from, [['Content-Type', 'text/plain; charset=utf-8']]), text),
      from,
    );

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const message = await inboundMessageOf(outcome);
    expect(String(message.textSummary).length).toBeLessThanOrEqual(MAX_TEXT_SUMMARY_CHARS);
    expect(String(message.textSummary)).toMatch(/^00000 The quick brown fox/);
    expect(message.textKey).toMatch(/^content\/.+\/body\.txt$/);
    const stored = (await s3Object(message.textKey)).toString('utf8');
    expect(stored.replace(/\r\n/g, '\n').trim()).toBe(text.replace(/\r\n/g, '\n').trim());
    expect((await caseOf(outcome)).flags).toEqual([]);
  });

  it('60 attachments: 50 stored under their own keys, the case flagged, the raw message kept whole', async () => {
    // Prepare
    const from = customer('attachments');
    const raw = await composed({
      from,
      to: SUPPORT,
      subject: 'Sixty scans',
      text: 'All my receipts are attached.',
      attachments: Array.from({ length: 60 }, (_, i) => ({
        filename: `scan-${i + 1}.txt`,
        content: `receipt number ${i + 1}\n`,
        contentType: 'text/plain',
      })),
    });

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect((await caseOf(outcome)).flags).toEqual(['attachments-not-extracted']);
    const message = await inboundMessageOf(outcome);
    const attachments = message.attachments as Array<{ filename: string; key: string; size: number }>;
    expect(attachments).toHaveLength(MAX_EXTRACTED_ATTACHMENTS);
    expect(attachments.map((a) => a.filename)).toEqual(Array.from({ length: 50 }, (_, i) => `scan-${i + 1}.txt`));
    expect(new Set(attachments.map((a) => a.key)).size).toBe(MAX_EXTRACTED_ATTACHMENTS);
    const contents = await Promise.all(attachments.map((a) => s3Object(a.key)));
    expect(contents.map((c) => c.toString('utf8'))).toEqual(
      Array.from({ length: 50 }, (_, i) => `receipt number ${i + 1}\n`),
    );
    expect(await s3Size(message.rawKey)).toBeGreaterThanOrEqual(raw.length);
    expect((await s3Object(message.rawKey)).toString('latin1')).toContain('scan-60.txt');
  });

  it('attachment names that climb out of their folder are stored under a plain file name', async () => {
    // Prepare
    const from = customer('traversal');
    const names = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/absolute/path.txt', '..', '.hidden'];
    const raw = await composed({
      from,
      to: SUPPORT,
      subject: 'Attachments with odd names',
      text: 'See attached.',
      attachments: names.map((filename) => ({
        filename,
        content: `content of ${filename}\n`,
        contentType: 'text/plain',
      })),
    });

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    const message = await inboundMessageOf(outcome);
    const prefix = `content/${outcome.sesMessageId}/attachments/`;
    const attachments = message.attachments as Array<{ filename: string; key: string }>;
    expect(attachments.map((a) => a.filename)).toEqual(names);
    for (const { key } of attachments) {
      expect(key.startsWith(prefix)).toBe(true);
      const segment = key.slice(prefix.length);
      expect(segment).not.toMatch(/[\\/]/);
      expect(segment).not.toContain('..');
      expect(segment).toMatch(/^\d+-[^.]/);
    }
    expect(attachments.map((a) => a.key.slice(prefix.length))).toEqual([
      '1-passwd',
      '2-win.ini',
      '3-path.txt',
      '4-attachment',
      '5-hidden',
    ]);
    expect((await s3Object(attachments[0]?.key)).toString('utf8')).toBe('content of ../../etc/passwd\n');
  });

  it('a mail with no sender anywhere (no From, Sender or Reply-To; an envelope sender that is no address) opens a flagged case and acknowledges nobody', async () => {
    // Prepare: SMTP will not carry such a MAIL FROM, so the ingress takes it as SES's receiving would.
    // (With a usable envelope sender, a mail without From is acknowledged there: tests/integration/senders.test.ts.)
    const envelopeFrom = `no-from-${randomBytes(3).toString('hex')}`;
    const raw = rawMail(firstMail(customer('no-from'), [], ['From']), 'Who am I? Nobody knows.\r\n');
    const sentBefore = fixture.stack.ses.sent.length;

    // Act
    const outcome = await receive(raw, envelopeFrom);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', reason: 'no-sender', acknowledged: false });
    expect(outcome.sent).not.toContain('acknowledgement');
    const supportCase = await caseOf(outcome);
    expect(supportCase.flags).toEqual(['no-sender']);
    expect(supportCase.requester).toBeUndefined();
    expect(await acknowledgementsOf(outcome.caseNumber)).toEqual([]);
    // Only the team hears of it.
    expect(sentSince(sentBefore).flatMap((s) => s.recipients)).toEqual([TEAM]);
  });

  it('a mail with no Subject gets "(no subject)" and the acknowledgement "[Case #N] (no subject)"', async () => {
    // Prepare
    const from = customer('no-subject');

    // Act
    const outcome = await sendOverSmtp(
      rawMail(firstMail(from, [], ['Subject']), 'Forgot the subject, sorry.\r\n'),
      from,
    );

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await caseOf(outcome)).toMatchObject({ subject: '(no subject)' });
    expect(await inboundMessageOf(outcome)).toMatchObject({ subject: '(no subject)' });
    const inbox = await fixture.mailbox(from);
    expect(inbox.map((m) => m.mail.subject)).toEqual([`[Case #${outcome.caseNumber}] (no subject)`]);
  });

  it('a mail with no Date is dated when it was received', async () => {
    // Prepare
    const from = customer('no-date');
    const before = Date.now();

    // Act
    const outcome = await sendOverSmtp(rawMail(firstMail(from, [], ['Date']), 'No date on this one.\r\n'), from);

    // Assess
    const message = await inboundMessageOf(outcome);
    const intake = await intakeOf(outcome);
    expect(message.date).toBe(intake.receivedAt);
    const date = Date.parse(String(message.date));
    expect(date).toBeGreaterThanOrEqual(before - 1000);
    expect(date).toBeLessThanOrEqual(Date.now());
  });

  it('a mail over the size limit opens a case flagged truncated, and S3 keeps every byte', async () => {
    // Prepare: 1.5 MB against the configured 1 MiB.
    const from = customer('oversized');
    const line = `${'0123456789'.repeat(7)}ABCDEF\r\n`;
    const body = `Please see the log below.\r\n${line.repeat(Math.ceil(1_500_000 / line.length))}`;
    const raw = rawMail(firstMail(from, [['Content-Type', 'text/plain; charset=us-ascii']]), body);
    expect(raw.length).toBeGreaterThan(TEST_CONFIG.maxMessageBytes * 1.4);

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome.outcome).toBe('case-opened');
    expect((await caseOf(outcome)).flags).toContain('truncated');
    const message = await inboundMessageOf(outcome);
    expect(String(message.textSummary)).toMatch(/^Please see the log below\./);
    expect(await s3Size(message.rawKey)).toBeGreaterThanOrEqual(raw.length);
  });

  it('a mail carrying the GTUBE string opens a case flagged spam, acknowledged to nobody', async () => {
    const from = customer('spam');
    const sentBefore = fixture.stack.ses.sent.length;

    const outcome = await sendOverSmtp(rawMail(firstMail(from), `Cheap watches!\r\n${GTUBE}\r\n`), from);

    expect(outcome).toMatchObject({ outcome: 'case-opened', reason: 'spam', acknowledged: false });
    expect((await caseOf(outcome)).flags).toEqual(['spam']);
    expect(await fixture.mailbox(from)).toEqual([]);
    // Spam does not even page the team.
    expect(sentSince(sentBefore)).toEqual([]);
  });

  it('a mail carrying the EICAR string opens a case flagged virus, acknowledged to nobody', async () => {
    const from = customer('virus');
    const sentBefore = fixture.stack.ses.sent.length;
    const raw = rawMail(
      firstMail(from, [['Content-Type', 'multipart/mixed; boundary=v']]),
      `--v\r\nContent-Type: text/plain\r\n\r\nInvoice attached.\r\n--v\r\nContent-Type: application/octet-stream; name=invoice.com\r\nContent-Disposition: attachment; filename=invoice.com\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${EICAR}\r\n--v--\r\n`,
    );

    const outcome = await sendOverSmtp(raw, from);

    expect(outcome).toMatchObject({ outcome: 'case-opened', reason: 'virus', acknowledged: false });
    expect((await caseOf(outcome)).flags).toEqual(['virus']);
    expect(await fixture.mailbox(from)).toEqual([]);
    expect(sentSince(sentBefore)).toEqual([]);
  });

  describe('automatic mail is held and never answered', () => {
    const held: Array<{ name: string; extra: Header[]; reason: string }> = [
      {
        name: 'Auto-Submitted: auto-replied',
        extra: [['Auto-Submitted', 'auto-replied']],
        reason: 'automatic:auto-submitted',
      },
      {
        name: 'Auto-Submitted: auto-generated; with parameters',
        extra: [['Auto-Submitted', 'Auto-Generated; owner-email="x@y.test"']],
        reason: 'automatic:auto-submitted',
      },
      { name: 'Precedence: bulk', extra: [['Precedence', 'bulk']], reason: 'automatic:precedence' },
      { name: 'Precedence: list', extra: [['Precedence', 'list']], reason: 'automatic:precedence' },
      { name: 'Precedence: junk', extra: [['Precedence', 'junk']], reason: 'automatic:precedence' },
      { name: 'X-Autoreply: yes', extra: [['X-Autoreply', 'yes']], reason: 'automatic:autoreply-header' },
    ];

    it.each(held)('$name is held ($reason), with no case and no acknowledgement', async ({ extra, reason }) => {
      const from = customer('automatic');

      const outcome = await sendOverSmtp(rawMail(firstMail(from, extra), 'I am away until Monday.\r\n'), from);

      expect(outcome).toEqual({
        sesMessageId: outcome.sesMessageId,
        outcome: 'held',
        reason,
        sent: [],
        acknowledged: false,
      });
      expect(await intakeOf(outcome)).toMatchObject({ outcome: 'held', reason, outbox: {} });
      expect((await fixture.items('message')).filter((m) => m.sesMessageId === outcome.sesMessageId)).toEqual([]);
      expect(await fixture.mailbox(from)).toEqual([]);
    });

    it('a mail with a List-Id is held as mailing-list mail', async () => {
      // mailparser folds List-* headers into one `list` header, so parse-message's
      // headers.get('list-id') is always undefined and the signal is never set.
      const from = customer('list');

      const outcome = await sendOverSmtp(
        rawMail(
          firstMail(from, [['List-Id', 'Customers of Example <customers.lists.example.org>']]),
          'Monthly digest.\r\n',
        ),
        from,
      );

      expect(outcome).toMatchObject({ outcome: 'held', reason: 'automatic:mailing-list', acknowledged: false });
      expect(await fixture.mailbox(from)).toEqual([]);
    });

    it('Auto-Submitted: no is a person writing, and is acknowledged', async () => {
      const from = customer('auto-no');

      const outcome = await sendOverSmtp(
        rawMail(firstMail(from, [['Auto-Submitted', 'no']]), 'I typed this myself.\r\n'),
        from,
      );

      expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
      expect((await fixture.mailbox(from)).map((m) => m.mail.subject)).toEqual([
        `[Case #${outcome.caseNumber}] A question`,
      ]);
    });

    it('a mail with an empty return path (MAIL FROM:<>) is held as null-sender mail', async () => {
      const from = customer('null-sender');

      const outcome = await sendOverSmtp(rawMail(firstMail(from), 'Sent with an empty envelope sender.\r\n'), '');

      expect(outcome).toMatchObject({ outcome: 'held', reason: 'automatic:null-sender', acknowledged: false });
      expect(
        (await fixture.items('case')).filter(
          (c) => (c.requester as { address?: string } | undefined)?.address === from,
        ),
      ).toEqual([]);
      expect(await fixture.mailbox(from)).toEqual([]);
    });

    it('a mail from mailer-daemon@ is held', async () => {
      const daemon = `MAILER-DAEMON@mx-${randomBytes(3).toString('hex')}.remote.test`;

      const outcome = await sendOverSmtp(
        rawMail(firstMail(`Mail Delivery System <${daemon}>`), 'Your message could not be delivered.\r\n'),
        daemon,
      );

      expect(outcome).toMatchObject({ outcome: 'held', reason: 'automatic:mailer-daemon', acknowledged: false });
      expect(await fixture.mailbox(daemon)).toEqual([]);
    });

    it('a multipart/report delivery-status is held as a delivery report', async () => {
      // Prepare: a DSN for a message we never sent, so no case can claim it.
      const daemon = `mailer-daemon@mx-${randomBytes(3).toString('hex')}.remote.test`;
      const boundary = 'dsn-boundary';
      const raw = rawMail(
        firstMail(
          `Mail Delivery Subsystem <${daemon}>`,
          [
            ['Subject', 'Undelivered Mail Returned to Sender'],
            ['Content-Type', `multipart/report; report-type=delivery-status; boundary="${boundary}"`],
          ],
          ['Subject'],
        ),
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=us-ascii',
          '',
          'This is the mail system. Your message could not be delivered.',
          `--${boundary}`,
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.remote.test',
          '',
          'Final-Recipient: rfc822; nobody@remote.test',
          'Action: failed',
          'Status: 5.1.1',
          `--${boundary}`,
          'Content-Type: text/rfc822-headers',
          '',
          'From: someone@elsewhere.test',
          'Message-ID: <never-ours@elsewhere.test>',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      );

      // Act: bounces travel with an empty envelope sender, which SMTP also carries.
      const outcome = await sendOverSmtp(raw, '');

      // Assess
      expect(outcome).toMatchObject({ outcome: 'held', reason: 'automatic:delivery-report', acknowledged: false });
      expect(await fixture.mailbox(daemon)).toEqual([]);
    });
  });

  it('our own acknowledgement looped back to support@ opens no case and is not acknowledged again', async () => {
    // Prepare: a customer's first mail and the acknowledgement she received.
    const from = customer('loop');
    const first = await sendOverSmtp(rawMail(firstMail(from), 'Hello, is anybody there?\r\n'), from);
    const [ack] = await fixture.mailbox(from);
    expect(ack).toBeDefined();
    const casesBefore = (await fixture.items('case')).length;
    const sentBefore = fixture.stack.ses.sent.length;

    // Act: its raw bytes come back to support@, as a misconfigured forward would deliver them.
    const looped = await receive(ack?.raw ?? Buffer.alloc(0), SUPPORT);

    // Assess
    expect(['ignored', 'held']).toContain(looped.outcome);
    expect(looped.reason === 'own-message' || looped.reason?.startsWith('automatic:')).toBe(true);
    expect(looped).toMatchObject({ acknowledged: false, sent: [] });
    expect((await fixture.items('case')).length).toBe(casesBefore);
    expect(sentSince(sentBefore)).toEqual([]);
    expect(await fixture.mailbox(from)).toHaveLength(1);
    expect(await acknowledgementsOf(first.caseNumber)).toHaveLength(1);
  });

  it('CR/LF and header text smuggled into the subject and name inject no header and no recipient into the acknowledgement', async () => {
    // Prepare: encoded words decode to line breaks followed by header-looking text.
    const from = customer('inject');
    const subject = `=?UTF-8?B?${Buffer.from('Help\r\nBcc: victim@evil.test\r\nX-Injected: yes').toString('base64')}?=`;
    const name = `=?UTF-8?B?${Buffer.from('Eve\r\nCc: victim2@evil.test').toString('base64')}?=`;
    const raw = rawMail(firstMail(`${name} <${from}>`, [['Subject', subject]], ['Subject']), 'Innocent text.\r\n');
    const sentBefore = fixture.stack.ses.sent.length;

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const sent = sentSince(sentBefore);
    const toCustomer = sent.filter((s) => s.recipients.includes(from));
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0]?.recipients).toEqual([from]);
    expect(sent.flatMap((s) => s.recipients).filter((r) => r.endsWith('evil.test'))).toEqual([]);
    const headerNames = readHeaderBlock(toCustomer[0]?.raw ?? Buffer.alloc(0)).headers.map(([n]) => n.toLowerCase());
    expect(headerNames).not.toContain('bcc');
    expect(headerNames).not.toContain('x-injected');
    expect(headerNames.filter((n) => n === 'cc')).toEqual([]);
    const [ack] = await fixture.mailbox(from);
    expect(ack?.mail.subject).toBe(`[Case #${outcome.caseNumber}] Help Bcc: victim@evil.test X-Injected: yes`);
    expect(ack?.mail.to).toMatchObject({ value: [{ address: from }] });
    expect(await fixture.mailbox('victim@evil.test')).toEqual([]);
    expect(await fixture.mailbox('victim2@evil.test')).toEqual([]);
  });

  it('script in the HTML body, subject and display name reaches the acknowledgement and team notice only escaped', async () => {
    // Prepare
    const from = customer('xss');
    const raw = await composed({
      from: { name: 'Mallory <b>Bold</b> Smith', address: from },
      to: SUPPORT,
      subject: 'Broken page <script>alert("subject")</script>',
      html: '<p>The page shows this:</p><script>alert("body")</script><p>&lt;img src=x onerror=alert(1)&gt;</p>',
    });

    // Act
    const outcome = await sendOverSmtp(raw, from);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const [ack] = await fixture.mailbox(from);
    const ackHtml = String(ack?.mail.html);
    expect(ackHtml).not.toMatch(/<script|<b>|<img/i);
    expect(ackHtml).toContain('Broken page &lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;');
    expect(ack?.mail.text).toContain('Hi Mallory,');
    const notices = (await fixture.mailbox(TEAM)).filter((m) => m.mail.subject?.includes(`#${outcome.caseNumber}`));
    expect(notices).toHaveLength(1);
    const noticeHtml = String(notices[0]?.mail.html);
    expect(noticeHtml).not.toMatch(/<script|<b>|<img/i);
    expect(noticeHtml).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;');
  });
});
