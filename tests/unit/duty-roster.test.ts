import { describe, expect, it } from 'vitest';
import { nextOnDuty, supervisorOnDuty, type Team } from '../../functions/core/agents.ts';
import { uncoveredDutyHours } from '../../functions/core/duty-coverage.ts';
import { BERLIN_DUTY_TEAM } from '../support/duty-team.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const onDuty = (iso: string, team: Team = BERLIN_DUTY_TEAM) => supervisorOnDuty(team, new Date(iso)).agentId;

/** Every hand-over from `fromIso` until `untilIso`, as [instant, agent ID taking over]. */
function handOvers(fromIso: string, untilIso: string): [string, string][] {
  const changes: [string, string][] = [];
  let at = new Date(fromIso);
  for (let next = nextOnDuty(BERLIN_DUTY_TEAM, at); next !== undefined; next = nextOnDuty(BERLIN_DUTY_TEAM, at)) {
    if (next.from.toISOString() >= untilIso) break;
    changes.push([next.from.toISOString(), next.agent.agentId]);
    at = next.from;
  }
  return changes;
}

describe('the supervisor on duty', () => {
  it('hands over at the local shift ends across a week with a holiday and the end of summer time (Berlin, 2026-10-25)', () => {
    // Act: Monday 19 October 00:00 CEST to Monday 26 October 00:00 CET
    const changes = handOvers('2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z');

    // Assess: CEST (UTC+2) until Sunday 03:00, CET (UTC+1) after; Thursday 22 is Kim's holiday, midnight to midnight
    expect(changes).toEqual([
      ['2026-10-19T06:00:00.000Z', 'S-001'],
      ['2026-10-19T18:00:00.000Z', 'S-002'],
      ['2026-10-20T06:00:00.000Z', 'S-001'],
      ['2026-10-20T18:00:00.000Z', 'S-002'],
      ['2026-10-21T06:00:00.000Z', 'S-001'],
      ['2026-10-21T18:00:00.000Z', 'S-002'],
      ['2026-10-21T22:00:00.000Z', 'S-003'],
      ['2026-10-22T22:00:00.000Z', 'S-002'],
      ['2026-10-23T06:00:00.000Z', 'S-001'],
      ['2026-10-23T18:00:00.000Z', 'S-002'],
      ['2026-10-24T06:00:00.000Z', 'S-003'],
      ['2026-10-24T18:00:00.000Z', 'S-002'],
      ['2026-10-25T07:00:00.000Z', 'S-003'],
      ['2026-10-25T19:00:00.000Z', 'S-002'],
    ]);
  });

  it('keeps the night shift on through the repeated hour of the fall-back night, nine hours long', () => {
    // Assess: 02:30 CEST, 02:30 CET (the clock shows it twice), 07:59 CET, 08:00 CET
    expect(onDuty('2026-10-25T00:30:00.000Z')).toBe('S-002');
    expect(onDuty('2026-10-25T01:30:00.000Z')).toBe('S-002');
    expect(onDuty('2026-10-25T06:59:00.000Z')).toBe('S-002');
    expect(onDuty('2026-10-25T07:00:00.000Z')).toBe('S-003');
  });

  it('ends the night shift at 08:00 summer time after the spring-forward night (Berlin, 2027-03-28), seven hours long', () => {
    // Assess: a week earlier Kim starts at 08:00 CET (07:00 UTC); on the night of the change the
    // clock jumps from 01:59 CET to 03:00 CEST, and 08:00 CEST is 06:00 UTC
    expect(onDuty('2027-03-21T06:59:00.000Z')).toBe('S-002');
    expect(onDuty('2027-03-21T07:00:00.000Z')).toBe('S-003');
    expect(onDuty('2027-03-28T00:59:00.000Z')).toBe('S-002');
    expect(onDuty('2027-03-28T01:00:00.000Z')).toBe('S-002');
    expect(onDuty('2027-03-28T05:59:00.000Z')).toBe('S-002');
    expect(onDuty('2027-03-28T06:00:00.000Z')).toBe('S-003');
    expect(nextOnDuty(BERLIN_DUTY_TEAM, new Date('2027-03-27T23:00:00.000Z'))?.from.toISOString()).toBe(
      '2027-03-28T06:00:00.000Z',
    );
  });

  it('gives the holiday whole to the holiday supervisor, or to the fallback when none is named', () => {
    // Prepare
    const { onHolidays: _, ...withoutHolidaySupervisor } = BERLIN_DUTY_TEAM.duty ?? { fallback: '' };
    const team = { ...BERLIN_DUTY_TEAM, duty: { ...withoutHolidaySupervisor, fallback: 'S-002' } } as Team;

    // Assess: Thursday 22 October at 03:00 and 12:00 CEST
    expect(onDuty('2026-10-22T01:00:00.000Z')).toBe('S-003');
    expect(onDuty('2026-10-22T10:00:00.000Z')).toBe('S-003');
    expect(onDuty('2026-10-22T10:00:00.000Z', team)).toBe('S-002');
  });

  it('falls back when the rostered supervisor is no longer one, and to the first supervisor when the fallback is not either', () => {
    // Prepare: Ana made an agent; then Sam too
    const demote = (team: Team, agentId: string): Team => ({
      ...team,
      agents: team.agents.map((a) => (a.agentId === agentId ? { ...a, role: 'agent' } : a)),
    });
    const withoutAna = demote(BERLIN_DUTY_TEAM, 'S-002');
    const withoutAnaAndSam = demote(withoutAna, 'S-001');

    // Assess: Monday 19 October, 23:00 CEST is Ana's night
    expect(onDuty('2026-10-19T21:00:00.000Z', withoutAna)).toBe('S-001');
    expect(onDuty('2026-10-19T21:00:00.000Z', withoutAnaAndSam)).toBe('S-003');
  });

  it('without a roster is always the first supervisor, with nobody next', () => {
    // Assess
    expect(onDuty('2026-10-19T21:00:00.000Z', SAMPLE_TEAM)).toBe('S-001');
    expect(nextOnDuty(SAMPLE_TEAM, new Date('2026-10-19T21:00:00.000Z'))).toBeUndefined();
  });
});

describe('duty coverage', () => {
  it('finds a week whose every hour has a shift covered', () => {
    // Assess
    expect(uncoveredDutyHours(BERLIN_DUTY_TEAM.duty?.shifts ?? [])).toEqual([]);
  });

  it('names each stretch of the week no shift covers', () => {
    // Prepare: no Saturday night, and Wednesday's day shift starting late
    const shifts = [
      { weekly: { mon: ['00:00-24:00'], tue: ['00:00-24:00'], wed: ['00:00-08:00', '09:30-24:00'] } },
      { weekly: { thu: ['00:00-24:00'], fri: ['00:00-24:00'], sat: ['00:00-20:00'], sun: ['00:00-24:00'] } },
    ];

    // Act
    const gaps = uncoveredDutyHours(shifts);

    // Assess
    expect(gaps).toEqual(['wed 08:00-09:30', 'sat 20:00-24:00']);
  });
});
