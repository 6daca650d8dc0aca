import { describe, expect, it } from 'vitest';
import { createFormNonce, verifyFormNonce } from '../../functions/core/survey-form-nonce.ts';
import { createSurveyToken } from '../../functions/core/survey-token.ts';
import { decideVisit, decideVote, MAX_COMMENT_CHARS } from '../../functions/core/survey-vote.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const solvedAt = new Date('2026-12-01T10:00:00Z');
const opened = new Date('2026-12-03T08:00:00Z');
const later = (from: Date, hours: number) => new Date(from.getTime() + hours * 3_600_000);
const token = createSurveyToken(secret, { caseNumber: 1001, agentId: 'A-101', now: solvedAt });
const at = (now: Date) => ({ secret, linkDays: 28, now, eventId: 'event-1' });

describe('the survey form nonce', () => {
  const nonce = createFormNonce(secret, token, opened);

  it('works with the link it was minted for, for a day', () => {
    expect(verifyFormNonce(secret, token, nonce, later(opened, 23.9))).toMatchObject({
      valid: true,
      expiresAt: later(opened, 24),
    });
    expect(verifyFormNonce(secret, token, nonce, later(opened, 24))).toEqual({ valid: false, reason: 'expired' });
  });

  it('cannot be carried over to another link or forged', () => {
    const otherLink = createSurveyToken(secret, { caseNumber: 1002, agentId: 'A-101', now: solvedAt });
    expect(verifyFormNonce(secret, otherLink, nonce, opened)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(
      verifyFormNonce(secret, token, createFormNonce('another-secret-of-enough-length-987654', token, opened), opened),
    ).toEqual({ valid: false, reason: 'bad-signature' });
    const [minted, , mac] = nonce.split('.');
    expect(verifyFormNonce(secret, token, [minted, 'A'.repeat(22), mac].join('.'), opened)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('is different every time a page is opened, so each page can vote once', () => {
    const again = createFormNonce(secret, token, opened);
    expect(again).not.toBe(nonce);
    const ids = [nonce, again].map((n) => verifyFormNonce(secret, token, n, opened)).map((c) => (c.valid ? c.id : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it('rejects garbage without throwing', () => {
    for (const junk of ['', 'abc', `${nonce}.x`, nonce.replace(/\./g, ':')])
      expect(verifyFormNonce(secret, token, junk, opened)).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('opening a survey link', () => {
  it('shows the question for the signed case, with the answer of the link chosen', () => {
    expect(decideVisit({ t: token, a: 'okay' }, at(opened))).toEqual({
      kind: 'show',
      claims: { caseNumber: 1001, agentId: 'A-101', round: 1 },
      token,
      expiresAt: later(solvedAt, 28 * 24),
      suggested: 'okay',
    });
  });

  it('chooses nothing for an answer it does not know', () => {
    expect(decideVisit({ t: token, a: 'terrible' }, at(opened))).not.toHaveProperty('suggested');
    expect(decideVisit({ t: token }, at(opened))).toMatchObject({ kind: 'show' });
  });

  it('tells a missing, forged and expired link apart', () => {
    expect(decideVisit({}, at(opened))).toEqual({ kind: 'refuse', problem: 'malformed-link' });
    expect(decideVisit({ t: token.replace(/^1001/, '1009'), a: 'great' }, at(opened))).toEqual({
      kind: 'refuse',
      problem: 'forged-link',
    });
    expect(decideVisit({ t: token, a: 'great' }, at(later(solvedAt, 29 * 24)))).toEqual({
      kind: 'refuse',
      problem: 'expired-link',
    });
  });
});

describe('confirming the survey form', () => {
  const form = {
    t: token,
    n: createFormNonce(secret, token, opened),
    a: 'great',
    comment: '  Thanks, Maria!\r\nFast and kind.  ',
  };

  it('records the chosen answer for the case and agent the link names, with a tidy comment', () => {
    // Act
    const decision = decideVote(form, at(later(opened, 0.1)));

    // Assess
    expect(decision).toEqual({
      kind: 'record',
      event: {
        eventId: 'event-1',
        caseNumber: 1001,
        agentId: 'A-101',
        answer: 'great',
        comment: 'Thanks, Maria!\nFast and kind.',
        ratedAt: later(opened, 0.1).toISOString(),
        round: 1,
      },
      nonce: { id: form.n.split('.')[1], expiresAt: later(opened, 24) },
      linkExpiresAt: later(solvedAt, 28 * 24),
    });
  });

  it('leaves out a blank comment', () => {
    const decision = decideVote({ ...form, comment: ' \r\n ' }, at(opened));
    expect(decision.kind === 'record' && decision.event).not.toHaveProperty('comment');
  });

  it('refuses a form without an answer, or with a comment over the limit', () => {
    expect(decideVote({ ...form, a: undefined }, at(opened))).toEqual({ kind: 'refuse', problem: 'missing-answer' });
    expect(decideVote({ ...form, a: 'excellent' }, at(opened))).toEqual({ kind: 'refuse', problem: 'missing-answer' });
    expect(decideVote({ ...form, comment: 'é'.repeat(MAX_COMMENT_CHARS) }, at(opened)).kind).toBe('record');
    expect(decideVote({ ...form, comment: 'x'.repeat(MAX_COMMENT_CHARS + 1) }, at(opened))).toEqual({
      kind: 'refuse',
      problem: 'comment-too-long',
    });
  });

  it('refuses a form whose nonce is missing, forged, from another link or too old', () => {
    const otherLink = createSurveyToken(secret, { caseNumber: 1002, agentId: 'A-101', now: solvedAt });
    expect(decideVote({ ...form, n: undefined }, at(opened))).toEqual({ kind: 'refuse', problem: 'forged-form' });
    expect(decideVote({ ...form, n: createFormNonce(secret, otherLink, opened) }, at(opened))).toEqual({
      kind: 'refuse',
      problem: 'forged-form',
    });
    expect(decideVote(form, at(later(opened, 25)))).toEqual({ kind: 'refuse', problem: 'expired-form' });
  });

  it('refuses a form posted after its link expired, even with a fresh nonce', () => {
    const afterExpiry = later(solvedAt, 28 * 24 + 1);
    expect(decideVote({ ...form, n: createFormNonce(secret, token, afterExpiry) }, at(afterExpiry))).toEqual({
      kind: 'refuse',
      problem: 'expired-link',
    });
  });
});
