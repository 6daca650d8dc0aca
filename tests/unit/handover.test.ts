import { describe, expect, it } from 'vitest';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { draftAgentNotification } from '../../functions/core/agent-notification.ts';
import { handoverOf, latestCustomerWords } from '../../functions/core/handover.ts';
import { historyLines } from '../../functions/core/history-lines.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { sampleCase, sampleReply } from '../support/sample-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const [maria, tom, sam] = SAMPLE_TEAM.agents as [
  (typeof SAMPLE_TEAM.agents)[0],
  (typeof SAMPLE_TEAM.agents)[0],
  (typeof SAMPLE_TEAM.agents)[0],
];
const base = sampleCase({
  recent: [
    { at: '2026-11-22T08:00:00Z', kind: 'customer', who: 'Ana <ana@customer.test>', snippet: 'Order 4711 never…' },
    { at: '2026-11-22T08:30:00Z', kind: 'note', who: 'Maria Lopez (A-101)', snippet: 'She called.' },
  ],
});
const transcript = {
  entries: [
    {
      at: '2026-11-22T08:00:00Z',
      who: 'Ana',
      fromUs: false,
      words: 'Order 4711 never arrived. Where is it?',
      attachments: '',
    },
  ],
  omitted: 0,
};
const reply = (text: string, holder: string | undefined, agent = maria): AgentReplyInput =>
  sampleReply(holder === undefined ? base : { ...base, assignee: holder }, text, { agent, transcript });

describe('who hears of a change of holder', () => {
  const held = (assignee?: string): SupportCase => (assignee === undefined ? base : { ...base, assignee });

  it('tells the new holder and the previous one when a third agent moves the case', () => {
    expect(handoverOf(held('A-102'), held('S-001'), maria, false)).toEqual({
      newAssignee: 'S-001',
      previousAssignee: 'A-102',
    });
  });

  it('tells only the new holder when the agent gives away their own case or an unassigned one', () => {
    expect(handoverOf(held('A-101'), held('A-102'), maria, false)).toEqual({ newAssignee: 'A-102' });
    expect(handoverOf(held(), held('A-102'), maria, false)).toEqual({ newAssignee: 'A-102' });
  });

  it('sends nothing when an agent takes their own case or one nobody held', () => {
    expect(handoverOf(held('A-101'), held('A-101'), maria, false)).toEqual({});
    expect(handoverOf(held(), held('A-101'), maria, false)).toEqual({});
  });

  it('gives the taker the case and tells the colleague it was taken from', () => {
    expect(handoverOf(held('A-102'), held('A-101'), maria, false)).toEqual({
      newAssignee: 'A-101',
      previousAssignee: 'A-102',
    });
  });

  it('leaves the supervisor to the escalation mail, and still tells the previous holder', () => {
    expect(handoverOf(held('A-102'), held('S-001'), maria, true)).toEqual({ previousAssignee: 'A-102' });
  });
});

describe('handover mails from an agent reply', () => {
  it('#assign mails the new holder the case: the customer in full, the history with notes marked, a reply address', () => {
    // Act
    const plan = planAgentReply(reply('#assign tom\n#note She prefers a call.', undefined));
    // Assess
    expect(Object.keys(plan.drafts)).toEqual(['handover']);
    expect(plan.drafts.handover).toMatchObject({
      to: [{ address: tom.email, name: tom.name }],
      replyTo: 'a-1001',
      template: 'handover',
      customerFacing: false,
      automatic: true,
      data: { byName: 'Maria Lopez', tookIt: false, words: 'Order 4711 never arrived. Where is it?' },
    });
    expect(plan.drafts.handover?.data.history).toEqual([
      expect.objectContaining({ who: 'Ana <ana@customer.test>', internal: false }),
      expect.objectContaining({
        who: 'Internal note from Maria Lopez (A-101)',
        snippet: 'She called.',
        internal: true,
      }),
      expect.objectContaining({ who: 'Internal note from Maria Lopez (A-101)', snippet: 'She prefers a call.' }),
    ]);
  });

  it("#take of a colleague's case mails the taker and tells the colleague; #take of one's own sends nothing", () => {
    const taken = planAgentReply(reply('#take', 'A-102'));
    expect(taken.drafts.handover).toMatchObject({ to: [{ address: maria.email }], data: { tookIt: true } });
    expect(taken.drafts.handedOver).toMatchObject({
      to: [{ address: tom.email }],
      template: 'handed-over',
      data: { holderName: 'Maria Lopez', tookIt: true, escalated: false },
    });
    expect(planAgentReply(reply('#take', 'A-101')).drafts).toEqual({});
  });

  it("#escalate mails the supervisor the customer's words and tells the previous holder", () => {
    const plan = planAgentReply(reply('#escalate refund over the limit', 'A-102'));
    expect(Object.keys(plan.drafts).sort()).toEqual(['escalation', 'handedOver']);
    expect(plan.drafts.escalation).toMatchObject({
      to: [{ address: sam.email }],
      replyTo: 'a-1001',
      data: { customerWords: 'Order 4711 never arrived. Where is it?', reason: 'refund over the limit' },
    });
    expect(plan.drafts.handedOver?.data).toMatchObject({ holderName: 'Sam Okafor', escalated: true });
  });

  it('files a reply of bare commands as no note, so nobody reads "#take" as an internal note', () => {
    const plan = planAgentReply(reply('#take\n#priority high', 'A-102'));
    expect(plan.supportCase.recent.at(-1)).toMatchObject({ kind: 'agent-notice', snippet: '#take #priority' });
  });
});

describe('notes in agent-facing histories', () => {
  it('say "Internal note from" in a later notification, and the customer\'s lines do not', () => {
    // Prepare: a customer reply after a note.
    const supportCase: SupportCase = {
      ...base,
      recent: [...base.recent, { at: '2026-11-22T10:00:00Z', kind: 'customer', who: 'Ana', snippet: 'Any news?' }],
    };
    // Act
    const notification = draftAgentNotification({
      supportCase,
      team: SAMPLE_TEAM,
      supportName: 'Example Support',
      replyAddresses: { forCustomer: (n) => `c-${n}`, forAgents: (n) => `a-${n}` },
      timeZone: 'UTC',
      event: 'customer-reply',
      words: 'Any news?',
    });
    // Assess
    expect(notification.data.history).toEqual(historyLines(base.recent, 'UTC'));
    expect((notification.data.history as ReadonlyArray<Record<string, unknown>>).map((h) => h.who)).toEqual([
      'Ana <ana@customer.test>',
      'Internal note from Maria Lopez (A-101)',
    ]);
  });

  it("the customer's latest words come whole from the conversation, else from the history", () => {
    expect(latestCustomerWords(base, transcript)).toBe('Order 4711 never arrived. Where is it?');
    expect(latestCustomerWords(base, undefined)).toBe('Order 4711 never…');
    expect(latestCustomerWords({ ...base, recent: [] }, undefined)).toBe('(no text)');
  });
});
