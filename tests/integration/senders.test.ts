import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * Who a mail is from, when its headers say it badly or not at all, and whom we may send to: each
 * message written here by hand, sent over SMTP through the whole local pipeline. The local SES
 * refuses a send with one malformed address, as SES does.
 */
const SUPPORT = 'support@example.test';
const TEAM = TEST_CONFIG.teamAddress;

type Header = readonly [name: string, value: string];

function unique(label: string): string {
  return `${label}-${randomBytes(3).toString('hex')}`;
}

/** A first mail with the given sender headers (and no others), CRLF line ends; `extra` replaces a usual header of its name. */
function rawMail(senderHeaders: readonly Header[], body: string, extra: readonly Header[] = []): string {
  const usual: Header[] = [
    ['To', SUPPORT],
    ['Subject', 'My order 4471'],
    ['Date', 'Tue, 10 Nov 2026 09:30:00 +0000'],
    ['Message-ID', `<${unique('m')}@customer.test>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=utf-8'],
  ];
  const replaced = new Set(extra.map(([name]) => name.toLowerCase()));
  const headers = [...senderHeaders, ...usual.filter(([name]) => !replaced.has(name.toLowerCase())), ...extra];
  return `${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}\r\n`;
}

describe('senders from the real world', () => {
  const agents = agentDomainZone();
  // A customer domain that signs its mail and publishes DMARC: only a proven sender's copies join a case.
  const proven = agentDomainZone('proven.test');
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let signed: ReturnType<typeof mailClient>;
  const deadLetters: unknown[] = [];

  beforeAll(async () => {
    fixture = await startStackFixture({
      zone: { ...agents.zone, ...proven.zone },
      onDeadLetter: (_event, error) => deadLetters.push(error),
    });
    maria = mailClient(fixture, { dkim: agents.dkim });
    signed = mailClient(fixture, { dkim: proven.dkim });
  });
  afterAll(async () => {
    maria?.close();
    signed?.close();
    await fixture?.stop();
  });

  /** Sends over SMTP with `envelopeFrom` as MAIL FROM; returns the one outcome, and no dead letter. */
  async function send(raw: string, envelopeFrom: string): Promise<IntakeOutcome> {
    const before = fixture.outcomes.length;
    await fixture.send({ raw, envelope: { from: envelopeFrom, to: [SUPPORT] } });
    expect(deadLetters).toEqual([]);
    const fresh = fixture.outcomes.slice(before);
    expect(fresh).toHaveLength(1);
    return fresh[0] as IntakeOutcome;
  }

  async function caseOf(outcome: IntakeOutcome): Promise<Record<string, unknown> | undefined> {
    return (await fixture.items('case')).find((c) => c.caseNumber === outcome.caseNumber);
  }

  async function notificationOf(outcome: IntakeOutcome): Promise<string> {
    const found = (await fixture.mailbox(TEAM)).filter((m) =>
      m.mail.subject?.startsWith(`[Case #${outcome.caseNumber}] New case`),
    );
    expect(found).toHaveLength(1);
    return found[0]?.mail.text ?? '';
  }

  describe('a mail without From is answered where a mail client would answer it', () => {
    it.each([
      {
        header: 'Sender',
        named: 'the Sender header',
        others: (a: string): Header[] => [
          ['Sender', `Ana Lopez <${a}>`],
          ['Reply-To', `scans-${a}`],
        ],
      },
      {
        header: 'Reply-To',
        named: 'the Reply-To header',
        others: (a: string): Header[] => [['Reply-To', `Ana Lopez <${a}>`]],
      },
    ])(
      'with only $header: acknowledged there, and the agent told where the sender came from',
      async ({ named, others }) => {
        // Prepare
        const ana = `${unique('ana')}@customer.test`;

        // Act
        const outcome = await send(
          rawMail(others(ana), 'Our scanner sent this for me.'),
          `${unique('scanner')}@customer.test`,
        );

        // Assess
        expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
        const [ack] = await fixture.mailbox(ana);
        expect(ack?.mail.subject).toBe(`[Case #${outcome.caseNumber}] My order 4471`);
        expect(await caseOf(outcome)).toMatchObject({ requester: { address: ana, name: 'Ana Lopez' }, flags: [] });
        expect(await notificationOf(outcome)).toContain(`No usable From header; sender taken from ${named}.`);
      },
    );

    it('with no sender header at all: acknowledged to the envelope sender (SMTP MAIL FROM)', async () => {
      // Prepare
      const envelope = `${unique('script')}@customer.test`;

      // Act
      const outcome = await send(rawMail([], 'A script wrote this.'), envelope);

      // Assess
      expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
      expect((await fixture.mailbox(envelope)).map((m) => m.mail.subject)).toEqual([
        `[Case #${outcome.caseNumber}] My order 4471`,
      ]);
      expect(await caseOf(outcome)).toMatchObject({ requester: { address: envelope }, flags: [] });
      expect(await notificationOf(outcome)).toContain(
        'No usable From header; sender taken from the envelope sender (SMTP MAIL FROM).',
      );
    });
  });

  describe('a malformed From is read as a mail client reads it, and acknowledged', () => {
    it.each([
      { name: 'a trailing dot on the domain', from: (local: string) => `Ana Lopez <${local}@customer.test.>` },
      { name: 'a name and address without brackets', from: (local: string) => `Ana Lopez ${local}@customer.test` },
      { name: 'quoted junk before the address', from: (local: string) => `"junk" "more" <${local}@customer.test>` },
      { name: 'the whole mailbox in quotes', from: (local: string) => `"Ana Lopez <${local}@customer.test>"` },
    ])('$name', async ({ from }) => {
      // Prepare
      const local = unique('ana');

      // Act
      const outcome = await send(
        rawMail([['From', from(local)]], 'My From header is odd.'),
        `bounces-${local}@mailer.test`,
      );

      // Assess
      expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
      expect(await fixture.mailbox(`${local}@customer.test`)).toHaveLength(1);
      expect((await caseOf(outcome))?.requester).toMatchObject({ address: `${local}@customer.test` });
      expect(await notificationOf(outcome)).not.toContain('No usable From header');
    });
  });

  it('an answer to a case whose participants include an address SES would refuse still reaches the others; the bad one is left out and recorded', async () => {
    // Prepare: Ana (whose domain signs her mail, so whom she copies joins) copies Bob, whose address has two dots in a row (SES: "Domain contains dot-dot"), and Carol
    const ana = `${unique('ana')}@proven.test`;
    const bob = `${unique('bob')}@proven..test`;
    const carol = `${unique('carol')}@proven.test`;
    const before = fixture.outcomes.length;
    await signed.send({
      raw: rawMail([['From', `Ana <${ana}>`]], 'The hinge broke.', [['Cc', `Bob <${bob}>, ${carol}`]]),
      envelope: { from: ana, to: [SUPPORT] },
    });
    const first = fixture.outcomes[before] as IntakeOutcome;
    expect((await caseOf(first))?.participants).toEqual([ana, bob, carol]);
    const notification = (await fixture.mailbox(TEAM)).find((m) =>
      m.mail.subject?.startsWith(`[Case #${first.caseNumber}]`),
    );
    const sentBefore = fixture.stack.ses.sent.length;

    // Act: the agent answers everyone on the case
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'A new hinge is on its way.',
    });

    // Assess: one send, to Ana and Carol; Bob is named in the intake with the reason
    expect(deadLetters).toEqual([]);
    const reply = fixture.outcomes.at(-1);
    expect(reply).toMatchObject({ outcome: 'case-updated', caseNumber: first.caseNumber, sent: ['reply'] });
    expect(fixture.stack.ses.sent.slice(sentBefore).map((s) => s.recipients)).toEqual([[ana, carol]]);
    const answer = (await fixture.mailbox(carol)).at(-1)?.mail;
    expect(answer?.text).toContain('A new hinge is on its way.');
    expect(answer?.cc && !Array.isArray(answer.cc) ? answer.cc.value.map((a) => a.address) : []).toEqual([carol]);
    const intake = (await fixture.items('intake')).find((i) => i.sesMessageId === reply?.sesMessageId);
    expect(intake?.withheld).toEqual([
      `reply not sent to addresses SES would refuse (${bob}: its domain has an empty part (a leading dot or two dots in a row))`,
    ]);
    expect(intake?.pendingSends).toBeUndefined();
  });

  describe('a no-reply sender', () => {
    it('without automatic headers (a forwarded order confirmation) opens a case, unacknowledged, and the agent is told it takes no replies', async () => {
      // Prepare
      const shop = `noreply@${unique('shop')}.test`;
      const sentBefore = fixture.stack.ses.sent.length;

      // Act
      const outcome = await send(
        rawMail([['From', `Shop <${shop}>`]], 'Your order 4471 has shipped.'),
        `bounce@${shop.split('@')[1]}`,
      );

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'case-opened',
        reason: 'no-reply-sender',
        acknowledged: false,
        sent: ['notification'],
      });
      expect(fixture.stack.ses.sent.slice(sentBefore).flatMap((s) => s.recipients)).toEqual([TEAM]);
      expect(await fixture.mailbox(shop)).toEqual([]);
      expect(await caseOf(outcome)).toMatchObject({ requester: { address: shop, name: 'Shop' }, flags: [] });
      expect(await notificationOf(outcome)).toContain('The sender does not take replies (a no-reply address)');
    });

    it("a no-reply sender's next notice, naming its first, joins that case without a word to the sender", async () => {
      // Prepare
      const shop = `noreply@${unique('shop')}.test`;
      const firstId = `<${unique('order')}@shop.test>`;
      const first = await send(
        rawMail([['From', `Shop <${shop}>`]], 'Your order 4471 is confirmed.', [['Message-ID', firstId]]),
        `bounce@${shop.split('@')[1]}`,
      );

      // Act
      const next = await send(
        rawMail([['From', `Shop <${shop}>`]], 'Your order 4471 has shipped.', [['References', firstId]]),
        `bounce@${shop.split('@')[1]}`,
      );

      // Assess
      expect(first).toMatchObject({ outcome: 'case-opened', reason: 'no-reply-sender', acknowledged: false });
      expect(next).toMatchObject({
        outcome: 'case-updated',
        caseNumber: first.caseNumber,
        acknowledged: false,
        sent: ['notification'],
      });
      expect(await fixture.mailbox(shop)).toEqual([]);
    });

    it('with an automatic header is held as automatic mail, as before', async () => {
      const shop = `noreply@${unique('shop')}.test`;

      const outcome = await send(
        rawMail([['From', shop]], 'Your order has shipped.', [['Auto-Submitted', 'auto-generated']]),
        `bounce@${shop.split('@')[1]}`,
      );

      expect(outcome).toMatchObject({ outcome: 'held', reason: 'automatic:auto-submitted', sent: [] });
    });
  });
});
