import { describe, expect, it } from 'vitest';
import { summariseRatings, type RatingEvent } from '../../functions/core/ratings.ts';

let ids = 0;
const rating = (
  caseNumber: number,
  agentId: string,
  answer: RatingEvent['answer'],
  ratedAt: string,
  comment?: string,
): RatingEvent => ({
  eventId: `e${String(++ids).padStart(3, '0')}`,
  caseNumber,
  agentId,
  answer,
  ratedAt,
  ...(comment === undefined ? {} : { comment }),
});

describe('summing up survey ratings', () => {
  it('counts each case once, by its latest rating, for the agent named in it', () => {
    // Prepare: case 1001 changed its mind from "not good" to "great"
    const events = [
      rating(1001, 'A-101', 'not-good', '2026-12-02T09:00:00.000Z', 'Slow.'),
      rating(1002, 'A-101', 'okay', '2026-12-02T10:00:00.000Z'),
      rating(1001, 'A-101', 'great', '2026-12-03T09:00:00.000Z'),
    ];

    // Act
    const summary = summariseRatings(events);

    // Assess
    expect(summary.overall).toEqual({
      count: 2,
      positive: 1,
      neutral: 1,
      negative: 0,
      positiveShare: 0.5,
      comments: [],
    });
    expect(summary.agents).toEqual([{ agentId: 'A-101', ...summary.overall }]);
  });

  it('takes the later rating whatever order the events arrive in', () => {
    // Prepare
    const later = rating(1001, 'A-101', 'okay', '2026-12-05T09:00:00.000Z');
    const earlier = rating(1001, 'A-101', 'great', '2026-12-04T09:00:00.000Z');

    // Act
    const summary = summariseRatings([later, earlier]);

    // Assess
    expect(summary.overall).toMatchObject({ count: 1, positive: 0, neutral: 1 });
  });

  it('ranks agents by their share of positive ratings, then by count, not by volume alone', () => {
    // Prepare: Maria has most ratings but the lowest share; Tom and Sam share 100%, Tom with more
    const events = [
      ...[1, 2, 3, 4].map((n) => rating(2000 + n, 'A-101', n === 1 ? 'great' : 'okay', `2026-12-0${n}T09:00:00.000Z`)),
      rating(3001, 'A-102', 'great', '2026-12-01T09:00:00.000Z'),
      rating(3002, 'A-102', 'great', '2026-12-02T09:00:00.000Z'),
      rating(4001, 'S-001', 'great', '2026-12-01T09:00:00.000Z'),
    ];

    // Act
    const { agents, overall } = summariseRatings(events);

    // Assess
    expect(agents.map((a) => [a.agentId, a.count, a.positiveShare])).toEqual([
      ['A-102', 2, 1],
      ['S-001', 1, 1],
      ['A-101', 4, 0.25],
    ]);
    expect(overall).toMatchObject({ count: 7, positive: 4, neutral: 3, negative: 0, positiveShare: 4 / 7 });
  });

  it('keeps the comments of the ratings that count, newest first, with their case, answer and date', () => {
    // Prepare: 1003's comment was replaced by a change without one
    const events = [
      rating(1001, 'A-101', 'not-good', '2026-12-02T09:00:00.000Z', 'Nobody answered for a week.'),
      rating(1002, 'A-102', 'great', '2026-12-04T09:00:00.000Z', 'Quick and kind, thank you!'),
      rating(1003, 'A-101', 'okay', '2026-12-01T09:00:00.000Z', 'Meh.'),
      rating(1003, 'A-101', 'great', '2026-12-05T09:00:00.000Z'),
    ];

    // Act
    const summary = summariseRatings(events);

    // Assess
    expect(summary.overall.comments).toEqual([
      { caseNumber: 1002, answer: 'great', comment: 'Quick and kind, thank you!', ratedAt: '2026-12-04T09:00:00.000Z' },
      {
        caseNumber: 1001,
        answer: 'not-good',
        comment: 'Nobody answered for a week.',
        ratedAt: '2026-12-02T09:00:00.000Z',
      },
    ]);
    expect(summary.agents.find((a) => a.agentId === 'A-101')?.comments.map((c) => c.caseNumber)).toEqual([1001]);
  });

  it('credits a case re-solved by someone else to whoever its latest rating names', () => {
    // Prepare
    const events = [
      rating(1001, 'A-101', 'not-good', '2026-12-02T09:00:00.000Z'),
      rating(1001, 'A-102', 'great', '2026-12-09T09:00:00.000Z'),
    ];

    // Act
    const { agents } = summariseRatings(events);

    // Assess
    expect(agents.map((a) => [a.agentId, a.count])).toEqual([['A-102', 1]]);
  });

  it('sums up nothing as zero ratings and no agents', () => {
    expect(summariseRatings([])).toEqual({
      overall: { count: 0, positive: 0, neutral: 0, negative: 0, positiveShare: 0, comments: [] },
      agents: [],
    });
  });
});
