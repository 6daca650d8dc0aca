import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { MAX_HTML_TO_TEXT_CHARS } from '../../functions/mail/long-html.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * Mail no client writes but anyone can send, over SMTP through the local stack: each gets a case,
 * never a retry loop that ends as a dead letter, and never a hold that nobody reads.
 */
describe('strange mail still opens a case', () => {
  let fixture: StackFixture;
  const deadLetters: string[] = [];
  beforeAll(async () => {
    fixture = await startStackFixture({ onDeadLetter: (_event, error) => deadLetters.push(String(error)) });
  });
  afterAll(async () => fixture?.stop());

  /** Sends a raw mail and returns its one outcome; nothing may end as a dead letter. */
  async function send(from: string, headers: string, body: string): Promise<IntakeOutcome> {
    const before = fixture.outcomes.length;
    await fixture.send({
      raw: Buffer.from(`From: ${from}\r\nTo: support@example.test\r\n${headers}\r\n\r\n${body}\r\n`),
      envelope: { from, to: ['support@example.test'] },
    });
    expect(deadLetters).toEqual([]);
    const fresh = fixture.outcomes.slice(before);
    expect(fresh).toHaveLength(1);
    return fresh[0] as IntakeOutcome;
  }
  const notified = async (caseNumber: number | undefined) =>
    (await fixture.mailbox('team@staff.example.com')).find((m) => m.mail.subject?.startsWith(`[Case #${caseNumber}]`))
      ?.mail.text;
  /** Longer than any key DynamoDB takes (2,048 bytes). */
  const longId = `<${'x'.repeat(3000)}@customer.test>`;

  it('a Message-ID longer than DynamoDB takes as a key', async () => {
    const outcome = await send(
      'ana@customer.test',
      `Subject: Long id\r\nMessage-ID: ${longId}`,
      'My order did not arrive.',
    );
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
  });

  it('In-Reply-To and References naming such an id', async () => {
    const outcome = await send(
      'bea@customer.test',
      `Subject: Re: Long id\r\nMessage-ID: <bea-1@customer.test>\r\nIn-Reply-To: ${longId}\r\nReferences: <a@customer.test> ${longId}`,
      'Any news?',
    );
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
  });

  it('an HTML-only mail with more HTML than we convert whole: its first words reach the agent', async () => {
    const row = '<tr><td>Line item</td></tr>\n';
    const html = `<p>Our invoice 4711 is wrong.</p><table>${row.repeat(Math.ceil(MAX_HTML_TO_TEXT_CHARS / row.length) + 10)}</table>`;
    const outcome = await send(
      'carl@customer.test',
      'Subject: Invoice\r\nContent-Type: text/html; charset=utf-8',
      html,
    );
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await notified(outcome.caseNumber)).toContain('Our invoice 4711 is wrong.');
  });

  it('an HTML-only mail nested deeper than html-to-text can walk: its words reach the agent', async () => {
    const html = `${'<div>'.repeat(20_000)}Please call me back.${'</div>'.repeat(20_000)}`;
    const outcome = await send(
      'dora@customer.test',
      'Subject: Call back\r\nContent-Type: text/html; charset=utf-8',
      html,
    );
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await notified(outcome.caseNumber)).toContain('Please call me back.');
  });

  it('an HTML-only mail with thousands of nested quotes: its own words reach the agent', async () => {
    const html = `<p>The hinge broke again.</p>${'<blockquote type="cite">'.repeat(8_000)}Old words.${'</blockquote>'.repeat(8_000)}`;
    const outcome = await send('emil@customer.test', 'Subject: Hinge\r\nContent-Type: text/html; charset=utf-8', html);
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await notified(outcome.caseNumber)).toContain('The hinge broke again.');
  });
});
