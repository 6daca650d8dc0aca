import { describe, expect, it } from 'vitest';
import { readQueues } from '../../functions/config/queue-settings.ts';
import type { Team } from '../../functions/core/agents.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import { sentFrom, settingsForQueue } from '../../functions/core/queue-selection.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import type { SupportQueue } from '../../functions/core/queues.ts';
import type { PipelineSettings } from '../../functions/core/settings.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const BRAND_TEAM: Team = { ...SAMPLE_TEAM, teamAddress: 'team@brand2.staff' };
const HELP: SupportQueue = {
  id: 'help',
  address: 'help@brand2.test',
  displayName: 'Brand Two Help',
  team: BRAND_TEAM,
  businessHours: { ...DEFAULT_BUSINESS_HOURS, timeZone: 'America/New_York' },
  slaPolicy: { ...DEFAULT_SLA_POLICY, warnAt: 0.5 },
  language: 'de',
};
const DEFAULT: SupportQueue = {
  id: 'support',
  address: 'support@example.test',
  displayName: 'Example Support',
  team: SAMPLE_TEAM,
  businessHours: DEFAULT_BUSINESS_HOURS,
  slaPolicy: DEFAULT_SLA_POLICY,
  language: 'en',
};
const SETTINGS: PipelineSettings & { readonly domain: string } = {
  supportAddress: DEFAULT.address,
  supportName: DEFAULT.displayName,
  team: SAMPLE_TEAM,
  replyTokenSecret: 'secret',
  businessHours: DEFAULT.businessHours,
  slaPolicy: DEFAULT.slaPolicy,
  lifecycle: DEFAULT_LIFECYCLE_POLICY,
  surveyUrl: 'https://survey.example.test/',
  queues: [DEFAULT, HELP],
  queueId: 'support',
  domain: 'example.test',
};

describe('the settings of a queue', () => {
  it('are its address, name, team, calendar, targets and receiving domain in the fields planners read', () => {
    // Act
    const help = settingsForQueue(SETTINGS, 'help');

    // Assess
    expect(help).toMatchObject({
      queueId: 'help',
      supportAddress: 'help@brand2.test',
      supportName: 'Brand Two Help',
      team: BRAND_TEAM,
      businessHours: HELP.businessHours,
      slaPolicy: HELP.slaPolicy,
      domain: 'brand2.test',
      language: 'de',
      // What is the deployment's stays.
      replyTokenSecret: 'secret',
      lifecycle: DEFAULT_LIFECYCLE_POLICY,
    });
  });

  it('carry the team as it stands when one is given', () => {
    // Prepare
    const changed: Team = { ...BRAND_TEAM, teamAddress: 'new-team@brand2.staff' };

    // Act / Assess
    expect(settingsForQueue(SETTINGS, 'help', changed).team).toBe(changed);
  });

  it('are the default queue for a case without a queue, or with one nobody configures any more', () => {
    // Act / Assess
    for (const id of [undefined, 'gone']) {
      expect(settingsForQueue(settingsForQueue(SETTINGS, 'help'), id)).toMatchObject({
        queueId: 'support',
        supportAddress: 'support@example.test',
        domain: 'example.test',
      });
    }
  });
});

describe('the address a draft is sent from', () => {
  it("is its queue's, unless its planner chose one", () => {
    // Prepare
    const draft = (template: 'acknowledgement' | 'case-moved'): OutboundDraft => ({
      kind: 'acknowledgement',
      caseNumber: 1001,
      fromName: 'Example Support',
      to: [{ address: 'ana@customer.test' }],
      cc: [],
      template,
      data: {},
      references: [],
      automatic: true,
      customerFacing: true,
      attachments: [],
    });
    const drafts = { ack: draft('acknowledgement'), moved: { ...draft('case-moved'), from: 'help@brand2.test' } };

    // Act
    const stamped = sentFrom(drafts, 'support@example.test');

    // Assess
    expect(stamped.ack).toEqual({ ...drafts.ack, from: 'support@example.test' });
    expect(stamped.moved?.from).toBe('help@brand2.test');
  });
});

describe('QUEUES', () => {
  it('is read as the queues beyond the default one, ids and addresses in lower case; absent, there are none', () => {
    // Act
    const read = readQueues({ QUEUES: JSON.stringify([{ ...HELP, id: 'Help', address: 'Help@Brand2.test' }]) });

    // Assess
    expect(read).toEqual([HELP]);
    expect(readQueues({})).toEqual([]);
  });

  it('names itself when it is not valid', () => {
    // Act / Assess
    expect(() => readQueues({ QUEUES: JSON.stringify([{ id: 'help' }]) })).toThrow(/QUEUES is not valid/);
  });
});
