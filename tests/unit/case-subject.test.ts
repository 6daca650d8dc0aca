import { describe, expect, it } from 'vitest';
import { caseNumbersInSubject, cleanSubject, taggedSubject } from '../../functions/core/case-subject.ts';

describe('case tags in subjects', () => {
  it('prefixes the tag once, removing tags the subject already carries', () => {
    expect(taggedSubject(1001, 'My order never arrived')).toBe('[Case #1001] My order never arrived');
    expect(taggedSubject(1001, 'Re: [Case #1001] My order never arrived')).toBe('[Case #1001] My order never arrived');
    expect(taggedSubject(1001, 'AW: Fwd: RE[2]: My order never arrived')).toBe('[Case #1001] My order never arrived');
  });

  it('finds the case numbers a subject names', () => {
    expect(caseNumbersInSubject('Re: [case #1001] and [Case #1002]')).toEqual([1001, 1002]);
    expect(caseNumbersInSubject(undefined)).toEqual([]);
  });

  it('folds line breaks and control characters so a subject cannot carry a header', () => {
    expect(cleanSubject('Hello\r\nBcc: victim@evil.test')).toBe('Hello Bcc: victim@evil.test');
    expect(cleanSubject('tab\there\u0000')).toBe('tab here');
  });

  it('names a missing or blank subject', () => {
    expect(cleanSubject(undefined)).toBe('(no subject)');
    expect(cleanSubject('   ')).toBe('(no subject)');
  });

  it('cuts very long subjects at a word boundary', () => {
    const long = 'word '.repeat(100);
    const cleaned = cleanSubject(long);
    expect(cleaned.length).toBeLessThanOrEqual(201);
    expect(cleaned.endsWith('word…')).toBe(true);
  });
});
