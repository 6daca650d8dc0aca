import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { readHeaderBlock } from '../../infra/local/raw-headers.ts';
import { startStackFixture, TEST_CONFIG, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * The hand-made fixtures of tests/fixtures/charsets sent over SMTP through the whole local pipeline:
 * what the team's notification says and what the customer's acknowledgement carries in its headers.
 */
const SUPPORT = 'support@example.test';
const TEAM = TEST_CONFIG.teamAddress;
/** Characters that must never reach an agent or a header we write (core/visible-text.ts). */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/u;

function fixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '../fixtures/charsets', name));
}

describe('strange mail still reads right, end to end', () => {
  let fixtureStack: StackFixture;

  beforeAll(async () => {
    fixtureStack = await startStackFixture();
  });
  afterAll(async () => {
    await fixtureStack?.stop();
  });

  async function sendOverSmtp(raw: Buffer, envelopeFrom: string): Promise<IntakeOutcome> {
    const before = fixtureStack.outcomes.length;
    await fixtureStack.send({ raw, envelope: { from: envelopeFrom, to: [SUPPORT] } });
    const fresh = fixtureStack.outcomes.slice(before);
    expect(fresh).toHaveLength(1);
    return fresh[0] as IntakeOutcome;
  }

  async function noticeFor(caseNumber: number | undefined) {
    const notices = (await fixtureStack.mailbox(TEAM)).filter((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}]`),
    );
    expect(notices).toHaveLength(1);
    return notices[0];
  }

  it('a name and subject full of CR/LF, NUL and bidi overrides reach the team and the acknowledgement as plain visible text', async () => {
    // Act
    const outcome = await sendOverSmtp(fixture('invisible-characters.eml'), 'ana@customer.test');

    // Assess: the acknowledgement's headers, as the customer's mail client decodes them.
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const [ack] = await fixtureStack.mailbox('ana@customer.test');
    expect(ack?.mail.subject).toBe(`[Case #${outcome.caseNumber}] Invoice fdp.exe ok X-Injected: yes`);
    expect(ack?.mail.to).toMatchObject({ value: [{ address: 'ana@customer.test' }] });
    const headers = readHeaderBlock(ack?.raw ?? Buffer.alloc(0)).headers;
    expect(headers.map(([name]) => name.toLowerCase())).not.toContain('bcc');
    expect(headers.map(([name]) => name.toLowerCase())).not.toContain('x-injected');
    expect(
      INVISIBLE.test(
        `${ack?.mail.subject} ${JSON.stringify([ack?.mail.from, ack?.mail.to, ack?.mail.replyTo])} ${ack?.mail.text}`,
      ),
    ).toBe(false);
    expect(await fixtureStack.mailbox('victim@evil.test')).toEqual([]);

    // Assess: what the agents read.
    const notice = await noticeFor(outcome.caseNumber);
    expect(notice?.mail.subject).toBe(`[Case #${outcome.caseNumber}] New case: Invoice fdp.exe ok X-Injected: yes`);
    expect(notice?.mail.text).toContain(
      `New case #${outcome.caseNumber} from Ana Bcc: victim@evil.test Souza <ana@customer.test>`,
    );
    expect(notice?.mail.text).toContain('Please open txt.exe now. Pay pal here.\nThank you,\tAna');
    expect(INVISIBLE.test(`${notice?.mail.subject} ${notice?.mail.text} ${notice?.mail.html}`)).toBe(false);
  });

  it('a raw Shift_JIS name and subject read in Japanese in the notification and the acknowledgement', async () => {
    // Act
    const outcome = await sendOverSmtp(fixture('shift-jis-from.eml'), 'yamada@customer.test');

    // Assess
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    const [ack] = await fixtureStack.mailbox('yamada@customer.test');
    expect(ack?.mail.subject).toBe(`[Case #${outcome.caseNumber}] 注文した商品が届きません`);
    expect(ack?.mail.to).toMatchObject({ value: [{ address: 'yamada@customer.test', name: '山田太郎' }] });
    expect(ack?.mail.text).toContain('Hi 山田太郎,');
    const notice = await noticeFor(outcome.caseNumber);
    expect(notice?.mail.text).toContain(`New case #${outcome.caseNumber} from 山田太郎 <yamada@customer.test>`);
    expect(notice?.mail.text).toContain('注文した商品が届きません。');
  });

  it('a raw GBK subject and a Big5 attachment name are kept as written in the case', async () => {
    // Act
    const gbk = await sendOverSmtp(fixture('gbk-subject.eml'), 'wang@customer.test');
    const big5 = await sendOverSmtp(fixture('big5-filename.eml'), 'chan@customer.test');

    // Assess
    const cases = await fixtureStack.items('case');
    expect(cases.find((c) => c.caseNumber === gbk.caseNumber)?.subject).toBe('关于订单的问题');
    const [ack] = await fixtureStack.mailbox('wang@customer.test');
    expect(ack?.mail.subject).toBe(`[Case #${gbk.caseNumber}] 关于订单的问题`);
    const message = (await fixtureStack.items('message')).find(
      (m) => m.sesMessageId === big5.sesMessageId && m.direction === 'inbound',
    );
    expect((message?.attachments as Array<{ filename: string }> | undefined)?.map((a) => a.filename)).toEqual([
      '報價單.pdf',
    ]);
  });
});
