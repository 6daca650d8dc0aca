import { describe, expect, it } from 'vitest';
import { planAgentReply } from '../../functions/core/agent-reply.ts';
import type { Team } from '../../functions/core/agents.ts';
import type { QueueTarget } from '../../functions/core/case-move.ts';
import { sampleCase, sampleReply } from '../support/sample-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const BILLING_TEAM: Team = {
  agents: [
    { name: 'Tom Becker', email: 'tom@staff.test', agentId: 'A-102', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.test', agentId: 'S-001', role: 'supervisor' },
  ],
  teamAddress: 'billing-team@staff.test',
  engineeringAddress: 'eng@staff.test',
};
const replyAddressesOn = (local: string) => ({
  forCustomer: (n: number, r: string) => `${local}+c-${n}-${r}`,
  forAgents: (n: number) => `${local}+a-${n}`,
});
const TARGETS: QueueTarget[] = [
  {
    id: 'support',
    address: 'support@example.test',
    displayName: 'Example Support',
    team: SAMPLE_TEAM,
    timeZone: 'Europe/Berlin',
    replyAddresses: replyAddressesOn('support'),
  },
  {
    id: 'billing',
    address: 'billing@example.test',
    displayName: 'Example Billing',
    team: BILLING_TEAM,
    timeZone: 'America/New_York',
    replyAddresses: replyAddressesOn('billing'),
  },
];
const held = sampleCase({
  assignee: 'A-101',
  recent: [
    { at: '2026-11-22T08:00:00Z', kind: 'customer', who: 'Ana <ana@customer.test>', snippet: 'I was charged twice' },
  ],
});
const move = (text: string, supportCase = held) =>
  planAgentReply(sampleReply(supportCase, text, { queueTargets: TARGETS }));

describe('#move <queue>', () => {
  it('puts the case in the queue, lets go of an assignee outside its team, and tells its team from its address', () => {
    // Act
    const plan = move('#move billing');

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.supportCase.queue).toBe('billing');
    expect(plan.supportCase.assignee).toBeUndefined();
    expect(plan.drafts.moved).toMatchObject({
      kind: 'agent-notice',
      template: 'case-moved',
      from: 'billing@example.test',
      fromName: 'Example Billing',
      to: [{ address: 'billing-team@staff.test' }],
      replyTo: 'billing+a-1001',
      customerFacing: false,
      data: {
        fromQueue: 'Example Support (support)',
        toQueue: 'Example Billing (billing)',
        byId: 'A-101',
        words: 'I was charged twice',
        assignedTo: 'nobody yet: reply with #take to take it',
      },
    });
    expect(plan.supportCase.recent[1]).toMatchObject({
      kind: 'agent-notice',
      who: 'Maria Lopez (A-101)',
      snippet: 'moved the case from queue support to queue billing; A-101 is not in its team and no longer holds it',
    });
    // The new team reads the history on its own clock: 08:00 UTC is 03:00 in New York.
    expect(plan.drafts.moved?.data.history).toContainEqual(
      expect.objectContaining({ at: 'Sun 22 Nov, 03:00 GMT-5', snippet: 'I was charged twice' }),
    );
    // Nothing goes to the customer, and the old team's holder is not told of a handover to nobody.
    expect(Object.keys(plan.drafts)).toEqual(['moved']);
  });

  it('keeps an assignee who is in the new queue’s team too', () => {
    // Act
    const plan = move('#move billing', { ...held, assignee: 'A-102' });

    // Assess
    expect(plan.supportCase).toMatchObject({ queue: 'billing', assignee: 'A-102' });
    expect(plan.drafts.moved?.data.assignedTo).toBe('Tom Becker (A-102)');
  });

  it('back to the default queue leaves the case without a queue, as cases from before queues are', () => {
    // Act
    const plan = move('#move support', { ...held, queue: 'billing', assignee: 'A-102' });

    // Assess
    expect(plan.supportCase.queue).toBeUndefined();
    expect('queue' in plan.supportCase).toBe(false);
    expect(plan.drafts.moved?.to).toEqual([{ address: 'team@staff.test' }]);
  });

  it('to a queue nobody configured changes nothing and answers with the queues there are', () => {
    // Act
    const plan = move('#move biling\n\nHi Ana, billing will write.');

    // Assess
    expect(plan.supportCase).toBe(held);
    expect(plan.problems).toEqual([
      '#move biling: there is no queue of that name. Did you mean #move billing? Queues: support (Example Support, support@example.test), billing (Example Billing, billing@example.test).',
    ]);
    expect(Object.keys(plan.drafts)).toEqual(['explanation']);
    expect(plan.drafts.explanation?.template).toBe('command-problem');
  });

  it("to the case's own queue, or without a queue, is explained and changes nothing", () => {
    // Act
    const same = move('#move support');
    const bare = move('#move');

    // Assess
    expect(same.problems).toEqual(['#move support: case #1001 is in that queue already.']);
    expect(bare.problems).toEqual(['#move needs the name of a queue, e.g. "#move billing"; "" is not one.']);
  });
});
