import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stripQuotedText } from '../functions/mail/reply-text.ts';

/** The shared corpora beside the repository; absent on a machine that has only the repo. */
const CORPORA = resolve(import.meta.dirname, '../../shared/corpora');
const TRIMMER_EMAILS = join(CORPORA, 'reply-parsing/discourse-email_reply_trimmer/test/emails');

/** Enough rounds that timer resolution and JIT warm-up vanish in the mean. */
const ROUNDS_PER_BATCH = 40;
const WARMUP_ROUNDS = 20;

/**
 * The machine is shared (two cores, tests of other work running); the fastest of a few batches is
 * the stripper's own cost, the slower ones include time it spent waiting for a core.
 */
const BATCHES = 5;

/** Used when the corpora are absent: the shapes the stripper meets most. */
const FALLBACK_MESSAGES: readonly string[] = [
  'Thanks, that fixed it.\n\nOn Mon, 2 Apr 2012 at 18:26, Support <support@example.com> wrote:\n\n> Please try again.\n> Regards',
  'Danke!\n\nAm 21.04.2016 17:48 schrieb "Support" <support@example.com>:\n\n> Bitte erneut versuchen.',
  'Yes, order 4711.\n\nFrom: Support <support@example.com>\nSent: Monday, April 2, 2012 5:44 PM\nTo: Ana\nSubject: Your order\n\nWhich order?',
  'See below.\n\n> Which size?\nLarge.\n\n> Which colour?\nBlue.\n\n-- \nAna\nSent from my iPhone',
  'No quote at all, just a short message without anything to strip.',
];

/**
 * Mean time to strip one plain-text message: every discourse email_reply_trimmer input (or, without
 * the corpora, a few hand-written replies), in batches of `ROUNDS_PER_BATCH` rounds after a warm-up;
 * the fastest batch counts. Not wired into `npm run bench`; call it from there or run this file.
 */
export function measureReplyTextSpeed(): { messages: number; microsecondsPerMessage: number } {
  const messages = existsSync(TRIMMER_EMAILS)
    ? readdirSync(TRIMMER_EMAILS)
        .sort()
        .map((file) => readFileSync(join(TRIMMER_EMAILS, file), 'utf8'))
    : FALLBACK_MESSAGES;
  let sink = 0;
  for (let round = 0; round < WARMUP_ROUNDS; round++)
    for (const text of messages) sink += stripQuotedText(text).reply.length;
  let fastest = Number.POSITIVE_INFINITY;
  for (let batch = 0; batch < BATCHES; batch++) {
    const started = performance.now();
    for (let round = 0; round < ROUNDS_PER_BATCH; round++)
      for (const text of messages) sink += stripQuotedText(text).reply.length;
    fastest = Math.min(fastest, performance.now() - started);
  }
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  return { messages: messages.length, microsecondsPerMessage: (fastest * 1000) / (ROUNDS_PER_BATCH * messages.length) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(measureReplyTextSpeed());
