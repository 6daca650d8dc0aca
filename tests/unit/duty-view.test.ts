import { describe, expect, it } from 'vitest';
import { describeDuty, rosterNote } from '../../infra/cli/duty-view.ts';
import { BERLIN_DUTY_TEAM } from '../support/duty-team.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

describe('support agents list: who is on duty', () => {
  it('names the supervisor on duty now and who takes over next, on the roster’s clock', () => {
    // Act: Wednesday 21 October 2026, 15:00 CEST, the eve of a holiday
    const text = describeDuty(BERLIN_DUTY_TEAM, new Date('2026-10-21T13:00:00.000Z'));

    // Assess
    expect(text.split('\n')).toEqual([
      'On duty now: S-001 Sam Okafor <sam@staff.test>.',
      'Next: S-002 Ana Silva <ana@staff.test> from Wed 21 Oct, 20:00 CEST.',
      'Fallback: S-001 Sam Okafor <sam@staff.test>; holidays: S-003. Shifts are read in Europe/Berlin.',
    ]);
  });

  it('says when today is a holiday, and who has it', () => {
    // Act: Thursday 22 October 2026, 12:00 CEST
    const text = describeDuty(BERLIN_DUTY_TEAM, new Date('2026-10-22T10:00:00.000Z'));

    // Assess
    expect(text).toMatch(
      /^On duty now \(a holiday\): S-003 Kim Park <kim@staff.test>\.\nNext: S-002 Ana Silva <ana@staff.test> from Fri 23 Oct, 00:00 CEST\./,
    );
  });

  it('without a roster, says the first supervisor always is', () => {
    // Assess
    expect(describeDuty(SAMPLE_TEAM, new Date('2026-10-22T10:00:00.000Z'))).toBe(
      'On duty: S-001 Sam Okafor <sam@staff.test>, always (no duty roster is configured: the first supervisor takes every escalation).',
    );
  });
});

describe('support agents remove|set-role: what a change means for the roster', () => {
  it('says who stands in for a rostered supervisor who is no longer one', () => {
    // Prepare: Ana (nights) made an agent
    const team = {
      ...BERLIN_DUTY_TEAM,
      agents: BERLIN_DUTY_TEAM.agents.map((a) => (a.agentId === 'S-002' ? { ...a, role: 'agent' as const } : a)),
    };

    // Assess
    expect(rosterNote(team, 'S-002')).toBe(
      'S-002 is on the duty roster (shifts): S-001 Sam Okafor stands in until the roster is changed (support.duty in cdk.json, then delete the stored team to take it).',
    );
    expect(rosterNote(BERLIN_DUTY_TEAM, 'S-002')).toBe('');
    expect(rosterNote(team, 'A-101')).toBe('');
  });
});
