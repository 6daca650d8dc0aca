import type { SupportConfig } from '../config.ts';

/**
 * `npm start -- --demo`: the deploy configuration with its clock shortened, so a new user sees
 * every timed mail within ten minutes. cdk.json is read, never written.
 *
 * In demo minutes: open around the clock; every priority gets a first and a next response within
 * 3 minutes, warned at 2 and sent to the supervisor again at 6 (twice the target); a case waiting
 * on the customer is nudged after 4 minutes and solved for them 4 minutes later.
 */
export const DEMO_MINUTES = {
  firstResponse: 3,
  nextResponse: 3,
  /** Long enough that the demo's answers, not resolution alerts, fill the first minutes. */
  resolution: 30,
  warning: 2,
  /** The follow-ups count in business days; a demo business day lasts this long. */
  businessDay: 4,
} as const;

/** Every day open all day: the demo's alerts must not wait for Monday morning. */
const AROUND_THE_CLOCK = ['00:00-24:00'];
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/**
 * The configuration with demo times. `minuteMs` is how long a demo minute lasts (a minute; the
 * end-to-end test makes it a few seconds). Queues take the demo's hours and targets instead of their
 * own. The teams, addresses and everything else stay as given.
 */
export function demoConfig(config: SupportConfig, minuteMs = MS_PER_MINUTE): SupportConfig {
  const hours = (minutes: number) => (minutes * minuteMs) / MS_PER_HOUR;
  const targets = {
    firstResponse: hours(DEMO_MINUTES.firstResponse),
    nextResponse: hours(DEMO_MINUTES.nextResponse),
    resolution: hours(DEMO_MINUTES.resolution),
  };
  return {
    ...config,
    businessHours: {
      timeZone: config.businessHours.timeZone,
      weekly: {
        mon: AROUND_THE_CLOCK,
        tue: AROUND_THE_CLOCK,
        wed: AROUND_THE_CLOCK,
        thu: AROUND_THE_CLOCK,
        fri: AROUND_THE_CLOCK,
        sat: AROUND_THE_CLOCK,
        sun: AROUND_THE_CLOCK,
      },
      holidays: [],
    },
    responseTargets: {
      warnAt: DEMO_MINUTES.warning / DEMO_MINUTES.firstResponse,
      reEscalateAt: 2,
      byPriority: { urgent: { ...targets }, high: { ...targets }, normal: { ...targets }, low: { ...targets } },
    },
    closing: {
      ...config.closing,
      nudgeAfterBusinessDays: 1,
      autoSolveAfterBusinessDays: 1,
      businessDayMinutes: (DEMO_MINUTES.businessDay * minuteMs) / MS_PER_MINUTE,
    },
    // Every queue on the demo's clock: one left with its own hours would wait for Monday morning.
    queues: config.queues.map(({ businessHours: _hours, responseTargets: _targets, ...queue }) => queue),
  };
}

/** The banner's words for demo mode. */
export function describeDemo(): string {
  const m = DEMO_MINUTES;
  return [
    `Demo mode: open around the clock, every target in minutes (cdk.json is not changed).`,
    `A new case warns its holder after ${m.warning} min, misses its ${m.firstResponse}-min first-response target at ${m.firstResponse} (holder and supervisor), goes to the supervisor again at ${m.firstResponse * 2};`,
    `a case set #pending nudges the customer after ${m.businessDay} min and is solved for them at ${m.businessDay * 2}.`,
  ].join('\n');
}
