import type { CaseFlag, SupportCase } from './support-case.ts';

/**
 * Flags of cases nobody is asked to answer: SES's spam and virus verdicts, and mail in an agent's
 * name that failed authentication. The team never sees them as work (no notification), so a
 * response-time warning or breach on one would be a false alarm, and would count in the breach rate.
 */
const UNTIMED_FLAGS: readonly CaseFlag[] = ['spam', 'virus', 'spoofed-agent'];

/**
 * Why a case runs no response-time clock at all, or undefined when it runs them as usual: it is
 * junk or a spoof (see UNTIMED_FLAGS), or it was merged into another case, whose clocks count.
 * Quarantined (held) mail opens no case, so it has no clock to stop.
 */
export function untimedReason(
  supportCase: Pick<SupportCase, 'caseNumber' | 'flags' | 'mergedInto'>,
): string | undefined {
  if (supportCase.mergedInto !== undefined)
    return `case #${supportCase.caseNumber} was merged into #${supportCase.mergedInto}`;
  const flag = supportCase.flags.find((f) => UNTIMED_FLAGS.includes(f));
  return flag === undefined
    ? undefined
    : `case #${supportCase.caseNumber} is marked ${flag}: nobody is asked to answer it`;
}
