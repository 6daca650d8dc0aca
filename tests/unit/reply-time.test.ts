import { describe, expect, it } from 'vitest';
import { extractReplyText } from '../../functions/mail/reply-text.ts';

/**
 * Lines anyone can send, on which the reply-header patterns backtracked for minutes (189 s for the
 * underscores). The bound is the test's time limit: a reading that backtracks again never finishes
 * within it, and the figures themselves belong to `npm run bench`, not to a timed assertion.
 */
const WELL_PAST_A_LINEAR_READ_MS = 10_000;

describe('reading the reply out of lines far longer than any header', () => {
  it.each([
    ['200,000 underscores above a header field', `My words.\n${'_'.repeat(200_000)}\nFrom: Ana`],
    ['200,000 dashes above an attribution', `My words.\n${'-'.repeat(200_000)}\nOn Monday Ana wrote:`],
    ['"a@" 100,000 times, ending like an address', `My words.\n${'a@'.repeat(100_000)}>`],
  ])(
    '%s is read without backtracking, and the reply stays',
    (_shape, text) => {
      const { reply } = extractReplyText({ text });
      expect(reply.startsWith('My words.')).toBe(true);
    },
    WELL_PAST_A_LINEAR_READ_MS,
  );
});
