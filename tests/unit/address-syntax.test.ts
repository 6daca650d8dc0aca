import { describe, expect, it } from 'vitest';
import { addressProblem, normaliseAddress, refusedNote, splitSendable } from '../../functions/core/address-syntax.ts';
import { composeMessage } from '../../functions/mail/compose-message.ts';
import { sesAddressError } from '../../infra/local/ses-address-check.ts';

/** Addresses real SES takes (and so do we). */
const SENDABLE = [
  'ana@customer.test',
  'ana.lopez+case-12@mail.customer.test',
  "o'brien@customer.test",
  'a@b',
  'x_y@sub-domain.customer.test',
  'ana@xn--bcher-kva.test',
];

/** Addresses SES refuses with InvalidParameterValue, failing the whole send; each with our reason. */
const REFUSED: ReadonlyArray<readonly [string, RegExp]> = [
  ['ana@customer.test.', /domain ends with a dot/],
  ['ana@customer..test', /empty part/],
  ['ana@.customer.test', /empty part/],
  ['ana lopez@customer.test', /space or control/],
  ['josé@customer.test', /not 7-bit ASCII/],
  ['ana@bücher.test', /not 7-bit ASCII/],
  ['ana', /no @domain/],
  ['ana@', /no domain/],
  ['@customer.test', /no local part/],
  ['ana@cus_tomer.test', /host name/],
  ['"ana@"@customer.test', /local part/],
];

describe('addresses SES would refuse', () => {
  it.each(SENDABLE)('takes %s', (address) => {
    expect(addressProblem(address)).toBeUndefined();
  });

  it.each(REFUSED)('refuses %s: %s', (address, reason) => {
    expect(addressProblem(address)).toMatch(reason);
  });

  it('is never laxer than the local SES, which follows the errors real SES returns', () => {
    // Every address we would send, the SES stand-in takes; what it refuses, we refuse first.
    expect(SENDABLE.map(sesAddressError)).toEqual(SENDABLE.map(() => undefined));
    const sesRefuses = [
      'ana@customer.test.',
      'ana@customer..test',
      'ana lopez@customer.test',
      'josé@customer.test',
      'ana',
      'ana@',
      '@customer.test',
      'ana@cus_tomer.test',
    ];
    expect(sesRefuses.filter((a) => sesAddressError(a) === undefined)).toEqual([]);
    expect(sesRefuses.filter((a) => addressProblem(a) === undefined)).toEqual([]);
  });

  it('splits recipients into those to send to, mended where a client would mend them, and those left out, with why', () => {
    const { sendable, refused } = splitSendable([
      'ana@customer.test',
      'bob@customer..test',
      'Carol@Customer.Test.',
      'carol@customer.test',
    ]);

    expect(sendable).toEqual(['ana@customer.test', 'carol@customer.test']);
    expect(refused).toEqual({
      'bob@customer..test': 'its domain has an empty part (a leading dot or two dots in a row)',
    });
    expect(refusedNote('reply', refused, true)).toBe(
      'reply not sent to addresses SES would refuse (bob@customer..test: its domain has an empty part (a leading dot or two dots in a row))',
    );
    expect(refusedNote('reply', refused, false)).toBe(
      'reply not sent: SES would refuse every address it was for (bob@customer..test: its domain has an empty part (a leading dot or two dots in a row))',
    );
  });
});

describe('normalising an address as a mail client reads it', () => {
  it.each([
    ['Ana@Customer.Test.', 'ana@customer.test'],
    ['mailto:ana@customer.test', 'ana@customer.test'],
    ["'ana@customer.test'", 'ana@customer.test'],
    [' <ana@customer.test> ', 'ana@customer.test'],
    ['ana@bücher.test', 'ana@xn--bcher-kva.test'],
    ['ana@customer..test', 'ana@customer..test'],
  ])('%s becomes %s', (given, expected) => {
    expect(normaliseAddress(given)).toBe(expected);
  });
});

describe('composing a message', () => {
  it('leaves addresses SES would refuse out of To and Cc, mends a trailing dot, and keeps everyone else', async () => {
    // Act
    const raw = await composeMessage({
      from: { address: 'support@example.test', name: 'Support' },
      to: [{ address: 'ana@customer.test', name: 'Ana' }],
      cc: [{ address: 'bob@customer..test' }, { address: 'Carol@Customer.Test.' }],
      content: { subject: 'Re: order', text: 'Hello', html: '<p>Hello</p>' },
      references: [],
      automatic: false,
      date: new Date('2026-11-10T10:00:00Z'),
    });

    // Assess
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^To: Ana <ana@customer\.test>$/m);
    expect(head).toMatch(/^Cc: carol@customer\.test$/m);
    expect(head).not.toContain('bob@');
  });
});
