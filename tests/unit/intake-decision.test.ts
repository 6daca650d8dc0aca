import { describe, expect, it } from 'vitest';
import { decideIntake, type IntakeFacts } from '../../functions/core/intake-decision.ts';

const clean: IntakeFacts = {
  verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  signals: { envelopeSender: 'ana@customer.test', fromAddress: 'ana@customer.test' },
  sender: 'ana@customer.test',
  parsed: true,
  isOwnMessage: false,
  truncated: false,
  attachmentsSkipped: false,
  bodyUndecoded: false,
  tooComplex: false,
};

describe('deciding what a received mail becomes', () => {
  it('opens an acknowledged case for ordinary mail from a person', () => {
    expect(decideIntake(clean)).toEqual({ action: 'open-case', flags: [] });
  });

  it('opens a case for unverified but not failing mail (no SPF/DKIM/DMARC at all)', () => {
    const decision = decideIntake({
      ...clean,
      verdicts: { ...clean.verdicts, spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' },
    });
    expect(decision).toEqual({ action: 'open-case', flags: [] });
  });

  it('ignores a message we sent ourselves, before anything else', () => {
    expect(decideIntake({ ...clean, isOwnMessage: true, parsed: false })).toEqual({
      action: 'ignore',
      reason: 'own-message',
    });
  });

  it('holds a message that could not be parsed', () => {
    expect(decideIntake({ ...clean, parsed: false })).toEqual({ action: 'hold', reason: 'unparseable' });
  });

  it('holds automatic mail with the reason it is automatic', () => {
    const decision = decideIntake({ ...clean, signals: { ...clean.signals, autoSubmitted: 'auto-replied' } });
    expect(decision).toEqual({ action: 'hold', reason: 'automatic:auto-submitted' });
  });

  it('flags spam and stays silent', () => {
    expect(decideIntake({ ...clean, verdicts: { ...clean.verdicts, spam: 'FAIL' } })).toEqual({
      action: 'open-case',
      flags: ['spam'],
      silence: 'spam',
    });
  });

  it('names the virus first when a message is both spam and a virus', () => {
    const decision = decideIntake({ ...clean, verdicts: { ...clean.verdicts, spam: 'FAIL', virus: 'FAIL' } });
    expect(decision).toEqual({ action: 'open-case', flags: ['spam', 'virus'], silence: 'virus' });
  });

  it('does not acknowledge mail whose From domain disowns it (DMARC fail), to avoid backscatter', () => {
    expect(decideIntake({ ...clean, verdicts: { ...clean.verdicts, dmarc: 'FAIL' } })).toEqual({
      action: 'open-case',
      flags: ['unauthenticated'],
      silence: 'unauthenticated',
    });
  });

  it('opens a silent case when there is nobody to answer', () => {
    const { sender: _none, ...facts } = clean;
    const decision = decideIntake({ ...facts, signals: { envelopeSender: 'ana@customer.test' } });
    expect(decision).toEqual({ action: 'open-case', flags: ['no-sender'], silence: 'no-sender' });
  });

  it('acknowledges mail without From when a stand-in sender (Sender, Reply-To, envelope) can be answered', () => {
    const decision = decideIntake({
      ...clean,
      signals: { envelopeSender: 'ana@customer.test' },
      sender: 'ana@customer.test',
    });
    expect(decision).toEqual({ action: 'open-case', flags: [] });
  });

  it('opens a case for mail from a no-reply address without automatic headers, and stays silent', () => {
    const decision = decideIntake({
      ...clean,
      signals: { envelopeSender: 'bounce@shop.test', fromAddress: 'noreply@shop.test' },
      sender: 'noreply@shop.test',
    });
    expect(decision).toEqual({ action: 'open-case', flags: [], silence: 'no-reply-sender' });
  });

  it('holds mail from a no-reply address that is also marked automatic', () => {
    const signals = {
      envelopeSender: 'bounce@shop.test',
      fromAddress: 'noreply@shop.test',
      autoSubmitted: 'auto-generated',
    };
    expect(decideIntake({ ...clean, signals, sender: 'noreply@shop.test' })).toEqual({
      action: 'hold',
      reason: 'automatic:auto-submitted',
    });
  });

  it('names spam before a no-reply sender as the reason for silence', () => {
    const decision = decideIntake({
      ...clean,
      verdicts: { ...clean.verdicts, spam: 'FAIL' },
      sender: 'noreply@shop.test',
    });
    expect(decision).toEqual({ action: 'open-case', flags: ['spam'], silence: 'spam' });
  });

  it('flags truncated, undecodable messages and skipped attachments but still acknowledges them', () => {
    expect(decideIntake({ ...clean, truncated: true, attachmentsSkipped: true, bodyUndecoded: true })).toEqual({
      action: 'open-case',
      flags: ['truncated', 'attachments-not-extracted', 'body-not-decoded'],
    });
  });

  it('opens an acknowledged case flagged too-complex for a message beyond the MIME limits', () => {
    expect(decideIntake({ ...clean, tooComplex: true })).toEqual({ action: 'open-case', flags: ['too-complex'] });
  });

  it('holds automatic mail that is too complex as automatic mail, unanswered', () => {
    const decision = decideIntake({
      ...clean,
      tooComplex: true,
      signals: { ...clean.signals, autoSubmitted: 'auto-replied' },
    });
    expect(decision).toEqual({ action: 'hold', reason: 'automatic:auto-submitted' });
  });
});
