import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { teamMail } from '../support/team-mail.ts';

const ANA = 'ana@customer.test';
const MARIA = 'Maria Lopez <maria@staff.example.com>';
const TOM = 'Tom Becker <tom@staff.example.com>';
const SAM = 'Sam Okafor <sam@staff.example.com>';
const ENGINEERING = 'engineering@staff.example.com';
const NOTE = 'She paid twice: both charges are on her card statement.';
const REPRO = 'Reproduced with a German address: the VAT line shows 0 %.';

const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size)]);
/** The customer's first message's file, and a later message's. */
const ORDER = pdf(40_000);
const RECEIPT = pdf(25_000);
/** A file of a second case of hers, merged into the first. */
const STATEMENT = pdf(30_000);

/** A mail's attachments by name, as SHA-256 of their bytes. */
const filesOf = (mail: ParsedMail) => Object.fromEntries(mail.attachments.map((a) => [a.filename, sha(a.content)]));

describe('the customer’s files reach whoever the case goes to: new holder, supervisor, engineering, and a survivor', () => {
  const staff = agentDomainZone();
  let fixture: StackFixture;
  let team: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  let mail: ReturnType<typeof teamMail>;
  let out: string;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: staff.zone });
    team = mailClient(fixture, { dkim: staff.dkim });
    customer = mailClient(fixture);
    mail = teamMail(fixture);
    out = await mkdtemp(join(tmpdir(), 'files-to-the-team-'));
  });
  afterAll(async () => {
    team.close();
    customer.close();
    await fixture.stop();
    await rm(out, { recursive: true, force: true });
  });

  it('#assign hands the new holder the files of every customer message, byte for byte', async () => {
    // Prepare: Ana writes with her order, Maria takes the case, Ana sends her receipt.
    await customer.send({
      from: `Ana Souza <${ANA}>`,
      to: 'support@example.test',
      subject: 'Charged twice for order 5521',
      text: 'I was charged twice, my order is attached.',
      attachments: [{ filename: 'order.pdf', content: ORDER, contentType: 'application/pdf' }],
    });
    await mail.answer(team, MARIA, 'team@staff.example.com', 1001, '#take');
    const [acknowledgement] = await mail.aboutCase(ANA, 1001);
    await customer.send({
      from: `Ana Souza <${ANA}>`,
      to: replyToOf(acknowledgement!.mail),
      subject: `Re: ${acknowledgement!.mail.subject}`,
      text: 'Here is the receipt with both charges.',
      attachments: [{ filename: 'receipt.pdf', content: RECEIPT, contentType: 'application/pdf' }],
    });

    // Act
    await mail.answer(team, SAM, 'team@staff.example.com', 1001, '#assign tom');

    // Assess
    const [handover, ...more] = await mail.aboutCase('tom@staff.example.com', 1001);
    expect(more).toHaveLength(0);
    expect(handover?.mail.subject).toBe('[Case #1001] Assigned to you: Charged twice for order 5521');
    expect(filesOf(handover!.mail)).toEqual({ 'order.pdf': sha(ORDER), 'receipt.pdf': sha(RECEIPT) });
    expect(handover?.mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/pdf']);
    expect(handover?.mail.text).toContain('Attached files:\n  - order.pdf (application/pdf, 39 KB)');
  });

  it('#escalate with a note: the supervisor gets the files, and the note in the history', async () => {
    // Act
    await mail.answer(
      team,
      TOM,
      'tom@staff.example.com',
      1001,
      `#escalate she asks for the second charge back today\n#note ${NOTE}`,
    );

    // Assess
    const escalation = (await mail.aboutCase('sam@staff.example.com', 1001)).at(-1);
    expect(escalation?.mail.subject).toBe('[Case #1001] Escalated to you: Charged twice for order 5521');
    expect(filesOf(escalation!.mail)).toEqual({ 'order.pdf': sha(ORDER), 'receipt.pdf': sha(RECEIPT) });
    expect(escalation?.mail.text).toContain(`Internal note from Tom Becker (A-102): ${NOTE}`);
    expect(escalation?.mail.html).toContain('Internal note from Tom Becker (A-102)');
  });

  it('#bug sends engineering the first message’s file and the later one’s, with the note written beside it', async () => {
    // Act
    await mail.answer(
      team,
      SAM,
      'sam@staff.example.com',
      1001,
      `#bug the receipt charges the order twice\n#note ${REPRO}`,
    );

    // Assess
    const [report, ...more] = await fixture.mailbox(ENGINEERING);
    expect(more).toHaveLength(0);
    expect(report?.mail.subject).toBe('[Case #1001] Bug report: the receipt charges the order twice');
    expect(filesOf(report!.mail)).toEqual({ 'order.pdf': sha(ORDER), 'receipt.pdf': sha(RECEIPT) });
    expect(report?.mail.text).toContain(`A note from Sam Okafor with this report:\n${REPRO}`);
    // Sam's own note is his to give; Tom's earlier one stays with the team.
    expect(report?.mail.text).not.toContain(NOTE);
  });

  it('support files get and cases show on a survivor find the file of a case merged into it', async () => {
    // Prepare: Ana opens a second case with her statement; Maria merges it into the first.
    await customer.send({
      from: `Ana Souza <${ANA}>`,
      to: 'support@example.test',
      subject: 'My card statement',
      text: 'My bank statement shows both charges.',
      attachments: [{ filename: 'statement.pdf', content: STATEMENT, contentType: 'application/pdf' }],
    });
    await mail.answer(team, MARIA, 'team@staff.example.com', 1002, '#merge 1001');
    expect(await mail.caseNumbered(1001)).toMatchObject({ mergedFrom: [1002] });
    const saved = join(out, 'statement.pdf');

    // Act
    const got = await mail.support('files', 'get', '1001', 'statement.pdf', '--out', saved);
    const shown = await mail.support('cases', 'show', '1001');

    // Assess
    expect(got).toMatchObject({ code: 0 });
    expect(got.out).toContain('Saved statement.pdf (application/pdf, 29 KB) of case #1001');
    expect(sha(await readFile(saved))).toBe(sha(STATEMENT));
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('statement.pdf');
    expect(shown.out).toContain('order.pdf');
  });
});
