import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import type { CaseSummary } from '../../functions/core/case-summary.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import { buildReport } from '../../functions/core/report-figures.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const WINDOW = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), label: '2026-11' };
const [MARIA, TOM, SAM] = SAMPLE_TEAM.agents;

const summary = (caseNumber: number, fields: Partial<CaseSummary>): CaseSummary => ({
  caseNumber,
  status: 'open',
  priority: 'normal',
  subject: `Case ${caseNumber}`,
  flags: [],
  createdAt: '2026-11-10T09:00:00.000Z',
  updatedAt: '2026-11-12T09:00:00.000Z',
  ...fields,
});
let ids = 0;
const votes = (agentId: string, answers: readonly RatingEvent['answer'][]): RatingEvent[] =>
  answers.map((answer) => {
    ids += 1;
    return { eventId: `e${ids}`, caseNumber: 5000 + ids, agentId, answer, ratedAt: '2026-11-20T10:00:00.000Z' };
  });
const everyone = (report: ReturnType<typeof buildReport>) => [...report.agents, ...report.unranked];

describe('who a report credits', () => {
  it('credits the first answer to the agent who wrote it, though a supervisor holds the case now', () => {
    // Prepare: Maria answered in 36 s; Sam took the case over later and solved it
    const cases = [
      summary(1, {
        createdAt: '2026-11-10T09:00:00.000Z',
        firstResponseAt: '2026-11-10T09:00:36.000Z',
        firstResponseBy: MARIA?.agentId,
        assignee: SAM?.agentId,
        status: 'solved',
        solvedAt: '2026-11-11T09:00:00.000Z',
        solvedBy: SAM?.agentId,
      }),
    ];

    // Act
    const report = buildReport({ window: WINDOW, cases, ratings: [], team: SAMPLE_TEAM });

    // Assess
    const maria = everyone(report).find((a) => a.agentId === MARIA?.agentId);
    const sam = everyone(report).find((a) => a.agentId === SAM?.agentId);
    expect(maria).toMatchObject({ answered: 1, medianFirstResponseMs: 36_000, solved: 0 });
    expect(sam).toMatchObject({ answered: 0, solved: 1, medianResolutionMs: 24 * 3_600_000 });
  });

  it('records on the case who wrote the first answer and who solved it, and keeps the first responder', () => {
    // Prepare
    const base: SupportCase = {
      caseId: 'c',
      caseNumber: 1001,
      version: 1,
      subject: 'Order',
      requester: { address: 'ana@customer.test' },
      participants: ['ana@customer.test'],
      status: 'new',
      priority: 'normal',
      flags: [],
      createdAt: '2026-11-22T08:00:00Z',
      updatedAt: '2026-11-22T08:00:00Z',
      threadReferences: [],
      recent: [],
    };
    const reply = (supportCase: SupportCase, agent: typeof MARIA, text: string, at: string): AgentReplyInput => ({
      supportCase,
      agent: agent ?? SAMPLE_TEAM.agents[0]!,
      team: SAMPLE_TEAM,
      commands: parseAgentCommands(text),
      attachments: [],
      receivedAt: at,
      supportName: 'Example Support',
      replyAddresses: { forCustomer: (n, r) => `c-${n}-${r}`, forAgents: (n) => `a-${n}` },
      survey: { linksFor: () => ({ links: { great: 'g', okay: 'o', 'not-good': 'n' }, expiresAt: new Date(at) }) },
      timeZone: 'UTC',
    });

    // Act
    const answered = planAgentReply(reply(base, MARIA, 'It is on its way.', '2026-11-22T09:00:00Z')).supportCase;
    const solved = planAgentReply(reply(answered, TOM, '#solve\nDelivered today.', '2026-11-23T09:00:00Z')).supportCase;

    // Assess
    expect(answered).toMatchObject({ firstResponseBy: MARIA?.agentId, firstResponseAt: '2026-11-22T09:00:00Z' });
    expect(answered.solvedBy).toBeUndefined();
    expect(solved).toMatchObject({ firstResponseBy: MARIA?.agentId, solvedBy: TOM?.agentId, status: 'solved' });
  });
});

describe('who a report ranks', () => {
  it('does not rank "100% of 1" above "75% of 4": below the minimum an agent is listed apart', () => {
    // Prepare
    const ratings = [
      ...votes('A-101', ['great']),
      ...votes('A-102', ['great', 'great', 'great', 'not-good']),
      ...votes('S-001', ['great', 'great', 'great', 'okay', 'not-good']),
    ];

    // Act
    const byDefault = buildReport({ window: WINDOW, cases: [], ratings, team: SAMPLE_TEAM });
    const fromFour = buildReport({ window: WINDOW, cases: [], ratings, team: SAMPLE_TEAM, minRatingsToRank: 4 });

    // Assess
    expect(byDefault.minRatingsToRank).toBe(5);
    expect(byDefault.agents.map((a) => a.agentId)).toEqual(['S-001']);
    expect(byDefault.unranked.map((a) => [a.agentId, a.ratings.count])).toEqual([
      ['A-102', 4],
      ['A-101', 1],
    ]);
    expect(fromFour.agents.map((a) => [a.agentId, a.ratings.positiveShare])).toEqual([
      ['A-102', 0.75],
      ['S-001', 0.6],
    ]);
    expect(fromFour.unranked.map((a) => a.agentId)).toEqual(['A-101']);
  });
});

describe('the weekly trend, the backlog and the bugs', () => {
  it('counts each week from Monday: opened, median first response, breaches, positive share and recoveries', () => {
    // Prepare: November 2026 starts on a Sunday, so the first week is that of Monday October 26
    const cases = [
      summary(1, {
        createdAt: '2026-11-02T09:00:00Z',
        firstResponseAt: '2026-11-02T10:00:00Z',
        slaBreaches: ['resolution'],
      }),
      summary(2, { createdAt: '2026-11-03T09:00:00Z', firstResponseAt: '2026-11-03T09:20:00Z' }),
      summary(3, { createdAt: '2026-11-04T09:00:00Z', firstResponseAt: '2026-11-04T09:10:00Z' }),
      summary(4, { createdAt: '2026-10-20T09:00:00Z', recoveredAt: '2026-11-17T12:00:00Z' }),
    ];
    const ratings: RatingEvent[] = [
      { eventId: 'r1', caseNumber: 1, agentId: 'A-101', answer: 'great', ratedAt: '2026-11-18T10:00:00Z' },
      { eventId: 'r2', caseNumber: 2, agentId: 'A-101', answer: 'okay', ratedAt: '2026-11-18T11:00:00Z' },
    ];

    // Act
    const { weeks, overall } = buildReport({ window: WINDOW, cases, ratings, team: SAMPLE_TEAM });

    // Assess
    expect(weeks.map((w) => w.weekStart.slice(0, 10))).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(weeks[1]).toEqual({
      weekStart: '2026-11-02T00:00:00.000Z',
      opened: 3,
      medianFirstResponseMs: 20 * 60_000,
      breaches: 1,
      rated: 0,
      recoveries: 0,
    });
    expect(weeks[3]).toMatchObject({ opened: 0, rated: 2, positiveShare: 0.5, recoveries: 1 });
    expect(overall).toMatchObject({ opened: 3, missedTarget: 1, recoveries: 1 });
  });

  it('shows the open backlog by age and assignee, and the bugs still waiting on engineering', () => {
    // Prepare
    const openCases = [
      summary(1, { createdAt: '2026-11-30T20:00:00Z', assignee: 'A-101' }),
      summary(2, { createdAt: '2026-11-28T09:00:00Z', assignee: 'A-101', status: 'pending' }),
      summary(3, { createdAt: '2026-11-10T09:00:00Z', bugOpenedAt: '2026-11-12T09:00:00Z' }),
      summary(4, {
        createdAt: '2026-11-05T09:00:00Z',
        bugOpenedAt: '2026-11-06T09:00:00Z',
        bugFixedAt: '2026-11-20T09:00:00Z',
      }),
    ];

    // Act
    const report = buildReport({ window: WINDOW, cases: openCases, ratings: [], team: SAMPLE_TEAM, openCases });

    // Assess
    expect(report.backlog.total).toBe(4);
    expect(report.backlog.byAge.map((b) => b.count)).toEqual([1, 1, 0, 0, 2]);
    expect(report.backlog.byAssignee).toEqual([
      { agentId: 'A-101', name: 'Maria Lopez', count: 2 },
      { agentId: 'team', name: 'the team (unassigned)', count: 2 },
    ]);
    expect(report.bugsWaiting).toEqual([
      expect.objectContaining({ caseNumber: 3, waitingMs: 18 * 86_400_000 + 15 * 3_600_000 }),
    ]);
    expect(report.overall).toMatchObject({ bugsOpened: 2, bugsFixed: 1 });
  });
});
