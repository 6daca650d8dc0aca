import { describe, expect, it } from 'vitest';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { buildReport, median, rankAgents } from '../../functions/core/report-figures.ts';
import { formatDuration } from '../../infra/cli/format.ts';
import { escapeHtml, renderReportHtml } from '../../infra/cli/report-html.ts';
import { renderReportText } from '../../infra/cli/report-text.ts';
import { parseMonth, parseSince, parseWindow, WindowError } from '../../infra/cli/report-window.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const NOW = new Date('2026-12-02T12:00:00.000Z');
const TEAM = SAMPLE_TEAM;

let ids = 0;
const rating = (caseNumber: number, agentId: string, answer: RatingEvent['answer'], comment?: string): RatingEvent => ({
  eventId: `e${String(++ids).padStart(3, '0')}`,
  caseNumber,
  agentId,
  answer,
  ratedAt: `2026-12-01T${String(8 + (ids % 10)).padStart(2, '0')}:00:00.000Z`,
  ...(comment === undefined ? {} : { comment }),
});
const supportCase = (caseNumber: number, fields: Partial<SupportCase>): SupportCase => ({
  caseId: `c${caseNumber}`,
  caseNumber,
  version: 3,
  subject: 'Order',
  participants: [],
  status: 'open',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  threadReferences: [],
  recent: [],
  ...fields,
});

describe('the report window (--since)', () => {
  it('reads days, weeks and hours back from now', () => {
    expect(parseSince('30d', NOW)).toEqual({
      from: new Date('2026-11-02T12:00:00.000Z'),
      to: NOW,
      label: 'last 30 days',
    });
    expect(parseSince('2w', NOW).from).toEqual(new Date('2026-11-18T12:00:00.000Z'));
    expect(parseSince('1d', NOW).label).toBe('last 1 day');
    expect(parseSince('12h', NOW).from).toEqual(new Date('2026-12-02T00:00:00.000Z'));
  });

  it('reads a date as its midnight in UTC, and an ISO time with its zone', () => {
    expect(parseSince('2026-11-01', NOW)).toMatchObject({
      from: new Date('2026-11-01T00:00:00.000Z'),
      label: 'since 2026-11-01',
    });
    expect(parseSince('2026-11-01T10:00:00+02:00', NOW).from).toEqual(new Date('2026-11-01T08:00:00.000Z'));
  });

  it('refuses what it cannot read, an empty window, the future, a time without a zone and typos that reach back a decade', () => {
    for (const bad of ['30', 'thirty days', '0d', '2026-12-24', '2026-11-01T10:00:00', '2026-13-01', '9999d']) {
      expect(() => parseSince(bad, NOW), bad).toThrow(WindowError);
    }
    expect(() => parseSince('30x', NOW)).toThrow(
      /--since takes a number of hours, days or weeks \(12h, 30d, 2w\) or a date/,
    );
  });
});

describe('the report figures', () => {
  it('ranks agents by share of positive ratings, then by how many, never by volume; agents nobody rated come last', () => {
    // Prepare: Tom has the most ratings but the lowest share; Maria and Sam are both at 100%, Maria with more
    const events = [
      rating(1, 'A-102', 'great'),
      rating(2, 'A-102', 'great'),
      rating(3, 'A-102', 'okay'),
      rating(4, 'A-102', 'not-good'),
      rating(5, 'A-102', 'great'),
      rating(6, 'A-101', 'great'),
      rating(7, 'A-101', 'great'),
      rating(8, 'S-001', 'great'),
    ];
    const cases = [supportCase(9, { assignee: 'X-9', firstResponseAt: '2026-12-01T10:00:00.000Z' })];

    // Act
    const report = buildReport({
      window: parseSince('7d', NOW),
      cases,
      ratings: events,
      team: TEAM,
      minRatingsToRank: 1,
    });

    // Assess
    expect(report.agents.map((a) => a.agentId)).toEqual(['A-101', 'S-001', 'A-102']);
    expect(report.unranked.map((a) => a.agentId)).toEqual(['X-9']);
    expect(report.agents[2]?.ratings).toMatchObject({
      count: 5,
      positive: 3,
      neutral: 1,
      negative: 1,
      positiveShare: 0.6,
    });
    expect(report.overall.ratings).toMatchObject({ count: 8, positive: 6 });
  });

  it('counts answers and solves in the window, for the assignee when nobody recorded who wrote or solved, with median wall-clock times from the first mail', () => {
    // Prepare
    const cases = [
      supportCase(1, {
        assignee: 'A-101',
        createdAt: '2026-11-30T09:00:00.000Z',
        firstResponseAt: '2026-11-30T09:20:00.000Z',
        status: 'solved',
        solvedAt: '2026-11-30T12:00:00.000Z',
      }),
      supportCase(2, {
        assignee: 'A-101',
        createdAt: '2026-11-30T10:00:00.000Z',
        firstResponseAt: '2026-11-30T11:00:00.000Z',
        status: 'solved',
        solvedAt: '2026-12-01T10:00:00.000Z',
      }),
      supportCase(3, {
        assignee: 'A-101',
        createdAt: '2026-11-30T10:00:00.000Z',
        firstResponseAt: '2026-11-30T10:30:00.000Z',
        slaBreaches: ['resolution'],
      }),
      // Answered before the window: neither its answer nor its opening counts.
      supportCase(4, {
        assignee: 'A-102',
        createdAt: '2026-11-01T10:00:00.000Z',
        firstResponseAt: '2026-11-01T11:00:00.000Z',
      }),
      // Nobody assigned: the team answered it.
      supportCase(5, { createdAt: '2026-12-01T10:00:00.000Z', firstResponseAt: '2026-12-01T10:10:00.000Z' }),
    ];

    // Act
    const report = buildReport({ window: parseSince('7d', NOW), cases, ratings: [], team: TEAM });

    // Assess
    const everyone = [...report.agents, ...report.unranked];
    const maria = everyone.find((a) => a.agentId === 'A-101');
    expect(maria).toMatchObject({
      answered: 3,
      medianFirstResponseMs: 30 * 60_000,
      solved: 2,
      medianResolutionMs: ((3 * 60 + 24 * 60) * 60_000) / 2,
    });
    expect(everyone.find((a) => a.agentId === 'team')).toMatchObject({
      name: 'the team (unassigned)',
      answered: 1,
      solved: 0,
    });
    expect(everyone.find((a) => a.agentId === 'A-102')).toMatchObject({ answered: 0, solved: 0 });
    expect(report.overall).toMatchObject({ opened: 4, answered: 4, solved: 2, missedTarget: 1 });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('orders names alphabetically when nothing else tells agents apart', () => {
    const none = { count: 0, positive: 0, neutral: 0, negative: 0, positiveShare: 0, comments: [] };
    expect(
      rankAgents([
        { name: 'Tom', ratings: none },
        { name: 'Ana', ratings: none },
      ]).map((a) => a.name),
    ).toEqual(['Ana', 'Tom']);
  });

  it('writes durations at a glance', () => {
    expect([30_000, 25 * 60_000, 3 * 3_600_000, 190 * 60_000, 52 * 3_600_000].map(formatDuration)).toEqual([
      '30 s',
      '25 min',
      '3 h',
      '3 h 10 min',
      '2 d 4 h',
    ]);
  });
});

describe('the report page', () => {
  const hostile = {
    ...TEAM,
    agents: [
      { name: '<script>alert("x")</script> Eve', email: 'eve@staff.test', agentId: 'A-666', role: 'agent' as const },
      ...TEAM.agents,
    ],
  };
  const events = [
    rating(1, 'A-666', 'great', '</blockquote><img src=x onerror=alert(1)> & "quotes"'),
    rating(2, 'A-101', 'okay'),
  ];
  const report = buildReport({
    window: parseSince('7d', NOW),
    cases: [],
    ratings: events,
    team: hostile,
    minRatingsToRank: 1,
  });

  it("escapes every value: names and comments are other people's words", () => {
    const html = renderReportHtml(report, 'the local stack in /tmp/<x>');

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Eve');
    expect(html).toContain('&lt;/blockquote&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('/tmp/&lt;x&gt;');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one self-contained page: inline style and SVG charts, no script, nothing fetched', () => {
    const html = renderReportHtml(report, 'here');

    // Four agent charts, five weekly trends, the backlog by age and by assignee.
    expect(html.match(/<svg /g)).toHaveLength(11);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(html).toContain('<h2>Share of positive ratings</h2>');
  });

  it('prints the same figures in the terminal, with how it counts', () => {
    const text = renderReportText(report, 'the local stack');

    expect(text).toMatch(
      /^Support report for the local stack: last 7 days \(2026-11-25 12:00 UTC to 2026-12-02 12:00 UTC\)/,
    );
    expect(text).toMatch(/<script>alert\("x"\)<\/script> Eve \(A-666\)\s+100%\s+1\s+1\s+0\s+0/);
    expect(text).toMatch(/All agents\s+50%\s+2\s+1\s+1\s+0/);
    expect(text).toContain('never by volume');
  });
});

describe('the report window (--until and --month)', () => {
  it('ends at --until: a date at its midnight UTC, so the date itself is left out', () => {
    expect(parseWindow({ since: '2026-11-01', until: '2026-11-15' }, NOW, '30d')).toEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: new Date('2026-11-15T00:00:00.000Z'),
      label: '2026-11-01 to 2026-11-15',
    });
  });

  it('reaches a span back from --until, and stops at now when --until is still to come', () => {
    expect(parseWindow({ since: '7d', until: '2026-11-15' }, NOW, '30d')).toMatchObject({
      from: new Date('2026-11-08T00:00:00.000Z'),
      to: new Date('2026-11-15T00:00:00.000Z'),
    });
    expect(parseWindow({ since: '2026-11-20', until: '2027-01-01' }, NOW, '30d').to).toEqual(NOW);
  });

  it('takes a whole calendar month with --month, and the month so far when it is this one', () => {
    expect(parseMonth('2026-11', NOW)).toEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: new Date('2026-12-01T00:00:00.000Z'),
      label: '2026-11',
    });
    expect(parseMonth('2026-12', NOW).to).toEqual(NOW);
    expect(parseWindow({ month: '2026-02' }, NOW, '30d').to).toEqual(new Date('2026-03-01T00:00:00.000Z'));
  });

  it('refuses a month it cannot read or that has not begun, --month with --since, and an end before the start', () => {
    for (const bad of ['2026-13', '2026-1', 'November', '2027-01'])
      expect(() => parseMonth(bad, NOW), bad).toThrow(WindowError);
    expect(() => parseWindow({ month: '2026-11', since: '7d' }, NOW, '30d')).toThrow(
      /--month is a whole window of its own/,
    );
    expect(() => parseWindow({ since: '2026-11-20', until: '2026-11-10' }, NOW, '30d')).toThrow(
      /is not before --until/,
    );
    expect(() => parseWindow({ until: 'yesterday' }, NOW, '30d')).toThrow(/--until takes a date/);
  });
});
