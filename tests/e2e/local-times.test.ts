import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../infra/config.ts';
import { replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

/** A Berlin team, Monday to Thursday 09:00-17:00 and Friday mornings, closed on Christmas Eve. */
const BERLIN_CONFIG = parseSupportConfig({
  ...TEST_CONFIG_INPUT,
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-13:00'],
    },
    holidays: ['2026-12-24'],
  },
});

/** A first mail as a mail client writes it, with its own Date header. */
function firstMail(
  from: string,
  subject: string,
  date: string,
): { raw: string; envelope: { from: string; to: string[] } } {
  return {
    envelope: { from, to: ['support@example.test'] },
    raw: [
      `From: ${from}`,
      'To: support@example.test',
      `Subject: ${subject}`,
      `Date: ${date}`,
      `Message-ID: <${subject.replaceAll(' ', '-')}@customer.test>`,
      '',
      'Hello, the hinge of my cabinet broke. Can you send a new one?',
      '',
    ].join('\r\n'),
  };
}

describe("the acknowledgement tells when the answer is due on the customer's clock", () => {
  let fixture: StackFixture;
  // Monday 14 December 2026, 10:12 in Berlin: four business hours end at 14:12, told as 14:15.
  let clock = new Date('2026-12-14T09:12:00.000Z');

  beforeAll(async () => {
    fixture = await startStackFixture({ config: BERLIN_CONFIG, now: () => clock });
  });
  afterAll(() => fixture.stop());

  it('names the due time in +0100 when the mail was written in +0100', async () => {
    // Prepare / Act
    await fixture.send(firstMail('lea@customer.test', 'Broken hinge', 'Mon, 14 Dec 2026 10:11:40 +0100'));

    // Assess
    const [ack] = await fixture.mailbox('lea@customer.test');
    expect(ack?.mail.text).toContain(
      'answer you by 14:15 today, your time (within 4 business hours), often sooner. ' +
        'We work Monday to Thursday 09:00–17:00, Friday 09:00–13:00 (Berlin time); closed on Thursday 24 December.',
    );
    expect(ack?.mail.html).toContain('<strong>by 14:15 today, your time</strong> (within 4 business hours)');
    const [message] = (await fixture.items('message')).filter((m) => m.kind === 'customer');
    expect(message).toMatchObject({ dateOffsetMinutes: 60 });
  });

  it('names the due time in -0500 for a customer in New York', async () => {
    await fixture.send(firstMail('joe@customer.test', 'Missing screws', 'Mon, 14 Dec 2026 04:11:40 -0500'));

    const [ack] = await fixture.mailbox('joe@customer.test');
    expect(ack?.mail.text).toContain('answer you by 08:15 today, your time (within 4 business hours)');
  });

  it("names the team's zone when the Date header gives no offset", async () => {
    await fixture.send(firstMail('kim@customer.test', 'Wrong colour', 'Mon, 14 Dec 2026 09:11:40 -0000'));

    const [ack] = await fixture.mailbox('kim@customer.test');
    expect(ack?.mail.text).toContain('answer you by 14:15 today, Berlin time (within 4 business hours)');
  });

  it("shows the team the case's history on the team's clock, named", async () => {
    // Prepare: Lea answers her acknowledgement an hour later, at 11:12 in Berlin.
    const [ack] = await fixture.mailbox('lea@customer.test');
    if (ack === undefined) throw new Error('Lea has her acknowledgement');
    clock = new Date('2026-12-14T10:12:00.000Z');

    // Act
    await fixture.send({
      from: 'lea@customer.test',
      to: replyToOf(ack.mail),
      subject: `Re: ${ack.mail.subject}`,
      text: 'It is the left door.',
    });

    // Assess: her first mail (10:12 CET) is in the history of the team's notification of her reply.
    const notifications = (await fixture.mailbox('team@staff.example.com')).filter((n) =>
      n.mail.text?.includes('replied on case'),
    );
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.mail.text).toMatch(
      /Earlier in this case:\n {2}Mon 14 Dec, 10:12 CET {2}lea@customer\.test/,
    );
  });
});
