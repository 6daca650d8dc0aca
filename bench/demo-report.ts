import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { CaseReader } from '../functions/adapters/case-reader.ts';
import { CaseStore } from '../functions/adapters/case-store.ts';
import { createTableClients } from '../functions/adapters/table-clients.ts';
import { readEnv } from '../functions/config/env.ts';
import { alertDependencies } from '../functions/alerts/handler.ts';
import { processCheck } from '../functions/alerts/process-check.ts';
import { scheduleChecks } from '../functions/core/sla-clock.ts';
import type { SurveyAnswer } from '../functions/core/survey-token.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { safeFolder } from '../infra/local/ses-local.ts';
import { answerSurvey } from '../tests/support/survey-client.ts';

/** Where the report page goes: a stable path to open after the run (.bench/ is not committed). */
const PAGE = resolve('.bench', 'report.html');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One case of the week: who writes, who answers how fast, how it ends, and what the customer says. */
interface DemoCase {
  readonly day: number;
  readonly hour: number;
  readonly customer: string;
  readonly subject: string;
  readonly agent?: 'maria' | 'tom' | 'sam';
  /** Minutes to the first answer; with `solveAfter` the answer is `#pending` and the solve comes later. */
  readonly answerAfter?: number;
  readonly solveAfter?: number;
  readonly rating?: readonly [SurveyAnswer, string];
}

/**
 * A week of support: Maria answers within minutes, Tom takes hours but handles the most cases, Sam
 * (the supervisor) takes a few. Tom gets the most ratings; the report still ranks by share of "Great".
 */
const WEEK: readonly DemoCase[] = [
  {
    day: 0,
    hour: 9,
    customer: 'ana',
    subject: 'My order never arrived',
    agent: 'maria',
    answerAfter: 14,
    solveAfter: 190,
    rating: ['great', 'Maria had a replacement out the same morning. Thank you!'],
  },
  {
    day: 0,
    hour: 10,
    customer: 'bob',
    subject: 'Refund for a broken kettle',
    agent: 'tom',
    answerAfter: 170,
    rating: ['great', 'Refund arrived, all good.'],
  },
  {
    day: 0,
    hour: 14,
    customer: 'cleo',
    subject: 'Invoice shows the wrong address',
    agent: 'tom',
    answerAfter: 300,
    rating: ['not-good', 'It took a day to hear anything back.'],
  },
  {
    day: 1,
    hour: 9,
    customer: 'dan',
    subject: 'Cannot log in since the update',
    agent: 'maria',
    answerAfter: 22,
    rating: ['great', 'Quick & clear, the reset link worked.'],
  },
  {
    day: 1,
    hour: 11,
    customer: 'eve',
    subject: 'Two charges for one order',
    agent: 'tom',
    answerAfter: 240,
    solveAfter: 1500,
    rating: ['okay', 'Sorted in the end.'],
  },
  {
    day: 2,
    hour: 10,
    customer: 'finn',
    subject: 'Where is my tracking number?',
    agent: 'maria',
    answerAfter: 35,
    rating: ['okay', ''],
  },
  {
    day: 2,
    hour: 13,
    customer: 'gus',
    subject: 'Damaged packaging',
    agent: 'tom',
    answerAfter: 130,
    rating: ['great', ''],
  },
  {
    day: 3,
    hour: 9,
    customer: 'hana',
    subject: 'Change my delivery address',
    agent: 'sam',
    answerAfter: 95,
    rating: ['great', 'Sam went out of his way. <3'],
  },
  {
    day: 3,
    hour: 15,
    customer: 'ivan',
    subject: 'Warranty for the blender',
    agent: 'tom',
    answerAfter: 410,
    solveAfter: 1380,
    rating: ['not-good', 'Had to write three times.'],
  },
  {
    day: 4,
    hour: 10,
    customer: 'jo',
    subject: 'Voucher code not accepted',
    agent: 'maria',
    answerAfter: 18,
    rating: ['great', 'Fixed in minutes.'],
  },
  {
    day: 4,
    hour: 12,
    customer: 'kim',
    subject: 'Missing screws in the shelf kit',
    agent: 'tom',
    answerAfter: 200,
    rating: ['great', 'Screws came two days later, fine.'],
  },
  {
    day: 5,
    hour: 9,
    customer: 'lea',
    subject: 'Cancel my subscription',
    agent: 'sam',
    answerAfter: 60,
    solveAfter: 600,
  },
  {
    day: 5,
    hour: 14,
    customer: 'max',
    subject: 'Size exchange for shoes',
    agent: 'maria',
    answerAfter: 26,
    solveAfter: 900,
  },
  { day: 6, hour: 9, customer: 'nia', subject: 'Question about bulk orders' },
];

/** `npm run demo:report`: a seeded week on a fresh local stack, then `support report --since 7d` and its page. */
async function main(): Promise<void> {
  const config = localConfig(undefined);
  const dataDir = await mkdtemp(join(tmpdir(), 'mailcase-demo-'));
  // Day 0 is the first 09:00 UTC inside the last 7 days, so the whole week lies inside `--since 7d`.
  const sevenDaysAgo = Date.now() - 7 * 24 * HOUR;
  const nine = new Date(sevenDaysAgo).setUTCHours(9, 0, 0, 0);
  const start = nine > sevenDaysAgo ? nine : nine + 24 * HOUR;
  let clock = start;
  const stack = await startLocalStack({
    config,
    dataDir,
    smtpPort: 0,
    surveyPort: 0,
    retryDelayMs: 10,
    now: () => new Date(clock),
  });
  const transport = (login?: string) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
      ...(login ? { auth: { user: login, pass: stack.agentPassword(login) } } : {}),
    });
  const customers = transport();
  const agents = Object.fromEntries(
    config.agents.map((a) => [
      a.name.split(' ')[0]?.toLowerCase() ?? a.agentId,
      { agent: a, smtp: transport(a.email) },
    ]),
  );
  const mailbox = async (address: string): Promise<ParsedMail[]> => {
    const folder = join(stack.mailDir, safeFolder(address));
    const files = (await readdir(folder).catch(() => [] as string[])).sort();
    return Promise.all(files.map(async (f) => simpleParser(await readFile(join(folder, f)))));
  };
  const notification = async (subject: string) =>
    (await mailbox(config.teamAddress)).find((m) => m.subject?.endsWith(`New case: ${subject}`));
  try {
    const steps = WEEK.flatMap((c) => {
      const opened = start + c.day * 24 * HOUR + (c.hour - 9) * HOUR;
      const answered = opened + (c.answerAfter ?? 0) * MINUTE;
      const solved = opened + (c.solveAfter ?? c.answerAfter ?? 0) * MINUTE;
      const rated = solved + 3 * HOUR;
      return [
        {
          at: opened,
          run: () =>
            send(customers, {
              from: `${c.customer}@customer.test`,
              to: config.supportAddress,
              subject: c.subject,
              text: `Hello, ${c.subject.toLowerCase()}. Can you help?`,
            }),
        },
        ...(c.agent === undefined || c.answerAfter === undefined
          ? []
          : [
              {
                at: answered,
                run: async () =>
                  agentReply(
                    c,
                    c.solveAfter === undefined ? '#solve' : '#pending',
                    `Hi ${c.customer}, here is what we did about "${c.subject}".`,
                  ),
              },
            ]),
        ...(c.agent !== undefined && c.solveAfter !== undefined
          ? [{ at: solved, run: async () => agentReply(c, '#solve', 'That should settle it.') }]
          : []),
        ...(c.rating === undefined ? [] : [{ at: rated, run: async () => rate(c) }]),
      ];
    });
    const agentReply = async (c: DemoCase, command: string, words: string) => {
      const { agent, smtp } = agents[c.agent ?? ''] ?? {};
      const replyTo = (await notification(c.subject))?.replyTo?.value[0]?.address;
      if (agent === undefined || smtp === undefined || replyTo === undefined)
        throw new Error(`No notification or agent for "${c.subject}"`);
      await send(smtp, {
        from: agent.email,
        to: replyTo,
        subject: `Re: ${c.subject}`,
        text: `${command}\n\n${words}\n\n${agent.name}`,
      });
    };
    const rate = async (c: DemoCase) => {
      const closing = (await mailbox(`${c.customer}@customer.test`)).at(-1)?.text ?? '';
      const [answer, comment] = c.rating ?? ['great', ''];
      const status = await answerSurvey(closing, answer, comment);
      if (status !== 200) throw new Error(`The survey of "${c.subject}" answered ${status}`);
    };
    const send = async (smtp: ReturnType<typeof transport>, message: Mail.Options) => {
      await smtp.sendMail(message);
      await stack.idle();
    };
    for (const step of steps.sort((a, b) => a.at - b.at)) {
      clock = Math.min(step.at, Date.now() - MINUTE);
      await step.run();
    }
    await catchUpChecks((at) => (clock = at));
    console.error(`[demo] seeded ${WEEK.length} cases over 7 days in ${dataDir}; running support report --since 7d`);
    const { stdout } = await promisify(execFile)(process.execPath, [
      resolve('infra', 'cli', 'support.mjs'),
      'report',
      '--since',
      '7d',
      '--html',
      PAGE,
      '--data-dir',
      dataDir,
    ]);
    console.log(`$ support report --since 7d --html ${PAGE}\n\n${stdout.trimEnd()}`);
  } finally {
    customers.close();
    for (const { smtp } of Object.values(agents)) smtp.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The week went by in minutes, so the checks it queued (delayed up to 15 real minutes) have not
 * come round: runs the due ones now, in order, as the queue consumer would have when each fell due.
 */
async function catchUpChecks(setClock: (at: number) => void): Promise<void> {
  const { doc } = createTableClients();
  const deps = await alertDependencies();
  const reader = new CaseReader(doc, readEnv('TABLE_NAME'));
  const summaries = (
    await Promise.all((['new', 'open', 'pending'] as const).map((status) => reader.byStatus(status)))
  ).flatMap((page) => page.cases);
  // The index holds summaries; the checks are planned from whole cases (a demo week has well under 100 open).
  const open = await new CaseStore(doc, readEnv('TABLE_NAME')).getCases(summaries.map((c) => c.caseNumber));
  const due = [...open.values()]
    .flatMap((c) => scheduleChecks(c, deps.settings.slaPolicy, deps.settings.businessHours))
    .filter((check) => Date.parse(check.dueAt) < Date.now() - MINUTE)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  for (const check of due) {
    const at = Date.parse(check.dueAt) + 1000;
    setClock(at);
    await processCheck(check, { ...deps, now: () => new Date(at) });
  }
  doc.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
