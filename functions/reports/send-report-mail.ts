import type { CaseReader } from '../adapters/case-reader.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RatingStore } from '../adapters/rating-store.ts';
import type { ReportMailMarks } from '../adapters/report-mail-marks.ts';
import type { Team } from '../core/agents.ts';
import {
  DEFAULT_REPORT_POLICY,
  lastWeekWindow,
  previousMonthWindow,
  type ReportPolicy,
  type ReportWindow,
} from '../core/report-policy.ts';
import { DEFAULT_QUEUE_ID, type SupportQueue } from '../core/queues.ts';
import type { CaseQueues } from '../adapters/case-queues.ts';
import { agentMonthlyMails, weeklyDigestMails, type ReportMail, type ReportMailKind } from '../core/report-mail.ts';
import { mondayOf } from '../core/report-tally.ts';
import { composeMessage } from '../mail/compose-message.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';
import { gatherReportFigures } from './gather-figures.ts';

/** What sending report mail works with: the readers, the marks, the composer's renderer, SES. */
export interface ReportMailDependencies {
  readonly cases: CaseReader;
  readonly ratings: RatingStore;
  readonly marks: ReportMailMarks;
  readonly renderer: TemplateRenderer;
  readonly sender: MailSender;
  readonly settings: { readonly supportAddress: string; readonly supportName: string; readonly policy?: ReportPolicy };
  /** A queue's team as it stands; the default queue's when none is named. */
  readonly currentTeam: (queueId?: string) => Promise<Team>;
  /**
   * The queues beyond the default one. With any, each queue's team gets its own queue's figures,
   * from its own address; a deployment with one address reports every case to its one team.
   */
  readonly queues?: readonly Pick<SupportQueue, 'id' | 'address' | 'displayName'>[];
  /** Picks a queue's cases out of what a report reads (needed only with `queues`). */
  readonly casesOfQueue?: (queueId: string) => Pick<CaseQueues, 'keep'>;
  readonly now: () => Date;
}

export interface ReportMailOutcome {
  readonly kind: ReportMailKind;
  /** Why nothing was sent, when the configuration switched it off. */
  readonly off?: string;
  /** Addresses mailed now. */
  readonly sent: readonly string[];
  /** Addresses this period's mail had reached already (a repeated schedule). */
  readonly alreadySent: readonly string[];
}

/**
 * Sends a report mail of `kind` for the period `now` falls in: the weekly digest to every
 * supervisor (the seven days before now), or each agent's own last month. Each mail is claimed
 * first, so a repeated schedule sends it once; `force` (`support report --digest`) sends again.
 */
export async function sendReportMail(
  kind: ReportMailKind,
  deps: ReportMailDependencies,
  options: { readonly force?: boolean } = {},
): Promise<ReportMailOutcome> {
  const policy = deps.settings.policy ?? DEFAULT_REPORT_POLICY;
  const now = deps.now();
  const switchedOn = kind === 'weekly-digest' ? policy.weeklyDigest : policy.monthlyAgentMail;
  if (!switchedOn && options.force !== true)
    return {
      kind,
      off: `reports.${kind === 'weekly-digest' ? 'weeklyDigest' : 'monthlyAgentMail'} is false`,
      sent: [],
      alreadySent: [],
    };
  const window = kind === 'weekly-digest' ? lastWeekWindow(now) : previousMonthWindow(now);
  // The week's Monday or the month reported: one mail per period, however often the schedule fires.
  const period =
    options.force === true
      ? `now-${now.toISOString()}`
      : kind === 'weekly-digest'
        ? new Date(mondayOf(now)).toISOString().slice(0, 10)
        : window.label;
  const { supportAddress, supportName } = deps.settings;
  const queues = [{ id: DEFAULT_QUEUE_ID, address: supportAddress, displayName: supportName }, ...(deps.queues ?? [])];
  const sent: string[] = [];
  const alreadySent: string[] = [];
  for (const queue of queues) {
    const one = await sendQueueReport(kind, deps, { queue, several: queues.length > 1, window, period, policy });
    sent.push(...one.sent);
    alreadySent.push(...one.alreadySent);
  }
  return { kind, sent, alreadySent };
}

/** One queue's report mail: its team, its cases' figures (all cases when it is the only queue), from its address. */
async function sendQueueReport(
  kind: ReportMailKind,
  deps: ReportMailDependencies,
  of: {
    readonly queue: Pick<SupportQueue, 'id' | 'address' | 'displayName'>;
    readonly several: boolean;
    readonly window: ReportWindow;
    readonly period: string;
    readonly policy: ReportPolicy;
  },
): Promise<{ sent: string[]; alreadySent: string[] }> {
  const { queue, window, policy } = of;
  const now = deps.now();
  const team = await deps.currentTeam(queue.id);
  const picked = of.several ? deps.casesOfQueue?.(queue.id) : undefined;
  const figures = await gatherReportFigures({
    cases: deps.cases,
    ratings: deps.ratings,
    team,
    window,
    policy,
    ...(picked === undefined ? {} : { queue: picked }),
  });
  const mails =
    kind === 'weekly-digest'
      ? weeklyDigestMails(figures, team, queue.displayName)
      : agentMonthlyMails(figures, team, queue.displayName);
  // A person in two queues' teams gets each queue's mail once: the default queue keeps its old marks.
  const period = queue.id === DEFAULT_QUEUE_ID ? of.period : `${of.period}#${queue.id}`;
  const sent: string[] = [];
  const alreadySent: string[] = [];
  for (const mail of mails) {
    if (!(await deps.marks.claim(kind, period, mail.recipient.agentId, now))) {
      alreadySent.push(mail.recipient.email);
      continue;
    }
    try {
      await sendOne(mail, deps, now, queue);
      sent.push(mail.recipient.email);
    } catch (error) {
      await deps.marks.release(kind, period, mail.recipient.agentId);
      throw error;
    }
  }
  return { sent, alreadySent };
}

async function sendOne(
  mail: ReportMail,
  deps: ReportMailDependencies,
  now: Date,
  queue: Pick<SupportQueue, 'address' | 'displayName'>,
): Promise<void> {
  const raw = await composeMessage({
    from: { address: queue.address, name: queue.displayName },
    to: [{ address: mail.recipient.email, name: mail.recipient.name }],
    content: await deps.renderer.render(mail.kind, mail.data),
    references: [],
    automatic: true,
    date: now,
  });
  await deps.sender.sendRaw(raw, [mail.recipient.email], queue.address);
}
