import type { Team } from '../../functions/core/agents.ts';

const ALL_DAY = ['00:00-24:00'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/**
 * A team of three supervisors in Berlin: Sam has weekdays 08:00-20:00, Ana every night
 * (20:00-08:00), Kim weekend days 08:00-20:00 and the holidays; Sam is the fallback.
 * 2026-10-22 (a Thursday) is a holiday.
 */
export const BERLIN_DUTY_TEAM: Team = {
  agents: [
    { name: 'Maria Lopez', email: 'maria@staff.test', agentId: 'A-101', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.test', agentId: 'S-001', role: 'supervisor' },
    { name: 'Ana Silva', email: 'ana@staff.test', agentId: 'S-002', role: 'supervisor' },
    { name: 'Kim Park', email: 'kim@staff.test', agentId: 'S-003', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.test',
  engineeringAddress: 'eng@staff.test',
  duty: {
    timeZone: 'Europe/Berlin',
    holidays: ['2026-10-22'],
    shifts: [
      { agentId: 'S-001', weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, ['08:00-20:00']])) },
      {
        agentId: 'S-002',
        weekly: Object.fromEntries([...WEEKDAYS, 'sat', 'sun'].map((day) => [day, ['00:00-08:00', '20:00-24:00']])),
      },
      { agentId: 'S-003', weekly: { sat: ['08:00-20:00'], sun: ['08:00-20:00'] } },
    ],
    onHolidays: 'S-003',
    fallback: 'S-001',
  },
};

/** The same roster's shifts as cdk.json's `support.duty` (no time zone: it is the business calendar's). */
export const BERLIN_DUTY_CONFIG = {
  shifts: BERLIN_DUTY_TEAM.duty?.shifts ?? [],
  onHolidays: 'S-003',
  fallback: 'S-001',
};

export { ALL_DAY };
