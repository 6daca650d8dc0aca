import type { CrashStep } from './crash-hook.ts';
import {
  FAULTABLE_HEADER,
  faultsFor,
  operationOf,
  type Fault,
  type FaultedRequest,
  type FaultService,
} from './fault-catalogue.ts';

/** What `npm start -- --faults` and the tests switch on. */
export interface FaultSettings {
  /** Share of the functions' AWS calls (each HTTP attempt) that fail, 0 to 1. */
  readonly rate: number;
  /** Seeds the dice, so a run at concurrency 1 faults the same calls each time. Default 1. */
  readonly seed?: number;
  /** SES's sending quota in messages per second; more is refused with 429 "Maximum sending rate exceeded.". Default: none. */
  readonly sesRatePerSecond?: number;
  /** Only these faults (names as in fault-catalogue.ts: `ThrottlingException`, `Timeout`, ...); default: every one. */
  readonly only?: readonly string[];
  /** Only calls of these operations (`TransactWriteItems`, `SendMessage`, `SendEmail`, or S3's `GET`/`PUT`); default: all. */
  readonly operations?: readonly string[];
  /** At most this many faults in all (a refusal by the SES rate quota counts as one); default: no limit. */
  readonly limit?: number;
  /** Crash the first attempt of every receipt at this step (before its nth AWS call, or before `SendEmail#1`), as a Lambda killed there would. */
  readonly crashAt?: CrashStep;
}

/** Faults injected so far, by service and by error name (`dynamodb ThrottlingException`). */
export type FaultCounts = Readonly<Record<string, number>>;

/**
 * mulberry32: a tiny seeded generator, so a fault run can be repeated. Not for secrets.
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function dice(settings: FaultSettings): () => number {
  if (!(settings.rate >= 0 && settings.rate <= 1))
    throw new RangeError(`fault rate must be 0 to 1, not ${settings.rate}`);
  return seededRandom(settings.seed ?? 1);
}

/** Decides, call by call, which of the functions' AWS calls fail and how; counts what it injected. */
export class FaultLayer {
  private random: () => number;
  private readonly counts = new Map<string, number>();
  private sesTokens: number;
  private sesRefilledAt = Date.now();

  constructor(private settings: FaultSettings) {
    this.random = dice(settings);
    this.sesTokens = settings.sesRatePerSecond ?? 0;
  }

  /** Changes the settings of a running stack (the bench runs its rates one after another); the dice and the counts start again. */
  configure(settings: FaultSettings): void {
    this.random = dice(settings);
    this.settings = settings;
    this.counts.clear();
  }

  /** The fault for one HTTP attempt, or undefined to let it through. */
  choose(service: FaultService, request: FaultedRequest): Fault | undefined {
    if (service === 'ses' && !this.sesQuotaAllows()) return this.count(service, faultsFor('ses', request)[0]?.[0]);
    if (request.headers[FAULTABLE_HEADER] === undefined || !this.mayFault(service, request)) return undefined;
    if (this.random() >= this.settings.rate) return undefined;
    const only = this.settings.only;
    const choices = faultsFor(service, request).filter(([fault]) => only === undefined || only.includes(fault.name));
    if (choices.length === 0) return undefined;
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [fault, weight] of choices) {
      roll -= weight;
      if (roll < 0) return this.count(service, fault);
    }
    return this.count(service, choices.at(-1)?.[0]);
  }

  private mayFault(service: FaultService, request: FaultedRequest): boolean {
    const { operations, limit } = this.settings;
    if (limit !== undefined && this.injected().total >= limit) return false;
    return operations === undefined || operations.includes(operationOf(service, request));
  }

  /** Faults injected so far; `total` sums them. */
  injected(): FaultCounts & { readonly total: number } {
    const counts = Object.fromEntries(this.counts);
    return { ...counts, total: [...this.counts.values()].reduce((a, b) => a + b, 0) };
  }

  private count(service: FaultService, fault: Fault | undefined): Fault | undefined {
    if (fault === undefined) return undefined;
    const key = `${service} ${fault.name}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return fault;
  }

  /** A token bucket as SES keeps the account's maximum send rate: a second's worth of burst. */
  private sesQuotaAllows(): boolean {
    const rate = this.settings.sesRatePerSecond;
    if (rate === undefined) return true;
    const now = Date.now();
    this.sesTokens = Math.min(rate, this.sesTokens + ((now - this.sesRefilledAt) / 1000) * rate);
    this.sesRefilledAt = now;
    if (this.sesTokens < 1) return false;
    this.sesTokens -= 1;
    return true;
  }
}
