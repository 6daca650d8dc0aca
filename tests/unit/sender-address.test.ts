import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { withEnvelopeSender } from '../../functions/mail/sender-address.ts';

/** Hand-written messages with missing or malformed sender headers (tests/fixtures/senders). */
const FIXTURES = join(import.meta.dirname, '../fixtures/senders');
const parse = async (name: string) => parseMessage(await readFile(join(FIXTURES, `${name}.eml`)));

describe('reading who sent a mail, as a mail client would', () => {
  it.each([
    ['from-trailing-dot', 'a fully qualified domain (a trailing dot)'],
    ['from-no-brackets', 'a name and address without angle brackets'],
    ['from-quoted-junk', 'quoted words before the bracketed address'],
    ['from-whole-quoted', 'the whole mailbox in quotes'],
  ])('%s: reads Ana from %s', async (name) => {
    // Act
    const mail = await parse(name);

    // Assess
    expect(mail.from?.address).toBe('ana@customer.test');
    expect(mail.senderSource).toBe('from');
    expect(mail.signals.fromAddress).toBe('ana@customer.test');
  });

  it('keeps the display name a client would show', async () => {
    expect((await parse('from-no-brackets')).from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
    expect((await parse('from-whole-quoted')).from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
    expect((await parse('from-trailing-dot')).from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
  });

  it('takes Sender when there is no From, before Reply-To', async () => {
    const mail = await parse('no-from-sender');

    expect(mail.from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
    expect(mail.senderSource).toBe('sender');
    // The automatic-mail signals still say what From said: nothing.
    expect(mail.signals.fromAddress).toBeUndefined();
  });

  it('takes Reply-To when there is neither From nor Sender', async () => {
    const mail = await parse('no-from-reply-to');

    expect(mail.from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
    expect(mail.senderSource).toBe('reply-to');
  });

  it('passes over a From that SES could never send to (a non-ASCII local part) for Reply-To', async () => {
    const mail = await parse('from-unanswerable');

    expect(mail.from).toEqual({ address: 'jose@customer.test' });
    expect(mail.senderSource).toBe('reply-to');
  });

  it('leaves a mail with no sender header without a sender; the envelope stands in later', async () => {
    // Prepare
    const mail = await parse('no-from-at-all');

    // Act
    const found = withEnvelopeSender(undefined, 'Ana@Customer.test');

    // Assess
    expect(mail.from).toBeUndefined();
    expect(mail.senderSource).toBeUndefined();
    expect(found).toEqual({ address: { address: 'ana@customer.test' }, source: 'envelope' });
  });

  it('never takes a null or malformed envelope sender, and never overrides a header', () => {
    expect(withEnvelopeSender(undefined, '')).toBeUndefined();
    expect(withEnvelopeSender(undefined, '<>')).toBeUndefined();
    expect(withEnvelopeSender(undefined, 'ana@customer..test')).toBeUndefined();
    const fromHeader = { address: { address: 'ana@customer.test' }, source: 'from' } as const;
    expect(withEnvelopeSender(fromHeader, 'bounces@mailer.test')).toBe(fromHeader);
  });

  it('mends the trailing dot in Cc too, so the participant is the address a reply reaches', async () => {
    const raw = Buffer.from(
      'From: ana@customer.test\r\nTo: support@example.test\r\nCc: Bob <BOB@Customer.Test.>, carol@b\u00fccher.test\r\nSubject: x\r\n\r\nhi\r\n',
    );

    const mail = await parseMessage(raw);

    expect(mail.cc).toEqual([{ address: 'bob@customer.test', name: 'Bob' }, { address: 'carol@xn--bcher-kva.test' }]);
  });
});

describe('an address mended from the text around a broken one', () => {
  const fromLine = async (from: string) =>
    parseMessage(Buffer.from(`From: ${from}\r\nTo: support@example.test\r\nSubject: x\r\n\r\nHi.\r\n`));

  it.each([
    [`"ana@customer.test" <${'e'.repeat(70)}@attacker.test>`, 'a local part longer than SMTP allows'],
    ['"ana@customer.test" <"eve smith"@attacker.test>', 'a quoted local part'],
    ['ana@customer.test <eve@attacker..test>', 'a domain with an empty label'],
  ])('is not taken from the display name when the written address is on another domain: %s (%s)', async (from) => {
    const mail = await fromLine(from);

    // DMARC judged the written address's domain, so the name's address is nobody we know
    expect(mail.from?.address).not.toBe('ana@customer.test');
    expect(mail.signals.fromAddress).not.toBe('ana@customer.test');
  });

  it('is never a second mailbox of From, after a first we would not answer', async () => {
    const mail = await fromLine(`${'e'.repeat(70)}@attacker.test, Maria Lopez <maria@staff.example.com>`);
    expect(mail.from).toBeUndefined();
  });

  it('is still taken when it is on the domain the mailbox was written with', async () => {
    const mail = await fromLine('"Ana Lopez <ana@customer.test>"');
    expect(mail.from).toEqual({ address: 'ana@customer.test', name: 'Ana Lopez' });
  });
});
