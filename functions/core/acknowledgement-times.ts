/** The two times an acknowledgement names: when the answer is due, and when the team works. */
import type { BusinessHours } from './business-hours.ts';
import { describeAnswerDue } from './due-words.ts';
import { describeBusinessHours } from './hours-words.ts';
import type { LanguageCode } from './queues.ts';
import { targetDeadline, type SlaPolicy } from './sla-clock.ts';
import type { SupportCase } from './support-case.ts';

/** Template data, already in the case's language (docs/templates.md). */
export interface AcknowledgementTimes {
  /** "by 15:00 today, your time"; empty when no first-response target runs for the case. */
  readonly answerDue: string;
  /** "Monday to Friday, 09:00–17:00 (Berlin time)". */
  readonly businessHoursWords: string;
}

/**
 * The first-response deadline the SLA clock keeps for `supportCase`, told on the customer's clock
 * when their mail's Date header gave its offset, and the business hours, as of `now` (the mail's
 * arrival: "today" is the day we write on).
 */
export function acknowledgementTimes(input: {
  readonly supportCase: SupportCase;
  readonly slaPolicy: SlaPolicy;
  readonly businessHours: BusinessHours;
  readonly customerOffsetMinutes?: number;
  readonly language: LanguageCode;
  readonly now: Date;
}): AcknowledgementTimes {
  const { businessHours, language, now } = input;
  const due = targetDeadline(input.supportCase, 'first-response', input.slaPolicy, businessHours);
  return {
    answerDue:
      due === undefined
        ? ''
        : describeAnswerDue({
            due,
            now,
            language,
            timeZone: businessHours.timeZone,
            ...(input.customerOffsetMinutes === undefined
              ? {}
              : { customerOffsetMinutes: input.customerOffsetMinutes }),
          }),
    businessHoursWords: describeBusinessHours(businessHours, language, now),
  };
}
