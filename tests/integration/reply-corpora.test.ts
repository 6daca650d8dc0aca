import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractReplyText, stripQuotedText } from '../../functions/mail/reply-text.ts';
import { readReplyBodies } from '../../functions/mail/reply-source.ts';
import { REPLY_FIXTURES, SHARED_CORPORA } from '../support/mail-shapes.ts';
import { normaliseReply } from '../support/reply-compare.ts';

/** Third-party fixtures stay in shared/ beside the repository; they are never copied in. */
const TRIMMER = join(SHARED_CORPORA, 'reply-parsing/discourse-email_reply_trimmer/test');
const TALON = join(SHARED_CORPORA, 'reply-parsing/mailgun-talon');
const GITLAB = join(SHARED_CORPORA, 'mime-gitlab-reply-parser');

/** The targets; the libraries alone reach 36-37/64, 11/12, 6/9 and 0/3. */
const TARGETS = { trimmer: 45, talonText: 12, talonHtml: 9, gitlab: 3 } as const;

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

/** One set of replies with expected output, read and compared one way. */
interface ReplyCheck {
  readonly title: string;
  readonly corpus: string;
  /** How many replies the set has; a set that reads as smaller is broken. */
  readonly total: number;
  /** Exact matches needed. */
  readonly target: number;
  readonly results: () => Promise<Array<{ name: string; ok: boolean }>>;
}

/** Where replies come from: our own fixtures in every clone, the shared corpora when present. */
interface ReplySource {
  readonly name: string;
  readonly present: boolean;
  readonly checks: readonly ReplyCheck[];
}

/** How many replies of each kind tests/fixtures/quoted-replies holds: every one must match. */
const OWN_REPLIES = { txt: 5, html: 3, eml: 3 } as const;

/** Our quoted replies (tests/fixtures/quoted-replies), each of the three kinds compared as its corpus counterpart is. */
function ownReplies(): ReplySource {
  const inputs = readdirSync(REPLY_FIXTURES)
    .filter((name) => !name.includes('.expected.'))
    .sort();
  const expectedFor = (name: string) =>
    readFileSync(join(REPLY_FIXTURES, `${name.replace(/\.\w+$/u, '')}.expected.txt`), 'utf8');
  const ofKind = (extension: string) => inputs.filter((name) => name.endsWith(`.${extension}`));
  const check = (
    title: string,
    extension: keyof typeof OWN_REPLIES,
    compare: (name: string) => Promise<boolean>,
  ): ReplyCheck => ({
    title,
    corpus: `own replies (.${extension})`,
    total: OWN_REPLIES[extension],
    target: OWN_REPLIES[extension],
    results: async () => Promise.all(ofKind(extension).map(async (name) => ({ name, ok: await compare(name) }))),
  });
  return {
    name: 'hand-written fixtures',
    present: true,
    checks: [
      check(
        'quoted text replies: the reply equals <name>.expected.txt',
        'txt',
        async (name) =>
          normaliseReply(stripQuotedText(readFileSync(join(REPLY_FIXTURES, name), 'utf8')).reply) ===
          normaliseReply(expectedFor(name)),
      ),
      check(
        'HTML replies: the HTML as text without its quote, compared without whitespace',
        'html',
        async (name) =>
          withoutWhitespace(
            extractReplyText({ html: readFileSync(join(REPLY_FIXTURES, name), 'utf8') }).replyWithSignature,
          ) === withoutWhitespace(expectedFor(name)),
      ),
      check(
        'whole raw replies: the reply without quote or signature',
        'eml',
        async (name) =>
          normaliseReply(extractReplyText(await readReplyBodies(readFileSync(join(REPLY_FIXTURES, name)))).reply) ===
          normaliseReply(expectedFor(name)),
      ),
    ],
  };
}

/** The shared corpora's replies (discourse, talon, gitlab), with the targets. */
function sharedCorpora(): ReplySource {
  const present = [TRIMMER, TALON, GITLAB].every((path) => existsSync(path));
  const talon = (): Record<string, TalonExpectation> =>
    JSON.parse(readFileSync(join(TALON, 'EXPECTATIONS.helper-extracted.json'), 'utf8')) as Record<
      string,
      TalonExpectation
    >;
  return {
    name: 'shared corpora',
    present,
    checks: [
      {
        title: 'discourse email_reply_trimmer: the reply equals test/trimmed/<name>',
        corpus: 'discourse email_reply_trimmer',
        total: 64,
        target: TARGETS.trimmer,
        results: async () =>
          readdirSync(join(TRIMMER, 'emails'))
            .sort()
            .map((name) => {
              const input = readFileSync(join(TRIMMER, 'emails', name), 'utf8');
              const expected = readFileSync(join(TRIMMER, 'trimmed', name), 'utf8');
              return { name, ok: normaliseReply(stripQuotedText(input).reply) === normaliseReply(expected) };
            }),
      },
      {
        title: 'talon standard replies: the first text part without its quote (talon keeps signatures here)',
        corpus: 'talon standard replies (text)',
        total: 12,
        target: TARGETS.talonText,
        results: async () => {
          const results = [];
          for (const [name, expectation] of Object.entries(talon())) {
            const expected = expectation.expected_reply_from_first_text_plain_part;
            if (expected === undefined) continue;
            const bodies = await readReplyBodies(readFileSync(join(TALON, 'tests/fixtures', name)));
            results.push({
              name,
              ok: normaliseReply(stripQuotedText(bodies.text ?? '').replyWithSignature) === normaliseReply(expected),
            });
          }
          return results;
        },
      },
      {
        title: 'talon HTML replies: the HTML as text without its quote, compared without whitespace',
        corpus: 'talon HTML replies',
        total: 9,
        target: TARGETS.talonHtml,
        results: async () =>
          Object.entries(talon()).flatMap(([name, expectation]) => {
            const expected = expectation.expected_reply_text_whitespace_insensitive;
            if (expected === undefined) return [];
            const html = readFileSync(join(TALON, 'tests/fixtures', name), 'utf8');
            return [
              {
                name,
                ok: withoutWhitespace(extractReplyText({ html }).replyWithSignature) === withoutWhitespace(expected),
              },
            ];
          }),
      },
      {
        title: 'gitlab reply parser: whole raw messages, two of them broken, read leniently',
        corpus: 'gitlab reply parser',
        total: 3,
        target: TARGETS.gitlab,
        results: async () => {
          const expectations = JSON.parse(readFileSync(join(GITLAB, 'EXPECTATIONS.helper-extracted.json'), 'utf8')) as {
            fixtures: Record<string, string>;
          };
          const results = [];
          for (const [name, expected] of Object.entries(expectations.fixtures)) {
            const bodies = await readReplyBodies(readFileSync(join(GITLAB, 'spec/fixtures/emails', name)));
            results.push({ name, ok: normaliseReply(extractReplyText(bodies).reply) === normaliseReply(expected) });
          }
          return results;
        },
      },
    ],
  };
}

const scores: Score[] = [];

afterAll(() => {
  console.log('\nReply extraction, exact matches per corpus\n');
  console.log(['corpus'.padEnd(34), 'score'.padStart(7), 'target'.padStart(7), '  misses'].join(' '));
  for (const s of scores) {
    console.log(
      [
        s.corpus.padEnd(34),
        `${s.score}/${s.total}`.padStart(7),
        `${s.target}/${s.total}`.padStart(7),
        ` ${s.misses.join(', ') || '-'}`,
      ].join(' '),
    );
  }
});

for (const source of [ownReplies(), sharedCorpora()]) {
  describe.skipIf(!source.present)(
    `reply extraction on the ${source.name}${source.present ? '' : ' (skipped: ../shared/corpora is absent)'}`,
    () => {
      for (const check of source.checks) {
        it(check.title, async () => {
          const results = await check.results();
          const score = {
            corpus: check.corpus,
            score: results.filter((r) => r.ok).length,
            total: results.length,
            target: check.target,
            misses: results.filter((r) => !r.ok).map((r) => r.name),
          };
          scores.push(score);

          expect(score.total).toBe(check.total);
          expect(score.score).toBeGreaterThanOrEqual(check.target);
        });
      }
    },
  );
}
