import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SupportConfigError } from '../../infra/config.ts';
import { addSupportStack } from '../../infra/support-app.ts';
import { NO_BUNDLING, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const SUPERVISORS = [
  ...TEST_SUPPORT_CONTEXT.agents,
  { name: 'Ana Silva', email: 'ana@staff.example.org', agentId: 'S-2', role: 'supervisor' },
];
const BERLIN = { timeZone: 'Europe/Berlin', holidays: ['2026-12-24'] };
const days = (intervals: string[], ...weekdays: string[]) => Object.fromEntries(weekdays.map((d) => [d, intervals]));
const DAYS_AND_NIGHTS = [
  { agentId: 'S-1', weekly: days(['08:00-20:00'], 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun') },
  { agentId: 'S-2', weekly: days(['00:00-08:00', '20:00-24:00'], 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun') },
];

function synthesize(duty: unknown) {
  const support = { ...TEST_SUPPORT_CONTEXT, agents: SUPERVISORS, businessHours: BERLIN, duty };
  return addSupportStack(new App({ context: { ...NO_BUNDLING, support } }));
}

function refusal(duty: unknown): string {
  try {
    synthesize(duty);
  } catch (error) {
    if (error instanceof SupportConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the duty roster to be refused');
}

describe('the duty roster in the deployment configuration', () => {
  it('refuses a roster that leaves Saturday night and a Wednesday morning hour without a supervisor, naming those hours', () => {
    // Prepare
    const [days, nights] = DAYS_AND_NIGHTS;
    const gappy = [
      { ...days, weekly: { ...days?.weekly, wed: ['09:00-20:00'] } },
      { ...nights, weekly: { ...nights?.weekly, sat: ['00:00-08:00'] } },
    ];

    // Act
    const message = refusal({ shifts: gappy, fallback: 'S-1' });

    // Assess
    expect(message).toContain(
      'support.duty: the shifts leave these hours of the week (Europe/Berlin) without a supervisor on duty: wed 08:00-09:00, sat 20:00-24:00',
    );
  });

  it('refuses a roster that puts an agent, or somebody unknown, on duty', () => {
    // Act
    const message = refusal({
      shifts: [{ agentId: 'A-7', weekly: DAYS_AND_NIGHTS[0]?.weekly }, ...DAYS_AND_NIGHTS],
      fallback: 'S-9',
    });

    // Assess
    expect(message).toContain('support.duty: shifts.0: A-7 is not a supervisor of the team');
    expect(message).toContain('support.duty: fallback: S-9 is not a supervisor of the team');
  });

  it('gives the functions a covering roster on the business calendar’s clock and holidays', () => {
    // Act
    const template = Template.fromStack(synthesize({ shifts: DAYS_AND_NIGHTS, fallback: 'S-1' }));

    // Assess: every function that reads the team reads the same roster
    const teams = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties?.Environment?.Variables?.TEAM)
      .filter((team): team is string => typeof team === 'string')
      .map((team) => JSON.parse(team).duty);
    expect(teams.length).toBeGreaterThan(0);
    for (const duty of teams)
      expect(duty).toEqual({
        timeZone: 'Europe/Berlin',
        holidays: ['2026-12-24'],
        shifts: DAYS_AND_NIGHTS,
        fallback: 'S-1',
      });
  });
});
