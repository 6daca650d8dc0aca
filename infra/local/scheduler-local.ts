import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ScheduleJournal, scheduleKey, type StoredSchedule } from './schedule-journal.ts';

/** How often due schedules are looked for: Scheduler itself promises the minute, this is finer. */
const TICK_MS = 250;
/** Schedules per ListSchedules page (Scheduler's largest MaxResults is 100). */
const PAGE_SIZE = 100;
/** The only expression the pipeline uses, and so the only one this stand-in runs: one time, UTC. */
const AT_EXPRESSION = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;

export interface LocalSchedulerOptions {
  readonly region: string;
  /** Where schedules are kept across restarts; omit to keep them in memory. */
  readonly journalFile?: string;
  /** Puts a due schedule's input on its target (the check queue); a rejection leaves it for the next tick. */
  readonly deliver: (target: StoredSchedule['target']) => Promise<void>;
  /** The clock schedules come due by; tests move it. Default: real time. */
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

export interface LocalScheduler {
  /** The endpoint the SDK's SchedulerClient is pointed at (AWS_ENDPOINT_URL_SCHEDULER). */
  readonly endpoint: string;
  /** Schedules waiting to be delivered. */
  size(): number;
  stop(): Promise<void>;
}

/**
 * EventBridge Scheduler on this machine, for the one-time schedules that deliver checks: the
 * restJson1 API the real SDK client speaks (CreateSchedule, GetSchedule, DeleteSchedule,
 * ListSchedules), with Scheduler's error types, and a clock that hands each schedule's input to
 * its target when its `at(...)` time comes, then deletes it (ActionAfterCompletion DELETE).
 */
export async function startLocalScheduler(options: LocalSchedulerOptions): Promise<LocalScheduler> {
  const now = options.now ?? (() => new Date());
  const { journal, schedules } = await ScheduleJournal.open(options.journalFile);
  const live = new Map(schedules.map((s) => [scheduleKey(s), s]));
  const api = { live, journal, now, region: options.region };
  const server = createServer((req, res) => {
    void route(req, res, api).catch((error: unknown) => fail(res, 500, 'InternalServerException', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let stopped = false;
  let ticking = Promise.resolve();
  const tick = async () => {
    const due = [...live.values()].filter((s) => s.at <= now().getTime()).sort((a, b) => a.at - b.at);
    for (const schedule of due) {
      if (stopped) return;
      try {
        await options.deliver(schedule.target);
      } catch (error) {
        options.onError?.(error);
        return;
      }
      if (schedule.actionAfterCompletion === 'DELETE' && live.get(scheduleKey(schedule)) === schedule) {
        live.delete(scheduleKey(schedule));
        await journal.delete(schedule);
      }
    }
  };
  const timer = setInterval(() => {
    ticking = ticking.then(tick);
  }, TICK_MS);
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    size: () => live.size,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await journal.flushed();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Api {
  readonly live: Map<string, StoredSchedule>;
  readonly journal: ScheduleJournal;
  readonly now: () => Date;
  readonly region: string;
}

async function route(req: IncomingMessage, res: ServerResponse, api: Api): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const name = /^\/schedules\/([^/]+)$/.exec(url.pathname)?.[1];
  if (url.pathname === '/schedules' && req.method === 'GET') return list(url, res, api);
  if (name === undefined) return fail(res, 404, 'ResourceNotFoundException', `No route for ${url.pathname}`);
  const scheduleName = decodeURIComponent(name);
  if (req.method === 'POST') {
    const input = createInput.safeParse(JSON.parse(await readBody(req)));
    if (!input.success) return fail(res, 400, 'ValidationException', z.prettifyError(input.error));
    return create(scheduleName, input.data, res, api);
  }
  const key = scheduleKey({ groupName: url.searchParams.get('groupName') ?? 'default', name: scheduleName });
  const found = api.live.get(key);
  if (found === undefined)
    return fail(res, 404, 'ResourceNotFoundException', `Schedule ${scheduleName} does not exist.`);
  if (req.method === 'GET') return ok(res, describe(found, api.region));
  if (req.method !== 'DELETE') return fail(res, 405, 'ValidationException', `${req.method} is not supported`);
  api.live.delete(key);
  await api.journal.delete(found);
  ok(res, {});
}

/** What CreateSchedule sends, as far as this stand-in reads it. */
const createInput = z.object({
  GroupName: z.string().default('default'),
  ScheduleExpression: z.string(),
  ScheduleExpressionTimezone: z.string().default('UTC'),
  ActionAfterCompletion: z.enum(['DELETE', 'NONE']).default('NONE'),
  Target: z.object({ Arn: z.string(), RoleArn: z.string(), Input: z.string().default('') }),
});

async function create(name: string, input: z.infer<typeof createInput>, res: ServerResponse, api: Api): Promise<void> {
  const { GroupName: groupName, Target: target } = input;
  const at = AT_EXPRESSION.exec(input.ScheduleExpression)?.[1];
  if (at === undefined || input.ScheduleExpressionTimezone !== 'UTC')
    return fail(
      res,
      400,
      'ValidationException',
      `Only at(yyyy-mm-ddThh:mm:ss) in UTC runs here, not ${input.ScheduleExpression}`,
    );
  if (api.live.has(scheduleKey({ groupName, name })))
    return fail(res, 409, 'ConflictException', `Schedule ${name} already exists.`);
  const schedule: StoredSchedule = {
    name,
    groupName,
    expression: input.ScheduleExpression,
    at: Date.parse(`${at}Z`),
    createdAt: api.now().getTime(),
    actionAfterCompletion: input.ActionAfterCompletion,
    target: { arn: target.Arn, roleArn: target.RoleArn, input: target.Input },
  };
  api.live.set(scheduleKey(schedule), schedule);
  await api.journal.put(schedule);
  ok(res, { ScheduleArn: arnOf(schedule, api.region) });
}

function list(url: URL, res: ServerResponse, api: Api): void {
  const group = url.searchParams.get('ScheduleGroup');
  const prefix = url.searchParams.get('NamePrefix') ?? '';
  const after = url.searchParams.get('NextToken') ?? '';
  const size = Math.min(PAGE_SIZE, Number(url.searchParams.get('MaxResults') ?? PAGE_SIZE));
  const matching = [...api.live.values()]
    .filter((s) => (group === null || s.groupName === group) && s.name.startsWith(prefix) && scheduleKey(s) > after)
    .sort((a, b) => scheduleKey(a).localeCompare(scheduleKey(b)));
  const page = matching.slice(0, size);
  const last = page.at(-1);
  ok(res, {
    Schedules: page.map((s) => ({
      Arn: arnOf(s, api.region),
      Name: s.name,
      GroupName: s.groupName,
      State: 'ENABLED',
      CreationDate: s.createdAt / 1000,
      LastModificationDate: s.createdAt / 1000,
      Target: { Arn: s.target.arn },
    })),
    ...(matching.length > size && last !== undefined ? { NextToken: scheduleKey(last) } : {}),
  });
}

function describe(s: StoredSchedule, region: string) {
  return {
    Arn: arnOf(s, region),
    GroupName: s.groupName,
    Name: s.name,
    ScheduleExpression: s.expression,
    ScheduleExpressionTimezone: 'UTC',
    State: 'ENABLED',
    CreationDate: s.createdAt / 1000,
    LastModificationDate: s.createdAt / 1000,
    ActionAfterCompletion: s.actionAfterCompletion,
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: s.target.arn, RoleArn: s.target.roleArn, Input: s.target.input },
  };
}

function arnOf(s: StoredSchedule, region: string): string {
  return `arn:aws:scheduler:${region}:000000000000:schedule/${s.groupName}/${s.name}`;
}

function ok(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Scheduler's error shape: the type in `x-amzn-errortype`, the words in `Message`. */
function fail(res: ServerResponse, status: number, type: string, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ Message: message }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
