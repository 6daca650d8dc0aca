import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { dirname } from 'node:path';
import { parseSupportConfig } from '../../infra/config.ts';
import { runSupport } from '../../infra/cli/main.ts';
import { mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';
import { hiddenField, postForm, surveyLink, voteOnSurvey } from '../support/survey-client.ts';

/** Open around the clock, so business time is wall time and the follow-up target's checks come due while we wait. */
const ALL_WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));
/** The follow-up target, shortened from a business hour to seconds: warned at 6 s (three quarters), breached at 8 s. */
const FOLLOW_UP_SECONDS = 8;

describe('an unhappy rating starts a recovery, over SMTP and HTTP', () => {
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    const config = parseSupportConfig({
      ...TEST_CONFIG_INPUT,
      businessHours: { timeZone: 'UTC', weekly: ALL_WEEK, holidays: [] },
      closing: { followUpResponseHours: FOLLOW_UP_SECONDS / 3600 },
    });
    fixture = await startStackFixture({ config });
    maria = mailClient(fixture, { login: 'maria@staff.example.com' });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
  });

  const caseNumbered = async (n: number) =>
    (await fixture.items('case')).find((c) => c.caseNumber === n) as unknown as SupportCase;
  const about = (n: number) => async (address: string) =>
    (await fixture.mailbox(address)).filter((m) => m.mail.subject?.includes(`[Case #${n}]`));
  /** Maria answers the latest mail about a case that reached her or the team, from her own client. */
  const mariaAnswers = async (caseNumber: number, text: string) => {
    const mails = [
      ...(await about(caseNumber)('team@staff.example.com')),
      ...(await about(caseNumber)('maria@staff.example.com')),
    ].sort((a, b) => (a.mail.date?.getTime() ?? 0) - (b.mail.date?.getTime() ?? 0));
    const { mail } = mails.at(-1)!;
    await maria.send({ from: 'maria@staff.example.com', to: replyToOf(mail), subject: `Re: ${mail.subject}`, text });
  };
  /** A customer's case, solved by Maria; returns its number and the text of the closing mail. */
  const solvedCase = async (from: string, subject: string) => {
    await customer.send({ from, to: 'support@example.test', subject, text: 'Order 4711 never arrived.' });
    const caseNumber = fixture.outcomes.at(-1)!.caseNumber!;
    await mariaAnswers(caseNumber, '#solve\nThe replacement is on its way, tracking 123456.');
    return { caseNumber, closing: (await fixture.mailbox(from)).at(-1)!.mail.text ?? '' };
  };

  let first: { caseNumber: number; closing: string };
  let thanksPage: string;

  it('a "Not good" with a comment reopens the case and tells the customer when a person will answer', async () => {
    // Prepare
    first = await solvedCase('ana@customer.test', 'My order never arrived');

    // Act
    const { status, html } = await voteOnSurvey(first.closing, 'not-good', 'Had to write three times');
    thanksPage = html;

    // Assess
    expect(status).toBe(200);
    expect(html).toContain('<h1>Thank you for telling us</h1>');
    expect(html).toMatch(/A person from our team will get back to you by \w+day \d{1,2} \w+ at \d\d:\d\d UTC\./);
    expect(html).toContain('<input type="hidden" name="do" value="supervisor">');
    expect(await caseNumbered(first.caseNumber)).toMatchObject({
      status: 'open',
      assignee: 'A-101',
      followUp: { round: 2, answer: 'not-good', agentId: 'A-101' },
    });
  });

  it('keeps the comment when the customer comes back to change their vote', async () => {
    // Act: Ana opens her survey again, from the link in the closing mail
    const page = await (await fetch(surveyLink(first.closing, 'okay'))).text();

    // Assess
    expect(page).toContain('>Had to write three times</textarea>');
    expect(page).toMatch(/You rated this case “Not good” on/);
    expect(thanksPage).not.toContain('</textarea>');
  });
  it('mails the agent who solved it and the supervisor on duty at once, with the vote, the comment and the case', async () => {
    // Assess: the raw messages as delivered
    for (const address of ['maria@staff.example.com', 'sam@staff.example.com']) {
      const [notice] = (await about(first.caseNumber)(address)).filter((m) => m.mail.subject?.includes('Rated'));
      expect(notice, address).toBeDefined();
      const raw = notice!.raw.toString('utf8');
      expect(notice!.mail.subject).toBe(
        `[Case #${first.caseNumber}] Rated “Not good”, reopened for a follow-up: My order never arrived`,
      );
      expect(raw).toMatch(/^Auto-Submitted: auto-replied\r$/m);
      expect(raw).toMatch(new RegExp(`^To: .*<${address}>\\r$`, 'm'));
      expect(notice!.mail.text).toContain('Had to write three times');
      expect(notice!.mail.text).toContain('The case was solved by Maria Lopez (A-101)');
      expect(notice!.mail.text).toMatch(/a person will get back to them by\s+\w+day/);
      expect(notice!.mail.html).toContain('Had to write three times');
    }
  });

  it('the follow-up target warns the agent when nobody acts', async () => {
    // Act: wait for the queue's own delay
    const warnings = async () =>
      (await about(first.caseNumber)('maria@staff.example.com'))
        .map((m) => m.mail.subject ?? '')
        .filter((s) => s.includes('left to the follow-up response target'));

    // Assess
    await expect.poll(warnings, { timeout: 30_000, interval: 250 }).toHaveLength(1);
  });

  it('solving the follow-up sends the closing mail again with a new survey, and a "Great" is a recovery', async () => {
    // Act
    await mariaAnswers(first.caseNumber, '#solve\nSo sorry for the runaround. A voucher is on its way too.');
    const second = (await fixture.mailbox('ana@customer.test')).at(-1)!.mail.text ?? '';
    const { status } = await voteOnSurvey(second, 'great', 'Maria sorted it out, thank you!');

    // Assess
    expect(second).toContain('So sorry for the runaround.');
    expect(new URL(surveyLink(second, 'great')).searchParams.get('t')).toMatch(new RegExp(`^${first.caseNumber}r2\\.`));
    expect(status).toBe(200);
    const solved = await caseNumbered(first.caseNumber);
    expect(solved.status).toBe('solved');
    expect(Date.parse(solved.recoveredAt ?? '')).toBeGreaterThan(Date.parse(solved.followUp?.openedAt ?? ''));
    const events = (await fixture.items('ratingEvent')) as unknown as RatingEvent[];
    expect(
      events
        .filter((e) => e.caseNumber === first.caseNumber)
        .map((e) => [e.round, e.answer])
        .sort(),
    ).toEqual([
      [1, 'not-good'],
      [2, 'great'],
    ]);
  });

  it('the report counts the case as one recovery, in the text and in the JSON', async () => {
    // Act
    const out: string[] = [];
    const report = (...args: string[]) =>
      runSupport(['report', '--since', '1d', ...args, '--data-dir', dirname(fixture.stack.stackFile)], {
        out: (t) => out.push(t),
        err: () => {},
      });
    const textCode = await report();
    const text = out.join('\n');
    out.length = 0;
    const jsonCode = await report('--json');
    const json = JSON.parse(out.join('\n')) as { overall: { recoveries: number } };

    // Assess
    expect([textCode, jsonCode]).toEqual([0, 0]);
    expect(text).toContain('; 1 recovered;');
    expect(json.overall.recoveries).toBe(1);
  });

  it('a "Great" with words thanks the agent in the customer\'s words', async () => {
    // Assess
    const [thanks] = (await about(first.caseNumber)('maria@staff.example.com')).filter((m) =>
      m.mail.subject?.includes('A customer said thank you'),
    );
    expect(thanks?.mail.text).toContain('Hi Maria Lopez,');
    expect(thanks?.mail.text).toContain('Maria sorted it out, thank you!');
    expect(await about(first.caseNumber)('sam@staff.example.com')).not.toContainEqual(
      expect.objectContaining({ mail: expect.objectContaining({ subject: expect.stringContaining('thank you') }) }),
    );
  });

  it('"I\'d like a supervisor to contact me" escalates the case to the supervisor on duty, once', async () => {
    // Prepare
    const { caseNumber, closing } = await solvedCase('ben@customer.test', 'Wrong size delivered');
    const { html } = await voteOnSurvey(closing, 'not-good', 'Nobody listens');
    const request = { t: hiddenField(html, 't'), n: hiddenField(html, 'n'), do: 'supervisor' };

    // Act
    const asked = await postForm(surveyLink(closing, 'great'), request);
    const again = await postForm(surveyLink(closing, 'great'), request);

    // Assess
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('<h1>A supervisor will contact you</h1>');
    expect(asked.html).toMatch(/Sam Okafor, our supervisor on duty, now has case #\d+ and will contact you by \w+day/);
    expect(again.status).toBe(409);
    expect(await caseNumbered(caseNumber)).toMatchObject({ status: 'open', assignee: 'S-001' });
    const requests = (await about(caseNumber)('sam@staff.example.com')).filter((m) =>
      m.mail.subject?.includes('asks for a supervisor'),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.mail.text).toContain('Nobody listens');
  });

  it('refuses a supervisor request whose nonce was not minted for its link, and changes nothing', async () => {
    // Prepare: the nonce of Ana's thank-you page, posted with Cleo's link
    const { caseNumber, closing } = await solvedCase('cleo@customer.test', 'Parcel damaged');
    const token = new URL(surveyLink(closing, 'great')).searchParams.get('t') ?? '';
    const before = await caseNumbered(caseNumber);

    // Act
    const forged = await postForm(surveyLink(closing, 'great'), {
      t: token,
      n: hiddenField(thanksPage, 'n'),
      do: 'supervisor',
    });

    // Assess
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('<h1>This form cannot be used</h1>');
    expect(await caseNumbered(caseNumber)).toEqual(before);
    expect(before).toMatchObject({ status: 'solved', assignee: 'A-101' });
    expect(
      (await fixture.mailbox('sam@staff.example.com')).filter((m) => m.mail.subject?.includes('Parcel damaged')),
    ).toEqual([]);
  });
});
