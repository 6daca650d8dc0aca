import type { Agent, Team } from './agents.ts';
import { durationOrDash, formatDuration, shareOrDash } from './figure-words.ts';
import type { TemplateData, TemplateRecord } from './outbound-draft.ts';
import type { AgentFigures, ReportFigures } from './report-figures.ts';

/** The two report mails: the week's figures to supervisors, and each agent's own month of ratings. */
export type ReportMailKind = 'weekly-digest' | 'agent-monthly';

/** One report mail to one person, ready to render. */
export interface ReportMail {
  readonly kind: ReportMailKind;
  readonly recipient: Agent;
  readonly data: TemplateData;
}

const ANSWER_LABEL = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' } as const;
/** Positive first: what an agent did well leads their month. */
const ANSWER_ORDER = { great: 0, okay: 1, 'not-good': 2 } as const;
/** Bugs listed in a digest: a mail is read on a phone; the report page has them all. */
const MAX_BUGS_IN_DIGEST = 10;

/** The weekly digest for every supervisor: the report's figures, short. */
export function weeklyDigestMails(figures: ReportFigures, team: Team, supportName: string): ReportMail[] {
  const { overall, backlog } = figures;
  const row = (a: AgentFigures): TemplateRecord => ({
    name: a.name,
    share: shareOrDash(a.ratings.count === 0 ? undefined : a.ratings.positiveShare),
    ratings: a.ratings.count,
    answered: a.answered,
    solved: a.solved,
  });
  const data: TemplateData = {
    supportName,
    period: figures.window.label,
    from: figures.window.from.slice(0, 10),
    to: figures.window.to.slice(0, 10),
    opened: overall.opened,
    answered: overall.answered,
    solved: overall.solved,
    medianFirstResponse: durationOrDash(overall.medianFirstResponseMs),
    missedTarget: overall.missedTarget,
    rated: overall.ratings.count,
    positiveShare: shareOrDash(overall.ratings.count === 0 ? undefined : overall.ratings.positiveShare),
    recoveries: overall.recoveries,
    bugsOpened: overall.bugsOpened,
    bugsFixed: overall.bugsFixed,
    minRatingsToRank: figures.minRatingsToRank,
    ranked: figures.agents.map(row),
    unranked: figures.unranked.filter((a) => a.ratings.count > 0 || a.answered > 0 || a.solved > 0).map(row),
    weeks: figures.weeks.map((w) => ({
      week: w.weekStart.slice(0, 10),
      opened: w.opened,
      medianFirstResponse: durationOrDash(w.medianFirstResponseMs),
      breaches: w.breaches,
      positiveShare: shareOrDash(w.positiveShare),
      recoveries: w.recoveries,
    })),
    backlogTotal: backlog.total,
    backlogByAge: backlog.byAge.map((b) => ({ label: b.label, count: b.count })),
    backlogByAssignee: backlog.byAssignee.map((a) => ({ name: a.name, count: a.count })),
    bugsWaiting: figures.bugsWaiting.length,
    bugs: figures.bugsWaiting.slice(0, MAX_BUGS_IN_DIGEST).map((b) => ({
      caseNumber: b.caseNumber,
      waiting: formatDuration(b.waitingMs),
      subject: b.subject || '(no subject)',
    })),
    moreBugs: Math.max(0, figures.bugsWaiting.length - MAX_BUGS_IN_DIGEST),
  };
  return team.agents
    .filter((a) => a.role === 'supervisor')
    .map((recipient) => ({ kind: 'weekly-digest', recipient, data }));
}

/**
 * Each agent's own month: their ratings and every comment, positive first, then newest. Agents
 * nobody rated that month get no mail (there is nothing of theirs to tell).
 */
export function agentMonthlyMails(figures: ReportFigures, team: Team, supportName: string): ReportMail[] {
  const everyone = [...figures.agents, ...figures.unranked];
  return team.agents.flatMap((recipient): ReportMail[] => {
    const mine = everyone.find((a) => a.agentId === recipient.agentId);
    if (mine === undefined || mine.ratings.count === 0) return [];
    const comments = [...mine.ratings.comments].sort(
      (a, b) => ANSWER_ORDER[a.answer] - ANSWER_ORDER[b.answer] || b.ratedAt.localeCompare(a.ratedAt),
    );
    return [
      {
        kind: 'agent-monthly',
        recipient,
        data: {
          supportName,
          agentName: recipient.name,
          month: figures.window.label,
          rated: mine.ratings.count,
          great: mine.ratings.positive,
          okay: mine.ratings.neutral,
          notGood: mine.ratings.negative,
          positiveShare: shareOrDash(mine.ratings.positiveShare),
          answered: mine.answered,
          solved: mine.solved,
          comments: comments.map((c) => ({
            answer: ANSWER_LABEL[c.answer],
            positive: c.answer === 'great',
            caseNumber: c.caseNumber,
            comment: c.comment,
            day: c.ratedAt.slice(0, 10),
          })),
        },
      },
    ];
  });
}
