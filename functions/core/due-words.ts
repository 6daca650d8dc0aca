/**
 * When a customer may expect our answer, in words on their own clock: "by 15:00 today, your time",
 * "by 10:00 tomorrow (Tuesday), your time", "by Wednesday 9 December, 11:00, your time". Without
 * their offset the team's clock is named instead: "by 15:00 today, Berlin time".
 */
import { clockTime, daysBetween, wallTimeAt, type Clock } from './local-clock.ts';
import type { LanguageCode } from './queues.ts';
import { dayWords, timeWordsFor, weekdayWords, zoneTimeName } from './time-words.ts';

/**
 * A promise reads as one on a round five minutes ("by 13:50", not "by 13:47"); rounding up never
 * promises an answer sooner than the target it stands for.
 */
export const DUE_ROUNDING_MINUTES = 5;

const ROUNDING_MS = DUE_ROUNDING_MINUTES * 60_000;

export interface AnswerDueInput {
  /** The instant the answer is due (the first-response target's deadline). */
  readonly due: Date;
  /** When we write: "today" and "tomorrow" are judged on the reader's clock at this instant. */
  readonly now: Date;
  readonly language: LanguageCode;
  /** The customer's offset from their Date header; when absent, the team's zone is named. */
  readonly customerOffsetMinutes?: number;
  /** The IANA zone of the business calendar. */
  readonly timeZone: string;
}

/**
 * The due time in words in `language`, on the customer's clock when their offset is known, else
 * on the business calendar's, named ("Berlin time"; "UTC" only when the calendar is UTC). The
 * offset is the one they wrote with: a daylight-saving change of theirs before the due time is
 * not known to us, so it is not applied.
 */
export function describeAnswerDue(input: AnswerDueInput): string {
  const words = timeWordsFor(input.language);
  const clock: Clock =
    input.customerOffsetMinutes === undefined
      ? { timeZone: input.timeZone }
      : { offsetMinutes: input.customerOffsetMinutes };
  const zone = 'offsetMinutes' in clock ? words.yourTime : zoneTimeName(input.timeZone, words);
  const due = wallTimeAt(new Date(Math.ceil(input.due.getTime() / ROUNDING_MS) * ROUNDING_MS), clock);
  const today = wallTimeAt(input.now, clock);
  const time = words.clock(clockTime(due));
  const days = daysBetween(today, due);
  if (days === 0) return words.dueToday(time, zone);
  if (days === 1) return words.dueTomorrow(time, weekdayWords(due, words), zone);
  return words.dueOn(dayWords(due, words, due.year !== today.year), time, zone);
}
