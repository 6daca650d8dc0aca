import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportMailHandler, reportMailDependencies } from '../../functions/digest/handler.ts';
import { runSupport } from '../../infra/cli/main.ts';
import { localContext } from '../../infra/local/lambda-context.ts';
import { mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { answerSurvey } from '../support/survey-client.ts';

const SAM = 'sam@staff.example.com';
const MARIA = 'maria@staff.example.com';

describe('report mail over the local stack: the weekly digest and the monthly agent mail', () => {
  let fixture: StackFixture;
  const support = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSupport([...args, '--data-dir', dirname(fixture.stack.stackFile)], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    fixture = await startStackFixture();
    // Prepare: Ana writes, Maria solves it, Ana rates it "Great" with a comment.
    await fixture.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Hello, order 4711 never arrived.',
    });
    const maria = mailClient(fixture, { login: MARIA });
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: MARIA,
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: '#solve\nThe replacement is on its way, tracking 123456.',
    });
    maria.close();
    await fixture.stack.idle();
    const closing = (await fixture.mailbox('ana@customer.test')).at(-1)?.mail.text ?? '';
    expect(await answerSurvey(closing, 'great', 'Quick & kind, thank you!')).toBe(200);
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it('support report --digest mails the week to the supervisor as text and HTML, marked automatic', async () => {
    // Act
    const result = await support('report', '--digest');
    await fixture.stack.idle();

    // Assess
    expect(result).toMatchObject({
      code: 0,
      out: expect.stringContaining(`Weekly digest of the last 7 days mailed to ${SAM}`),
    });
    const digests = (await fixture.mailbox(SAM)).filter((m) =>
      m.mail.subject?.startsWith('Example Support: the week to'),
    );
    expect(digests).toHaveLength(1);
    const { mail, raw } = digests[0]!;
    expect(mail.subject).toMatch(/1 opened, 100% "Great", 0 open$/);
    expect(mail.text).toContain('Opened 1 · answered 1 · solved 1');
    expect(mail.text).toContain('Rated 1, 100% "Great" · recovered 0');
    expect(mail.text).toContain('Maria Lopez: 1 rated · answered 1 · solved 1');
    expect(mail.text).toContain('nobody had 5 ratings this week');
    expect(mail.html).toContain('<h2 style="font-size:16px;">Open backlog: 0</h2>');
    expect(raw.toString('utf8')).toMatch(/^Auto-Submitted: auto-replied$/m);
    // Agents who are not supervisors get no digest.
    expect((await fixture.mailbox(MARIA)).filter((m) => m.mail.subject?.includes('the week to'))).toHaveLength(0);
  });

  it('the schedule sends each period once, however often it fires', async () => {
    // Prepare
    const handler = createReportMailHandler(() => reportMailDependencies(process.env));
    const before = (await fixture.mailbox(SAM)).length;

    // Act
    const first = await handler({ kind: 'weekly-digest' }, localContext());
    const again = await handler({ kind: 'weekly-digest' }, localContext());
    await fixture.stack.idle();

    // Assess
    expect(first).toMatchObject({ sent: [SAM], alreadySent: [] });
    expect(again).toMatchObject({ sent: [], alreadySent: [SAM] });
    expect(await fixture.mailbox(SAM)).toHaveLength(before + 1);
  });

  it("mails each rated agent their month's ratings and comments, positive first", async () => {
    // Prepare: the rating was given this month; the monthly mail covers the month before, so run it a month on
    const deps = await reportMailDependencies(process.env);
    const nextMonth = new Date();
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1, 2);
    const handler = createReportMailHandler(async () => ({ ...deps, now: () => nextMonth }));

    // Act
    const outcome = await handler({ kind: 'agent-monthly' }, localContext());
    await fixture.stack.idle();

    // Assess
    expect(outcome).toMatchObject({ sent: [MARIA] });
    const monthly = (await fixture.mailbox(MARIA)).find((m) => m.mail.subject?.startsWith('Your ratings for'));
    expect(monthly?.mail.subject).toMatch(/^Your ratings for \d{4}-\d{2}: 1 "Great" of 1$/);
    expect(monthly?.mail.text).toContain('Great · case #1001');
    expect(monthly?.mail.text).toContain('"Quick & kind, thank you!"');
    expect(monthly?.mail.html).toContain('Quick &amp; kind, thank you!');
  });
});
