import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDependencies } from '../../functions/alerts/handler.ts';
import { processCheck } from '../../functions/alerts/process-check.ts';
import { scheduleFollowUps } from '../../functions/core/follow-up.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { verifySurveyToken } from '../../functions/core/survey-token.ts';
import { agentDomainZone, latestAbout, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const DAY_MS = 86_400_000;
const CLOSING_MAIL = resolve(import.meta.dirname, '../../test-results/closing-mail.eml');

describe('closing the loop: "anything else?", transcript, survey, reopening and follow-ups', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  // The stack's clock: SES receipt times and the functions' "now". Moved forward to let days pass.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone, now });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
  });

  const caseNumbered = async (n: number) =>
    (await fixture.items('case')).find((c) => c.caseNumber === n) as unknown as SupportCase;
  const latest = async (address: string) => (await fixture.mailbox(address)).at(-1)!;
  /** Maria answers the latest notification about a case (to her or the team), from her own client, DKIM-signed. */
  const mariaAnswers = async (caseNumber: number, text: string) => {
    const { mail } = await latestAbout(fixture, caseNumber, ['team@staff.example.com', 'maria@staff.example.com']);
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(mail),
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      text: `${text}\n\nOn Mon, 23 Nov 2026 at 10:00, Example Support <support@example.test> wrote:\n> ${mail.text?.split('\n')[0]}\n`,
    });
  };
  const customerAnswers = async (from: string, text: string) => {
    const { mail } = await latest(from);
    await customer.send({
      from,
      to: replyToOf(mail),
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      references: [mail.messageId!],
      text: `${text}\n\nOn Mon, 23 Nov 2026 at 10:05, Maria Lopez (Example Support) <support@example.test> wrote:\n> earlier words\n`,
    });
  };

  it('solving sends the customer one closing mail: the answer, "anything else?", a three-answer survey and the public transcript', async () => {
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Order 4711 never arrived.',
      attachments: [{ filename: 'receipt.pdf', content: Buffer.alloc(3000, 1) }],
    });
    // Maria takes it, so later notifications come to her.
    await mariaAnswers(1001, '#take\nWe sent a replacement today.');
    await mariaAnswers(1001, '#note courier confirmed the first parcel is lost');
    await customerAnswers('ana@customer.test', 'It arrived, thank you!');
    await mariaAnswers(1001, '#solve\nWonderful, glad it arrived!');

    const inbox = await fixture.mailbox('ana@customer.test');
    const { mail, raw } = inbox.at(-1)!;
    // Kept for a person to open in a mail client (test-results/ is ignored by git).
    await mkdir(dirname(CLOSING_MAIL), { recursive: true });
    await writeFile(CLOSING_MAIL, raw);
    console.log(`Closing mail: ${CLOSING_MAIL}`);
    expect(inbox).toHaveLength(3); // acknowledgement, answer, closing
    expect(mail.subject).toBe('Re: [Case #1001] My order never arrived');
    expect(mail.from?.value[0]).toEqual({ address: 'support@example.test', name: 'Maria Lopez (Example Support)' });
    expect(mail.headers.has('auto-submitted')).toBe(false);
    const text = mail.text ?? '';
    expect(text).toMatch(/^Wonderful, glad it arrived!\n/);
    expect(text).toContain('is there anything else I can help you with?');
    expect(text).toContain('Maria Lopez · Agent ID A-101');
    expect(text).toContain('Order 4711 never arrived.');
    expect(text).toContain('[Attached: receipt.pdf (3 KB)]');
    expect(text).toContain('We sent a replacement today.');
    expect(text).toContain('It arrived, thank you!');
    expect(text).not.toContain('courier confirmed');
    expect(text).not.toContain('#solve');
    expect(text).not.toContain('wrote:');
    expect(mail.html).toContain('is there anything else I can help you with?');
    expect(raw.toString('latin1')).not.toContain('courier confirmed');

    const links = [...text.matchAll(/^ {2}(Great|Okay|Not good):\s+(\S+)$/gm)].map((m) => new URL(m[2]!));
    expect(links.map((l) => l.searchParams.get('a'))).toEqual(['great', 'okay', 'not-good']);
    expect(links[0]?.origin).toBe(new URL(process.env.SURVEY_URL!).origin);
    const token = verifySurveyToken(process.env.REPLY_TOKEN_SECRET!, links[0]!.searchParams.get('t')!, now(), 28);
    expect(token).toMatchObject({ valid: true, caseNumber: 1001, agentId: 'A-101' });
    expect(await caseNumbered(1001)).toMatchObject({ status: 'solved', assignee: 'A-101' });
    // What the inbound function emits as first-response and resolution metrics.
    // New case, #take with the answer, #note, the customer's reply, #solve.
    expect(fixture.outcomes.filter((o) => o.caseNumber === 1001).map((o) => o.measures)).toEqual([
      undefined,
      { firstResponseSeconds: expect.any(Number) },
      {},
      undefined,
      { resolutionSeconds: expect.any(Number) },
    ]);
  });

  it('"yes, one more thing" reopens the case and tells the agent', async () => {
    await customerAnswers('ana@customer.test', 'Yes, one more thing: could I get an invoice?');

    expect(await caseNumbered(1001)).toMatchObject({ status: 'open' });
    const { mail } = await latest('maria@staff.example.com');
    expect(mail.subject).toBe('[Case #1001] Reopened: My order never arrived');
    expect(mail.text).toContain('replied on case #1001, which was solved: it is open again');
    expect(mail.text).toContain('could I get an invoice?');
  });

  it('a reply after the reopen window opens a new case, linked to the old one', async () => {
    await mariaAnswers(1001, '#solve\nThe invoice is on its way by separate mail.');
    offsetMs += 8 * DAY_MS;
    await customerAnswers('ana@customer.test', 'Hello again, the replacement broke.');

    expect(await caseNumbered(1001)).toMatchObject({ status: 'solved' });
    expect(await caseNumbered(1002)).toMatchObject({
      status: 'new',
      previousCase: 1001,
      requester: { address: 'ana@customer.test' },
    });
    const { mail } = await latest('ana@customer.test');
    expect(mail.subject).toMatch(/^\[Case #1002\] /);
    expect(mail.text).toContain('It follows on from case #1001');
    const [notification] = (await fixture.mailbox('team@staff.example.com')).filter((m) =>
      m.mail.subject?.startsWith('[Case #1002]'),
    );
    expect(notification?.mail.text).toContain('It follows up on case #1001, solved too long ago to reopen.');
  });

  it('#transcript sends the customer the conversation so far', async () => {
    await mariaAnswers(1002, '#take\n#transcript');

    const { mail } = await latest('ana@customer.test');
    expect(mail.subject).toMatch(/^Re: \[Case #1002\] /);
    expect(mail.text).toContain('Here is our whole conversation on case #1002 so far.');
    expect(mail.text).toContain('---- The conversation on case #1002');
    expect(mail.text).toContain('Hello again, the replacement broke.');
  });

  it('a pending case is nudged after quiet business days, then solved with the closing mail; a reply in between stops both', async () => {
    const deps = await alertDependencies();
    const openPending = async (from: string) => {
      await customer.send({ from, to: 'support@example.test', subject: 'Refund', text: 'I want a refund.' });
      const caseNumber = fixture.outcomes.at(-1)!.caseNumber!;
      await mariaAnswers(caseNumber, '#pending\nCould you send us the order number?');
      const supportCase = await caseNumbered(caseNumber);
      const [nudge, autoSolve] = scheduleFollowUps(supportCase, deps.settings.lifecycle, deps.settings.businessHours);
      return { caseNumber, nudge: nudge!, autoSolve: autoSolve! };
    };
    const at = (iso: string) => ({ ...deps, now: () => new Date(Date.parse(iso) + 1000) });

    const silent = await openPending('ben@customer.test');
    expect(await processCheck(silent.nudge, at(silent.nudge.dueAt))).toBe('fired');
    expect(await processCheck(silent.nudge, at(silent.nudge.dueAt))).toBe('already-fired');
    const nudge = (await latest('ben@customer.test')).mail;
    expect(nudge.subject).toBe(`Re: [Case #${silent.caseNumber}] Refund`);
    expect(nudge.text).toContain(`I'm just checking in on case #${silent.caseNumber}`);
    expect(nudge.text).toContain('> Could you send us the order number?');
    expect(nudge.headers.get('auto-submitted')).toBe('auto-replied');
    expect(await processCheck(silent.autoSolve, at(silent.autoSolve.dueAt))).toBe('fired');
    const closing = (await latest('ben@customer.test')).mail;
    expect(closing.text).toContain(`I haven't heard back from you on case #${silent.caseNumber}`);
    expect(closing.text).toMatch(/Great:\s+http/);
    expect(await caseNumbered(silent.caseNumber)).toMatchObject({ status: 'solved' });

    const answering = await openPending('cleo@customer.test');
    await customerAnswers('cleo@customer.test', 'The order number is 4711.');
    expect(await processCheck(answering.nudge, at(answering.nudge.dueAt))).toBe('stale');
    expect(await processCheck(answering.autoSolve, at(answering.autoSolve.dueAt))).toBe('stale');
    expect(await caseNumbered(answering.caseNumber)).toMatchObject({ status: 'open' });
  });
});
