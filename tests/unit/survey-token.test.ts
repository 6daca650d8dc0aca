import { describe, expect, it } from 'vitest';
import {
  createSurveyToken,
  isSurveyAnswer,
  surveyLinks,
  verifySurveyToken,
} from '../../functions/core/survey-token.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const issued = new Date('2026-12-01T10:00:00Z');
const days = (n: number) => new Date(issued.getTime() + n * 86_400_000);
const LINK_DAYS = 28;

describe('signed survey links', () => {
  const token = createSurveyToken(secret, { caseNumber: 1001, agentId: 'A-101', now: issued });

  it('name the case and the agent, and say when they were issued and expire', () => {
    // Act
    const check = verifySurveyToken(secret, token, days(3), LINK_DAYS);

    // Assess
    expect(check).toEqual({
      valid: true,
      caseNumber: 1001,
      agentId: 'A-101',
      round: 1,
      issuedAt: issued,
      expiresAt: days(LINK_DAYS),
    });
  });

  it('name the survey round of a solved follow-up, and cannot be moved to another round', () => {
    // Prepare
    const second = createSurveyToken(secret, { caseNumber: 1001, agentId: 'A-101', now: issued, round: 2 });

    // Act
    const check = verifySurveyToken(secret, second, days(3), LINK_DAYS);
    const moved = verifySurveyToken(secret, second.replace(/^1001r2\./, '1001r3.'), days(3), LINK_DAYS);
    const dropped = verifySurveyToken(secret, second.replace(/^1001r2\./, '1001.'), days(3), LINK_DAYS);

    // Assess
    expect(second).toMatch(/^1001r2\.A-101\./);
    expect(check).toMatchObject({ valid: true, caseNumber: 1001, agentId: 'A-101', round: 2 });
    expect(moved).toEqual({ valid: false, reason: 'bad-signature' });
    expect(dropped).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('put the token and the answer into each of the three links, safe to use as they are', () => {
    // Act
    const links = surveyLinks('https://survey.example.test/', token);

    // Assess
    expect(Object.keys(links)).toEqual(['great', 'okay', 'not-good']);
    const okay = new URL(links.okay);
    expect(okay.searchParams.get('t')).toBe(token);
    expect(okay.searchParams.get('a')).toBe('okay');
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('are worthless without the secret', () => {
    // Prepare
    const forged = createSurveyToken('another-secret-of-enough-length-987654', {
      caseNumber: 1001,
      agentId: 'A-101',
      now: issued,
    });

    // Act, Assess
    expect(verifySurveyToken(secret, forged, days(1), LINK_DAYS)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuse a changed signature', () => {
    // Prepare: flip the last character of the MAC
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -1)}${last}`;

    // Act, Assess
    expect(verifySurveyToken(secret, tampered, days(1), LINK_DAYS)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('cannot be moved to another case or credited to another agent', () => {
    // Prepare
    const otherCase = token.replace(/^1001\./, '1002.');
    const otherAgent = token.replace('.A-101.', '.A-102.');

    // Act, Assess
    expect(verifySurveyToken(secret, otherCase, days(1), LINK_DAYS)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifySurveyToken(secret, otherAgent, days(1), LINK_DAYS)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('cannot be made younger by editing the issue time', () => {
    // Prepare
    const [number, agent, , mac] = token.split('.');
    const younger = [number, agent, Math.floor(days(20).getTime() / 1000).toString(36), mac].join('.');

    // Act, Assess
    expect(verifySurveyToken(secret, younger, days(30), LINK_DAYS)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('expire after the configured number of days, to the second', () => {
    // Act, Assess
    expect(verifySurveyToken(secret, token, new Date(days(LINK_DAYS).getTime() - 1000), LINK_DAYS).valid).toBe(true);
    expect(verifySurveyToken(secret, token, days(LINK_DAYS), LINK_DAYS)).toEqual({ valid: false, reason: 'expired' });
    expect(verifySurveyToken(secret, token, days(8), 7)).toEqual({ valid: false, reason: 'expired' });
  });

  it('are not valid long before they were issued (a clock far off, or a forged future time)', () => {
    expect(verifySurveyToken(secret, token, new Date(issued.getTime() - 60_000), LINK_DAYS).valid).toBe(true);
    expect(verifySurveyToken(secret, token, days(-1), LINK_DAYS)).toEqual({ valid: false, reason: 'expired' });
  });

  it('reject malformed tokens without throwing', () => {
    for (const junk of [
      '',
      '1001',
      '1001.A-101',
      `${token}x`,
      `x${token}`,
      token.replace(/\./g, '-'),
      '../../etc/passwd',
      '1001.A 101.abc.0123456789012345678901',
      `${token}\n`,
    ]) {
      expect(verifySurveyToken(secret, junk, days(1), LINK_DAYS), junk).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('know the three answers and nothing else', () => {
    expect(['great', 'okay', 'not-good'].every(isSurveyAnswer)).toBe(true);
    expect([undefined, '', 'GREAT', 'bad', 3].some(isSurveyAnswer)).toBe(false);
  });
});
