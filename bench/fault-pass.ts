import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dirname } from 'node:path';
import { runSupport } from '../infra/cli/main.ts';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { headerValue, readHeaderBlock } from '../infra/local/raw-headers.ts';
import { checkInvariants, type TableView, type Verdict } from './fault-invariants.ts';
import { agentAnswer, customerReply, newCaseMail, type FaultThread } from './fault-mail.ts';
import type { FaultRunner, SentMail } from './fault-runner.ts';
import { voteGreat } from './fault-votes.ts';

/** The mix of one pass, as shares of its mails: new cases, customer replies, agent answers, survey votes. */
const MIX = { newCases: 0.4, replies: 0.25, answers: 0.25, votes: 0.1 } as const;

export interface PassSetup {
  readonly stack: LocalStack;
  readonly runner: FaultRunner;
  readonly supportAddress: string;
  readonly agentAddress: string;
}

export interface PassResult {
  readonly label: string;
  readonly mails: number;
  readonly concurrency: number;
  readonly faults: Readonly<Record<string, number>>;
  readonly faultsInjected: number;
  /** Receipts that failed every retry, and how many of them the replay brought in. */
  readonly deadLetters: number;
  readonly replayed: number;
  readonly votes: { readonly cast: number; readonly recorded: number; readonly posts: number };
  /** Mails taken in per second, from the first new case to the last answer (votes and replay apart). */
  readonly mailsPerSecond: number;
  readonly verdict: Verdict;
  /** Cases of the pass no agent answered: the closing burst solves them. */
  readonly unsolved: readonly FaultThread[];
}

/**
 * One pass: new cases, then customer replies and agent answers (`#pending`, `#solve`) on them, then
 * survey votes from the closing mails; then `support replay --dead-letters`, then the invariants.
 */
export async function runPass(
  setup: PassSetup,
  label: string,
  mails: number,
  concurrency: number,
): Promise<PassResult> {
  const { stack, runner } = setup;
  const runId = `${label.replace(/\W+/g, '-')}-${Date.now().toString(36)}`;
  const faultsBefore = stack.faults?.layer.injected() ?? { total: 0 };
  const deliveredBefore = stack.ses.sent.length;
  const newCount = Math.round(mails * MIX.newCases);
  const news = await Promise.all(
    Array.from({ length: newCount }, (_, i) => newCaseMail(runId, i, setup.supportAddress)),
  );
  const first = await runner.sendAll(news, concurrency);
  const threads = threadsOf(first.sent, stack);
  const replies = Math.round(mails * MIX.replies);
  const answers = Math.round(mails * MIX.answers);
  // Replies go to the first cases, answers to the last ones, after the replies: some cases get both.
  const replyMails = await Promise.all(
    threads.slice(0, replies).map((t) => customerReply(runId, t, setup.supportAddress)),
  );
  const second = await runner.sendAll(replyMails, concurrency);
  const answerMails = await Promise.all(
    threads.slice(-answers).map((t, i) => agentAnswer(runId, t, setup, i % 2 === 0 ? 'solve' : 'pending')),
  );
  const third = await runner.sendAll(answerMails, concurrency);
  const sent = [...first.sent, ...second.sent, ...third.sent];
  const votes = await castVotes(sent, stack, mails - sent.length);
  await stack.idle();
  const deadLetters = sent.filter((s) => 'deadLetter' in s.fate).length;
  const replayed = deadLetters === 0 ? 0 : await replayDeadLetters(stack);
  await stack.idle();
  const faultsAfter = stack.faults?.layer.injected() ?? { total: 0 };
  const verdict = checkInvariants(sent, await readTable(stack), stack.ses.sent.slice(deliveredBefore), votes.cases);
  return {
    label,
    mails: sent.length + votes.cast,
    concurrency,
    faults: difference(faultsBefore, faultsAfter),
    faultsInjected: faultsAfter.total - faultsBefore.total,
    deadLetters,
    replayed,
    votes: { cast: votes.cast, recorded: votes.recorded, posts: votes.posts },
    mailsPerSecond: sent.length / (first.seconds + second.seconds + third.seconds),
    unsolved: threads.slice(0, Math.max(0, threads.length - answers)),
    verdict,
  };
}

/** The cases the new mail opened, each with its acknowledgement's Message-ID as the customer sees it. */
function threadsOf(sent: readonly SentMail[], stack: LocalStack): FaultThread[] {
  return sent.flatMap((s) => {
    const caseNumber = 'outcome' in s.fate ? s.fate.outcome.caseNumber : undefined;
    const ack = stack.ses.sent.find((m) => m.recipients.includes(s.mail.customer));
    const ackMessageId = ack === undefined ? undefined : headerValue(readHeaderBlock(ack.raw), 'message-id');
    return caseNumber === undefined || ackMessageId === undefined
      ? []
      : [{ customer: s.mail.customer, caseNumber, ackMessageId }];
  });
}

/** Voters at once: people click at their own pace, the survey page serves many. */
const VOTE_CONCURRENCY = 8;

/** Votes "Great" on up to `count` closing mails; every fifth voter clicks confirm twice. */
async function castVotes(sent: readonly SentMail[], stack: LocalStack, count: number) {
  const solved = sent.filter((s) => s.mail.kind === 'agent-solve' && 'outcome' in s.fate).slice(0, count);
  const cases = new Set<number>();
  let recorded = 0;
  let posts = 0;
  let next = 0;
  const voter = async () => {
    while (next < solved.length) {
      const i = next++;
      const s = solved[i];
      const closing = s && stack.ses.sent.findLast((m) => m.recipients.includes(s.mail.customer));
      const caseNumber = s && 'outcome' in s.fate ? s.fate.outcome.caseNumber : undefined;
      if (closing === undefined || caseNumber === undefined) continue;
      const vote = await voteGreat(closing.raw, i % 5 === 0);
      cases.add(caseNumber);
      posts += vote.posts;
      if (vote.recorded) recorded += 1;
    }
  };
  await Promise.all(Array.from({ length: VOTE_CONCURRENCY }, voter));
  return { cast: solved.length, recorded, posts, cases };
}

/** `support replay --dead-letters` against the stack, as an operator runs it; returns how many it brought in. */
export async function replayDeadLetters(stack: LocalStack): Promise<number> {
  const out: string[] = [];
  await runSupport(['replay', '--dead-letters', '--data-dir', dirname(stack.stackFile)], {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
  });
  return out.filter((line) => /^dead letter .*; removed$/.test(line)).length;
}

export async function readTable(stack: LocalStack): Promise<TableView> {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  doc.destroy();
  const ofType = (type: string) => items.filter((i) => i.type === type);
  return { intakes: ofType('intake'), cases: ofType('case'), ratingEvents: ofType('ratingEvent') };
}

function difference(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>) {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([key]) => key !== 'total')
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, value]) => value > 0),
  );
}
