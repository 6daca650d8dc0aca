import { describe, expect, it } from 'vitest';
import type { Team } from '../../functions/core/agents.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import {
  agentForCase,
  queueForMail,
  queueOfRoute,
  tokenInQueueRecipient,
  type QueueTeams,
} from '../../functions/core/queue-routing.ts';
import type { SupportQueue } from '../../functions/core/queues.ts';
import type { Route } from '../../functions/core/route-mail.ts';
import { sampleCase } from '../support/sample-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const BRAND_TEAM: Team = {
  agents: [
    { name: 'Lena Fischer', email: 'lena@brand2.staff', agentId: 'B-201', role: 'agent' },
    { name: 'Omar Haddad', email: 'omar@brand2.staff', agentId: 'B-900', role: 'supervisor' },
  ],
  teamAddress: 'team@brand2.staff',
  engineeringAddress: 'eng@brand2.staff',
};
const queue = (id: string, address: string, team: Team): SupportQueue => ({
  id,
  address,
  displayName: id,
  team,
  businessHours: DEFAULT_BUSINESS_HOURS,
  slaPolicy: DEFAULT_SLA_POLICY,
  language: 'en',
});
const QUEUES = [
  queue('support', 'support@example.test', SAMPLE_TEAM),
  queue('billing', 'billing@example.test', SAMPLE_TEAM),
  queue('help', 'help@brand2.test', BRAND_TEAM),
];
const TEAMS: QueueTeams = new Map(QUEUES.map((q) => [q.id, q.team]));
const to = (...addresses: string[]) => addresses.map((address) => ({ address }));

describe('which queue a new mail opens its case in', () => {
  it('is the queue whose address SES delivered it for, though its headers name another', () => {
    // Act
    const id = queueForMail({ recipients: ['help@brand2.test'], to: to('support@example.test'), cc: [] }, QUEUES);

    // Assess
    expect(id).toBe('help');
  });

  it('is the queue its To names first when SES delivered it for several, whatever their order', () => {
    // Act
    const id = queueForMail(
      {
        recipients: ['support@example.test', 'billing@example.test'],
        to: to('billing@example.test'),
        cc: to('support@example.test'),
      },
      QUEUES,
    );

    // Assess
    expect(id).toBe('billing');
  });

  it('is read from To and Cc when no envelope recipient is a queue, and a plus-address counts as its queue', () => {
    // Act
    const byHeader = queueForMail(
      { recipients: ['sales@example.test'], to: to('someone@else.test'), cc: to('Help+Urgent@Brand2.test') },
      QUEUES,
    );

    // Assess
    expect(byHeader).toBe('help');
  });

  it('is the default queue for any other address of a receiving domain', () => {
    // Act
    const id = queueForMail({ recipients: ['sales@example.test'], to: to('sales@example.test'), cc: [] }, QUEUES);

    // Assess
    expect(id).toBe('support');
  });
});

describe('reply tokens on every queue address', () => {
  it('are found on any queue address, and on no other address', () => {
    // Act / Assess
    expect(tokenInQueueRecipient('help+1001-c1a-abc@brand2.test', QUEUES)).toBe('1001-c1a-abc');
    expect(tokenInQueueRecipient('support+1002-a1a-def@example.test', QUEUES)).toBe('1002-a1a-def');
    expect(tokenInQueueRecipient('sales+1003-c1a-abc@example.test', QUEUES)).toBeUndefined();
  });
});

describe("who may act on a queue's case", () => {
  it("is an agent of that queue, or a supervisor of any queue, never another queue's agent", () => {
    // Act / Assess
    expect(agentForCase(TEAMS, 'help', 'lena@brand2.staff')?.agentId).toBe('B-201');
    expect(agentForCase(TEAMS, 'help', 'sam@staff.test')?.agentId).toBe('S-001');
    expect(agentForCase(TEAMS, 'help', 'maria@staff.test')).toBeUndefined();
    expect(agentForCase(TEAMS, 'support', 'lena@brand2.staff')).toBeUndefined();
  });

  it("holds a reply from another queue's agent, and works a customer's reply in the case's queue", () => {
    // Prepare
    const helpCase = sampleCase({ queue: 'help' });
    const maria = SAMPLE_TEAM.agents[0];
    if (maria === undefined) throw new Error('the sample team has agents');
    const agentReply: Route = { kind: 'agent-reply', supportCase: helpCase, agent: maria };
    const customerReply: Route = { kind: 'customer-reply', supportCase: helpCase, via: 'token' };
    const mail = { recipients: ['support+x@example.test'], to: [], cc: [], sender: 'maria@staff.test' };

    // Act
    const held = queueOfRoute(agentReply, mail, QUEUES, TEAMS);
    const joined = queueOfRoute(customerReply, { ...mail, sender: 'ana@customer.test' }, QUEUES, TEAMS);

    // Assess
    expect(held).toEqual({
      route: { kind: 'hold', reason: 'A-101 is no agent of queue help, which case #1001 is in' },
      queueId: 'help',
    });
    expect(joined).toEqual({ route: customerReply, queueId: 'help' });
  });
});
