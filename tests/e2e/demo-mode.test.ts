import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MINUTES, demoConfig } from '../../infra/local/demo-config.ts';
import { mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * `npm start -- --demo` on a faster clock: a demo minute lasts DEMO_MINUTE_MS here instead of a
 * minute, so what a new user sees in ten minutes takes well under a minute. Real time passes: the
 * checks go through the local SQS with their real delays, as they do in the demo.
 */
const DEMO_MINUTE_MS = 1_500;
/** The last mail (the auto-solve, 2 demo business days after going pending) plus the poller's and the delay's rounding. */
const WAIT_LIMIT_MS = DEMO_MINUTE_MS * DEMO_MINUTES.businessDay * 2 + 15_000;

describe('demo mode: a warning, a breach, an escalation, a nudge and an auto-solve within minutes', () => {
  let fixture: StackFixture;
  let customer: ReturnType<typeof mailClient>;
  let maria: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    fixture = await startStackFixture({ config: demoConfig(TEST_CONFIG, DEMO_MINUTE_MS) });
    customer = mailClient(fixture);
    // Logged in with her own local password, as the banner tells a person to.
    maria = mailClient(fixture, { login: 'maria@staff.example.com' });
  });
  afterAll(async () => {
    customer.close();
    maria.close();
    await fixture.stop();
  });

  const subjects = async (address: string) => (await fixture.mailbox(address)).map((m) => m.mail.subject ?? '');
  /** Polls a mailbox until a subject matches; real delays pass here, nothing is faked. */
  const waitForSubject = async (address: string, pattern: RegExp): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < WAIT_LIMIT_MS) {
      if ((await subjects(address)).some((s) => pattern.test(s))) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `no mail to ${address} matching ${pattern} within ${WAIT_LIMIT_MS} ms; it has: ${(await subjects(address)).join(' | ')}`,
    );
  };

  it('a case nobody answers warns the team, breaches to the team and the supervisor, then goes to the supervisor again', {
    timeout: WAIT_LIMIT_MS * 2,
  }, async () => {
    // Prepare / Act
    const sent = Date.now();
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Parcel lost',
      text: 'Where is order 4711?',
    });
    await waitForSubject(
      'sam@staff.example.com',
      /^\[Case #1001\] Still missing the first response target: Parcel lost$/,
    );
    const elapsed = Date.now() - sent;

    // Assess: each stage once, in order, at its demo time.
    expect(await subjects('team@staff.example.com')).toEqual([
      '[Case #1001] New case: Parcel lost',
      expect.stringMatching(/^\[Case #1001\] \d+ (minute|minutes) left to the first response target: Parcel lost$/),
      '[Case #1001] Missed the first response target: Parcel lost',
    ]);
    expect(await subjects('sam@staff.example.com')).toEqual([
      '[Case #1001] Missed the first response target: Parcel lost',
      '[Case #1001] Still missing the first response target: Parcel lost',
    ]);
    // The escalation is due at twice the 3-minute target: 6 demo minutes, not a moment before.
    expect(elapsed).toBeGreaterThanOrEqual(DEMO_MINUTES.firstResponse * 2 * DEMO_MINUTE_MS);
  });

  it('a case set pending nudges the customer, then is solved for them with the closing mail', {
    timeout: WAIT_LIMIT_MS * 2,
  }, async () => {
    // Prepare
    await customer.send({
      from: 'Bo Chen <bo@customer.test>',
      to: 'support@example.test',
      subject: 'Wrong size',
      text: 'The shoes are too small.',
    });
    const [notification] = (await fixture.mailbox('team@staff.example.com')).filter(
      (m) => m.mail.subject === '[Case #1002] New case: Wrong size',
    );
    if (notification === undefined) throw new Error('no notification for case #1002');

    // Act: Maria answers and sets the case pending; then the customer stays silent.
    const pendingAt = Date.now();
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification.mail),
      subject: `Re: ${notification.mail.subject}`,
      text: '#pending\nWhich size do you need?',
    });
    const closingText = /I'm closing it for now/;
    const started = Date.now();
    while (
      Date.now() - started < WAIT_LIMIT_MS &&
      !(await fixture.mailbox('bo@customer.test')).some((m) => closingText.test(m.mail.text ?? ''))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const elapsed = Date.now() - pendingAt;

    // Assess: acknowledgement, Maria's answer, the nudge, the closing; the case is solved.
    const inbox = (await fixture.mailbox('bo@customer.test')).map((m) => m.mail.text ?? '');
    expect(inbox).toHaveLength(4);
    expect(inbox[1]).toMatch(/^Which size do you need\?/);
    expect(inbox[2]).toContain(`I'm just checking in on case #1002 ("Wrong size")`);
    expect(inbox[3]).toMatch(closingText);
    const solved = (await fixture.items('case')).find((c) => c.caseNumber === 1002);
    expect(solved?.status).toBe('solved');
    // Solved two demo business days after going pending, not a moment before.
    expect(elapsed).toBeGreaterThanOrEqual(DEMO_MINUTES.businessDay * 2 * DEMO_MINUTE_MS);
  });
});
