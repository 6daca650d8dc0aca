import type { Team } from '../../functions/core/agents.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import { buildReport } from '../../functions/core/report-figures.ts';
import { agentMonthlyMails, weeklyDigestMails, type ReportMail } from '../../functions/core/report-mail.ts';

/**
 * The weekly digest and an agent's monthly mail, drafted from sample figures by the planners the
 * function uses, as drafts `support templates check` renders (they belong to no case: number 0).
 */
export function reportMailSamples(team: Team, supportName: string): Array<{ label: string; draft: OutboundDraft }> {
  const window = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), label: '2026-11' };
  const agentId = team.agents[0]?.agentId ?? 'A-101';
  const ratings: RatingEvent[] = (['great', 'great', 'okay', 'not-good', 'great'] as const).map((answer, i) => ({
    eventId: `sample-${i}`,
    caseNumber: 1001 + i,
    agentId,
    answer,
    ratedAt: `2026-11-${10 + i}T10:00:00.000Z`,
    ...(i < 4 ? { comment: ['Quick and kind.', 'Thanks!', 'Took a while.', 'Had to write three times.'][i] } : {}),
  }));
  const summary = (caseNumber: number, fields: object) => ({
    caseNumber,
    status: 'open' as const,
    priority: 'normal' as const,
    subject: 'Export fails',
    flags: [],
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
    ...fields,
  });
  const openCases = [
    summary(1010, { assignee: agentId, bugOpenedAt: '2026-11-21T09:00:00.000Z' }),
    summary(1011, { firstResponseAt: '2026-11-20T09:20:00.000Z', slaBreaches: ['resolution'] }),
  ];
  const figures = buildReport({ window, cases: openCases, ratings, team, openCases, minRatingsToRank: 5 });
  const unrankedFigures = buildReport({ window, cases: openCases, ratings, team, openCases, minRatingsToRank: 50 });
  const draft = (mail: ReportMail | undefined): OutboundDraft | undefined =>
    mail === undefined
      ? undefined
      : {
          kind: 'agent-notice',
          caseNumber: 0,
          fromName: supportName,
          to: [{ address: mail.recipient.email, name: mail.recipient.name }],
          cc: [],
          template: mail.kind,
          data: mail.data,
          references: [],
          automatic: true,
          customerFacing: false,
          attachments: [],
        };
  const samples: Array<[string, OutboundDraft | undefined]> = [
    ['the weekly digest to a supervisor', draft(weeklyDigestMails(figures, team, supportName)[0])],
    [
      'a weekly digest where nobody has enough ratings to rank',
      draft(weeklyDigestMails(unrankedFigures, team, supportName)[0]),
    ],
    ["an agent's month of ratings, positive first", draft(agentMonthlyMails(figures, team, supportName)[0])],
  ];
  return samples.flatMap(([label, d]) => (d === undefined ? [] : [{ label, draft: d }]));
}
