import { describe, expect, it } from 'vitest';
import { extractReplyText } from '../../functions/mail/reply-text.ts';

/** Lines anyone can send, on which the reply-header patterns backtracked for minutes. */
describe('reading the reply out of lines far longer than any header', () => {
  it.each([
    ['200,000 underscores above a header field', `My words.\n${'_'.repeat(200_000)}\nFrom: Ana`],
    ['200,000 dashes above an attribution', `My words.\n${'-'.repeat(200_000)}\nOn Monday Ana wrote:`],
    ['"a@" 100,000 times, ending like an address', `My words.\n${'a@'.repeat(100_000)}>`],
  ])('%s takes well under a second, and the reply stays', (_shape, text) => {
    const started = Date.now();
    const { reply } = extractReplyText({ text });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(reply.startsWith('My words.')).toBe(true);
  });
});
