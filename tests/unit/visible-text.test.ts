import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { cleanSubject } from '../../functions/core/case-subject.ts';
import { describePerson, historyEntry } from '../../functions/core/history.ts';
import { visibleLine, visibleText } from '../../functions/core/visible-text.ts';
import { composeMessage } from '../../functions/mail/compose-message.ts';
import { parseMessage } from '../../functions/mail/parse-message.ts';

describe('what a one-line value may show', () => {
  it('turns line breaks and NUL into spaces, so a decoded name cannot start a new header', () => {
    expect(visibleLine('Ana\r\nBcc: victim@evil.test\u0000 Souza')).toBe('Ana Bcc: victim@evil.test Souza');
  });

  it('drops bidirectional overrides and isolates, so "fdp.exe" is not shown as "exe.pdf"', () => {
    expect(visibleLine('Invoice \u202Efdp.exe\u202C \u2066ok\u2069 \u202A\u202B\u202D\u2067\u2068')).toBe(
      'Invoice fdp.exe ok',
    );
  });

  it('drops zero-width spaces, soft hyphens, C1 controls and tag characters that hide text', () => {
    expect(visibleLine('Pay\u200Bpal\u00AD \u0085secure\u2060 \u{E0041}\u{E0042}login')).toBe('Paypal secure login');
  });

  it('keeps joiners that real text needs: emoji sequences and Persian words, and the flag of Scotland', () => {
    const family = '👨\u200D👩\u200D👧';
    const persian = 'می\u200Cخواهم';
    const scotland = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    expect(visibleLine(`${family} ${persian} ${scotland}`)).toBe(`${family} ${persian} ${scotland}`);
  });

  it('drops a joiner between Latin letters, where it only splits a word for filters', () => {
    expect(visibleLine('Pay\u200Dpal')).toBe('Paypal');
  });

  it('keeps right-to-left marks, which Hebrew and Arabic text uses and which reorder nothing', () => {
    expect(visibleLine('שלום\u200F (Dana)')).toBe('שלום\u200F (Dana)');
  });
});

describe('what body text may show', () => {
  it('keeps line breaks and tabs, normalised to \\n, and drops other controls and invisible characters', () => {
    expect(visibleText('Please open \u202Etxt.exe\u202C now.\u0000\u0007\u0085\r\nThank you,\tAna\rBye')).toBe(
      'Please open txt.exe now.\nThank you,\tAna\nBye',
    );
  });
});

describe('the places agents see and headers we write', () => {
  it('reads the hostile fixture with every invisible character gone from name, subject and body', async () => {
    // Act
    const mail = await parseMessage(
      readFileSync(join(import.meta.dirname, '../fixtures/charsets/invisible-characters.eml')),
    );

    // Assess
    expect(mail.from).toEqual({ address: 'ana@customer.test', name: 'Ana Bcc: victim@evil.test Souza' });
    expect(mail.subject).toBe('Invoice fdp.exe ok X-Injected: yes');
    expect(mail.text).toBe('Please open txt.exe now. Pay pal here.\nThank you,\tAna\n');
  });

  it('shows history lines, people and subjects as one visible line', () => {
    expect(describePerson({ address: 'ana@customer.test', name: '\u202EAna\r\nBcc: x@evil.test' })).toBe(
      'Ana Bcc: x@evil.test <ana@customer.test>',
    );
    expect(describePerson({ address: 'ana@customer.test', name: '\u200B\u202E' })).toBe('ana@customer.test');
    expect(historyEntry('2026-12-07T09:00:00Z', 'customer', 'Ana', 'Hi\u0000 there\u202E!').snippet).toBe('Hi there!');
    expect(cleanSubject('Re: \u2066Refund\u2069\u0000 please')).toBe('Refund please');
  });

  it('writes no line break, bidi override or NUL into the headers of a message we send, even from unclean input', async () => {
    // Prepare
    const raw = await composeMessage({
      from: { address: 'support@example.test', name: 'Support\u202E' },
      to: [{ address: 'ana@customer.test', name: 'Ana\r\nBcc: victim@evil.test\u0000' }],
      cc: [{ address: 'bo@customer.test', name: '\u2066\u2069' }],
      content: { subject: 'Your case\r\nX-Injected: yes \u202Efdp.exe', text: 'Hello.', html: '<p>Hello.</p>' },
      inReplyTo: '<x\u202Ey@customer.test>',
      references: ['<a\u202Eb@customer.test>', '<ok@customer.test>', '<n\u0000ul@customer.test>'],
      automatic: true,
      date: new Date('2026-12-07T09:00:00Z'),
      attachments: [
        { filename: 'report\u202Efdp.exe', contentType: 'application/octet-stream', content: Buffer.from('x') },
      ],
    });

    // Act
    const sent = await simpleParser(raw);

    // Assess
    expect(sent.subject).toBe('Your case X-Injected: yes fdp.exe');
    expect(sent.from?.value).toEqual([{ address: 'support@example.test', name: 'Support' }]);
    expect(sent.to).toMatchObject({ value: [{ address: 'ana@customer.test', name: 'Ana Bcc: victim@evil.test' }] });
    expect(sent.cc).toMatchObject({ value: [{ address: 'bo@customer.test', name: '' }] });
    expect(sent.headers.has('bcc')).toBe(false);
    expect(sent.headers.has('x-injected')).toBe(false);
    expect(sent.attachments.map((a) => a.filename)).toEqual(['reportfdp.exe']);
    expect(sent.inReplyTo).toBeUndefined();
    expect(sent.references).toBe('<ok@customer.test>');
  });
});
