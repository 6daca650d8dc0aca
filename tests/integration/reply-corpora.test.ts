import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractReplyText, stripQuotedText } from '../../functions/mail/reply-text.ts';
import { readReplyBodies } from '../../functions/mail/reply-source.ts';

/** Third-party fixtures stay in shared/ beside the repository; they are never copied in. */
const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');
const TRIMMER = join(CORPORA, 'reply-parsing/discourse-email_reply_trimmer/test');
const TALON = join(CORPORA, 'reply-parsing/mailgun-talon');
const GITLAB = join(CORPORA, 'mime-gitlab-reply-parser');

/** The targets; the libraries alone reach 36-37/64, 11/12, 6/9 and 0/3. */
const TARGETS = { trimmer: 45, talonText: 12, talonHtml: 9, gitlab: 3 } as const;

/** CRLF to LF, trailing whitespace off every line and off the end: what "exact match" means here. */
const normalise = (text: string): string =>
  text
    .replace(/\r\n/gu, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/** talon's own HTML test compares with every whitespace character removed. */
const withoutWhitespace = (text: string): string => text.replace(/\s+/gu, '');

interface Score {
  readonly corpus: string;
  readonly score: number;
  readonly total: number;
  readonly target: number;
  readonly misses: string[];
}

interface TalonExpectation {
  readonly expected_reply_from_first_text_plain_part?: string;
  readonly expected_reply_text_whitespace_insensitive?: string;
}

const present = [TRIMMER, TALON, GITLAB].every((path) => existsSync(path));
const scores: Score[] = [];

function record(corpus: string, target: number, results: readonly { name: string; ok: boolean }[]): Score {
  const score = { corpus, score: results.filter((r) => r.ok).length, total: results.length, target, misses: results.filter((r) => !r.ok).map((r) => r.name) };
  scores.push(score);
  return score;
}

describe.skipIf(!present)('reply extraction on the shared corpora (skipped when ../shared/corpora is absent)', () => {
  afterAll(() => {
    console.log('\nReply extraction, exact matches per corpus\n');
    console.log(['corpus'.padEnd(34), 'score'.padStart(7), 'target'.padStart(7), '  misses'].join(' '));
    for (const s of scores) {
      console.log([s.corpus.padEnd(34), `${s.score}/${s.total}`.padStart(7), `${s.target}/${s.total}`.padStart(7), ` ${s.misses.join(', ') || '-'}`].join(' '));
    }
  });

  it('discourse email_reply_trimmer: the reply equals test/trimmed/<name>', () => {
    const names = readdirSync(join(TRIMMER, 'emails')).sort();
    const results = names.map((name) => {
      const input = readFileSync(join(TRIMMER, 'emails', name), 'utf8');
      const expected = readFileSync(join(TRIMMER, 'trimmed', name), 'utf8');
      return { name, ok: normalise(stripQuotedText(input).reply) === normalise(expected) };
    });
    const score = record('discourse email_reply_trimmer', TARGETS.trimmer, results);
    expect(score.total).toBe(64);
    expect(score.score).toBeGreaterThanOrEqual(TARGETS.trimmer);
  });

  const talon = JSON.parse(readFileSyncIfPresent(join(TALON, 'EXPECTATIONS.helper-extracted.json')) ?? '{}') as Record<string, TalonExpectation>;

  it('talon standard replies: the first text part without its quote (talon keeps signatures here)', async () => {
    const results = [];
    for (const [name, expectation] of Object.entries(talon)) {
      const expected = expectation.expected_reply_from_first_text_plain_part;
      if (expected === undefined) continue;
      const bodies = await readReplyBodies(readFileSync(join(TALON, 'tests/fixtures', name)));
      results.push({ name, ok: normalise(stripQuotedText(bodies.text ?? '').replyWithSignature) === normalise(expected) });
    }
    const score = record('talon standard replies (text)', TARGETS.talonText, results);
    expect(score.total).toBe(12);
    expect(score.score).toBeGreaterThanOrEqual(TARGETS.talonText);
  });

  it('talon HTML replies: the HTML as text without its quote, compared without whitespace', () => {
    const results = [];
    for (const [name, expectation] of Object.entries(talon)) {
      const expected = expectation.expected_reply_text_whitespace_insensitive;
      if (expected === undefined) continue;
      const html = readFileSync(join(TALON, 'tests/fixtures', name), 'utf8');
      results.push({ name, ok: withoutWhitespace(extractReplyText({ html }).replyWithSignature) === withoutWhitespace(expected) });
    }
    const score = record('talon HTML replies', TARGETS.talonHtml, results);
    expect(score.total).toBe(9);
    expect(score.score).toBeGreaterThanOrEqual(TARGETS.talonHtml);
  });

  it('gitlab reply parser: whole raw messages, two of them broken, read leniently', async () => {
    const expectations = JSON.parse(readFileSync(join(GITLAB, 'EXPECTATIONS.helper-extracted.json'), 'utf8')) as { fixtures: Record<string, string> };
    const results = [];
    for (const [name, expected] of Object.entries(expectations.fixtures)) {
      const bodies = await readReplyBodies(readFileSync(join(GITLAB, 'spec/fixtures/emails', name)));
      results.push({ name, ok: normalise(extractReplyText(bodies).reply) === normalise(expected) });
    }
    const score = record('gitlab reply parser', TARGETS.gitlab, results);
    expect(score.total).toBe(3);
    expect(score.score).toBeGreaterThanOrEqual(TARGETS.gitlab);
  });
});

function readFileSyncIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
