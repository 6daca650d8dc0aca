import { describeOutcome } from '../local/outcome-words.ts';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import {
  booleanOption,
  commandHelp,
  OperationError,
  UsageError,
  type Command,
  type CommandContext,
} from './command-line.ts';
import { readRecordedReceipt, replayEvent, sesMessageIdOfKey } from './replay-event.ts';
import type { ReplayOutcome, Replayer, Target } from './target.ts';

/** Keys taken in one run: enough for an incident, few enough to read the output. */
const MAX_KEYS = 100;

const replay: Command = {
  path: ['replay'],
  summary: 'Runs stored mail or dead letters through the inbound function again',
  synopsis: 'replay RAW_KEY [RAW_KEY ...] | replay --dead-letters',
  details: `RAW_KEY is a stored message's key in the raw mail bucket (inbound/<SES message id>, or just the id).
Its receipt event is rebuilt from the headers SES wrote on receipt (Return-Path, Received, X-SES-*-Verdict,
Authentication-Results); a message without them is replayed with GRAY (unproven) verdicts, so mail from an
agent then counts as unauthenticated: it opens a flagged case and the supervisor is told, and no command runs.

--dead-letters runs every receipt that failed all retries: locally the files in <data dir>/dead-letters,
on AWS the messages of the failed-mail queue. Each one that goes through is removed; one that fails again is kept.

Replaying is safe: every mail has an intake key, so a mail taken in before is not taken in twice (the output
says "duplicate: already taken in") and only what its outbox still owes is sent.

Examples: support replay inbound/0a1b2c3d4e
          support replay --dead-letters --stack MailcaseSupport`,
  options: { 'dead-letters': { type: 'boolean' } },
  positionals: { min: 0, max: MAX_KEYS },
  async run({ values, positionals }, context) {
    const deadLetters = booleanOption(values, 'dead-letters');
    if (deadLetters && positionals.length > 0)
      throw new UsageError('give raw keys or --dead-letters, not both', commandHelp(replay));
    if (!deadLetters && positionals.length === 0)
      throw new UsageError('name the raw keys to replay, or --dead-letters', commandHelp(replay));
    const ids = positionals.map((key) => ({ key, id: sesMessageIdOfKey(key) }));
    const bad = ids.find((k) => k.id === undefined);
    if (bad !== undefined)
      throw new UsageError(`"${bad.key}" is not a raw key (inbound/<SES message id>)`, commandHelp(replay));
    const target = await context.target();
    const replayer = await target.replayer();
    const tally = deadLetters
      ? await replayDeadLetters(replayer, context)
      : await replayKeys(
          ids.map((k) => k.id ?? ''),
          target,
          replayer,
          context,
        );
    context.io.out(`\n${describeTally(tally)}`);
    return tally.failed > 0 ? 1 : 0;
  },
};

export const replayCommands: readonly Command[] = [replay];

interface Tally {
  takenIn: number;
  duplicates: number;
  failed: number;
}

async function replayKeys(
  ids: readonly string[],
  target: Target,
  replayer: Replayer,
  context: CommandContext,
): Promise<Tally> {
  const tally: Tally = { takenIn: 0, duplicates: 0, failed: 0 };
  const domains = await target.receivingDomains();
  for (const id of ids) {
    const key = `${RAW_MAIL.inboundPrefix}${id}`;
    try {
      const raw = await target.rawMail.getContent(key).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'NoSuchKey')
          throw new OperationError(`there is no stored message ${key} in ${target.label}`);
        throw error;
      });
      const receipt = readRecordedReceipt(raw, domains, context.now());
      if (receipt.unproven.length > 0) {
        context.io.err(
          `${key}: no ${receipt.unproven.join(', ')} verdict recorded in the message; replayed as GRAY (unproven)${receipt.unproven.includes('dmarc') ? ': mail from an agent counts as unauthenticated' : ''}.`,
        );
      }
      const outcomes = await replayer.run(replayEvent(raw, id, receipt, target.region));
      for (const outcome of outcomes) count(tally, outcome, `${key}: ${describeOutcome(outcome)}`, context);
    } catch (error) {
      tally.failed += 1;
      context.io.out(`${key}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return tally;
}

async function replayDeadLetters(replayer: Replayer, context: CommandContext): Promise<Tally> {
  const tally: Tally = { takenIn: 0, duplicates: 0, failed: 0 };
  let seen = 0;
  for await (const letter of replayer.deadLetters()) {
    seen += 1;
    if (letter.unreadable !== undefined) {
      tally.failed += 1;
      context.io.out(`dead letter ${letter.id}: skipped, kept: ${letter.unreadable}`);
      continue;
    }
    const before = letter.error === undefined ? '' : ` (failed before: ${letter.error})`;
    try {
      const outcomes = await replayer.run(letter.event);
      await letter.remove();
      for (const outcome of outcomes)
        count(tally, outcome, `dead letter ${letter.id}${before}: ${describeOutcome(outcome)}; removed`, context);
    } catch (error) {
      tally.failed += 1;
      context.io.out(
        `dead letter ${letter.id}${before}: failed again, kept: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (seen === 0) context.io.out('No dead letters: every receipt went through.');
  return tally;
}

function count(tally: Tally, outcome: ReplayOutcome, line: string, context: CommandContext): void {
  if (outcome.outcome === 'duplicate') tally.duplicates += 1;
  else tally.takenIn += 1;
  context.io.out(line);
}

function describeTally(t: Tally): string {
  const total = t.takenIn + t.duplicates + t.failed;
  return `Replayed ${total}: ${t.takenIn} taken in, ${t.duplicates} already taken in before (duplicates), ${t.failed} failed${t.failed > 0 ? ' (kept; see above)' : ''}.`;
}
