import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

describe('a customer writes to support for the first time', () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(() => fixture.stop());

  it('opens case #1001 and answers her at once with a threaded, automatic acknowledgement', async () => {
    // Prepare / Act
    await fixture.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Hello, my order 4711 never arrived. Can you help?',
      messageId: '<order-4711@customer.test>',
    });

    // Assess
    const [ack, ...more] = await fixture.mailbox('ana@customer.test');
    expect(more).toHaveLength(0);
    const mail = ack!.mail;
    expect(mail.subject).toBe('[Case #1001] My order never arrived');
    expect(mail.from?.value[0]).toMatchObject({ address: 'support@example.test', name: 'Example Support' });
    expect(mail.inReplyTo).toBe('<order-4711@customer.test>');
    expect(mail.references).toBe('<order-4711@customer.test>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.text).toContain('Hi Ana,');
    expect(mail.text).toContain('case #1001');
    expect(mail.text).toContain('within 4 business hours');
    expect(mail.html).toContain('<strong>case&nbsp;#1001</strong>');
    // SES puts its own Message-ID on the wire; the local SES does the same.
    expect(mail.messageId).toMatch(/^<[0-9a-f-]+@eu-west-1\.amazonses\.com>$/);
  });

  it('files the case, the customer message and the acknowledgement under the wire Message-ID', async () => {
    const [supportCase] = await fixture.items('case');
    expect(supportCase).toMatchObject({
      caseNumber: 1001,
      subject: 'My order never arrived',
      status: 'new',
      priority: 'normal',
      requester: { address: 'ana@customer.test', name: 'Ana Souza' },
      participants: ['ana@customer.test'],
      flags: [],
    });
    const messages = await fixture.items('message');
    expect(messages.map((m) => [m.direction, m.kind]).sort()).toEqual([
      ['inbound', 'customer'],
      ['outbound', 'acknowledgement'],
      ['outbound', 'agent-notification'],
    ]);
    const [ack] = await fixture.mailbox('ana@customer.test');
    expect(messages.find((m) => m.kind === 'acknowledgement')?.messageId).toBe(ack!.mail.messageId);
    expect(messages.find((m) => m.kind === 'customer')).toMatchObject({
      messageId: '<order-4711@customer.test>',
      rawKey: expect.stringMatching(/^inbound\//),
    });
    const ids = await fixture.items('messageId');
    expect(ids.map((i) => i.messageId).sort()).toEqual([ack!.mail.messageId, '<order-4711@customer.test>'].sort());
  });
});
