import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { commandsIn } from '../support/markdown-commands.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** What a `swaks` line of the README sends, read from its options as swaks reads them. */
function swaksMail(args: readonly string[]) {
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at === -1 ? undefined : args[at + 1];
  };
  const subject = /^Subject: (.*)$/.exec(option('header') ?? '')?.[1];
  return {
    from: option('from') ?? '',
    to: option('to') ?? '',
    subject,
    text: option('body'),
    login: option('auth-user'),
  };
}

describe("the README's quick start, as written", () => {
  let fixture: StackFixture;
  // The swaks lines that send (the README also names swaks in an apt-get line).
  const [customerLine, agentLine, ...others] = commandsIn('README.md', README, 'swaks').filter((c) =>
    c.args.includes('--server'),
  );
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(() => fixture.stop());

  it('shows one mail from the customer and one answer from the agent', () => {
    // Assess
    expect(customerLine).toBeDefined();
    expect(agentLine).toBeDefined();
    expect(others).toEqual([]);
  });

  it("opens the case the README names, and Ana's acknowledgement arrives as it says", async () => {
    // Prepare
    const mail = swaksMail(customerLine?.args ?? []);

    // Act
    await fixture.send({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });

    // Assess
    const [ack] = await fixture.mailbox(mail.from);
    expect(README).toContain(`\`${ack?.mail.subject}\``);
    expect(ack?.mail.subject).toBe('[Case #1001] My order never arrived');
    const sender = ack?.mail.from?.value[0];
    expect(README).toContain(`from \`${sender?.name} <${sender?.address}>\``);
  });

  it("sends the agent's answer to Ana and makes the case pending, as the README says", async () => {
    // Prepare: the README writes the agent address of the notification with an ellipsis.
    const mail = swaksMail(agentLine?.args ?? []);
    const [notification] = await fixture.mailbox('team@staff.example.com');
    expect(notification).toBeDefined();
    const agentAddress = replyToOf(notification?.mail ?? {});
    expect(mail.to).toMatch(/^support\+1001-a…@example\.test$/);
    expect(agentAddress).toMatch(/^support\+1001-a.+@example\.test$/);
    const maria = mailClient(fixture, { login: mail.login ?? '' });

    // Act
    await maria.send({ from: mail.from, to: agentAddress, subject: mail.subject, text: mail.text });
    maria.close();

    // Assess
    const [, answer, ...more] = await fixture.mailbox('ana@customer.test');
    expect(more).toEqual([]);
    expect(answer?.mail.text).toContain('Hi Ana, a replacement is on its way.');
    expect(answer?.mail.text).not.toContain('#pending');
    expect(answer?.mail.from?.value[0]).toMatchObject({
      address: 'support@example.test',
      name: 'Maria Lopez (Example Support)',
    });
    expect((await fixture.items('case'))[0]).toMatchObject({ caseNumber: 1001, status: 'pending' });
  });
});
