import { readdirSync, readFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Linux reports process CPU in clock ticks; 100 per second on every kernel this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU milliseconds used by this Node process and by DynamoDB Local's JVM, and how busy our event loop was. */
export interface CpuSample {
  readonly nodeMs: number;
  readonly jvmMs: number;
  readonly machineMs: number;
  readonly loop: EventLoopUtilization;
}

export interface CpuUse {
  /** This process: handler, SMTP ingress, fauxqs (S3), local SES and the bench's SMTP client. */
  readonly nodeMs: number;
  /** DynamoDB Local (AWS's jar, a separate JVM). */
  readonly jvmMs: number;
  /** Everything else on the machine (other people's tests and builds share these cores). */
  readonly othersMs: number;
  /** Share of wall time our one JavaScript thread was busy (1 = saturated). */
  readonly mainThreadBusy: number;
}

/**
 * This thread's CPU time so far, exact to the microsecond. Linux brings a running thread's own CPU
 * clock (getrusage(RUSAGE_THREAD)) up to date only at a scheduler tick (4 ms here) or when the
 * thread sleeps, so `process.threadCpuUsage()` alone, read while the thread runs, lacks what ran
 * since: up to a tick of a handler's last synchronous stretch (its outcome, logs and metrics). The
 * process-wide reading brings the calling thread's clock up to date first.
 */
export function threadCpuUsage(): NodeJS.CpuUsage {
  process.cpuUsage();
  return process.threadCpuUsage();
}

let jvmPid: number | undefined;

/** DynamoDB Local is the java process this one started; found once in /proc (undefined if there is none). */
export function dynamoDbJvm(): number | undefined {
  if (jvmPid !== undefined) return jvmPid;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === process.pid && stat.comm === 'java') {
      jvmPid = Number(entry);
      return jvmPid;
    }
  }
  return undefined;
}

function readStat(pid: number): { comm: string; ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      comm: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return undefined;
  }
}

/** CPU time all cores spent busy since boot (/proc/stat: everything but idle and iowait). */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function sampleCpu(): CpuSample {
  const usage = process.cpuUsage();
  const pid = dynamoDbJvm();
  const ticks = pid === undefined ? 0 : (readStat(pid)?.ticks ?? 0);
  return {
    nodeMs: (usage.user + usage.system) / 1000,
    jvmMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    machineMs: machineBusyMs(),
    loop: performance.eventLoopUtilization(),
  };
}

export function cpuBetween(before: CpuSample, after: CpuSample): CpuUse {
  return {
    nodeMs: after.nodeMs - before.nodeMs,
    jvmMs: after.jvmMs - before.jvmMs,
    othersMs: Math.max(
      0,
      after.machineMs - before.machineMs - (after.nodeMs - before.nodeMs) - (after.jvmMs - before.jvmMs),
    ),
    mainThreadBusy: performance.eventLoopUtilization(after.loop, before.loop).utilization,
  };
}
