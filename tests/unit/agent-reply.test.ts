import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { applyBounce, readBounceReport } from '../../functions/core/bounce.ts';
import { admitParticipants } from '../../functions/core/participants.ts';
import { applyCustomerReply } from '../../functions/core/customer-reply.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const team = SAMPLE_TEAM;
const base: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 3,
  subject: 'Order 4711',
  requester: { address: 'ana@customer.test', name: 'Ana' },
  participants: ['ana@customer.test', 'bob@customer.test'],
  status: 'new',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  lastCustomerMessageId: '<a2@customer.test>',
  threadReferences: ['<a1@customer.test>', '<a2@customer.test>'],
  recent: [],
};
const input = (replyText: string): AgentReplyInput => ({
  supportCase: base,
  agent: team.agents[0]!,
  team,
  commands: parseAgentCommands(replyText),
  attachments: [],
  receivedAt: '2026-11-22T09:00:00Z',
  supportName: 'Example Support',
  replyAddresses: { forCustomer: (n, r) => `c-${n}-${r}`, forAgents: (n) => `a-${n}` },
  survey: {
    linksFor: (n, agentId) => ({
      links: {
        great: `s/${n}/${agentId}/great`,
        okay: `s/${n}/${agentId}/okay`,
        'not-good': `s/${n}/${agentId}/not-good`,
      },
      expiresAt: new Date('2026-12-20T09:00:00Z'),
    }),
  },
  timeZone: 'Europe/Berlin',
});

describe("an agent's reply", () => {
  it('answers the requester with the others on copy, in the thread, signed by the agent, and records the first response', () => {
    const plan = planAgentReply(input('Hi Ana, it is on its way.'));
    expect(plan.messageKind).toBe('agent-reply');
    expect(plan.supportCase).toMatchObject({
      status: 'open',
      assignee: 'A-101',
      firstResponseAt: '2026-11-22T09:00:00Z',
      version: 4,
    });
    expect(plan.drafts.reply).toMatchObject({
      fromName: 'Maria Lopez (Example Support)',
      to: [{ address: 'ana@customer.test', name: 'Ana' }],
      cc: [{ address: 'bob@customer.test' }],
      replyTo: 'c-1001-ana@customer.test',
      inReplyTo: '<a2@customer.test>',
      references: ['<a1@customer.test>', '<a2@customer.test>'],
      automatic: false,
      data: { answer: 'Hi Ana, it is on its way.', agentName: 'Maria Lopez', agentId: 'A-101' },
    });
  });

  it('answers what the customer was waiting for, and pauses the clock while pending', () => {
    const waiting = { ...base, awaitingAnswerSince: '2026-11-22T08:00:00Z' };
    expect(
      planAgentReply({ ...input('On its way.'), supportCase: waiting }).supportCase.awaitingAnswerSince,
    ).toBeUndefined();
    expect(planAgentReply({ ...input('#note checking'), supportCase: waiting }).supportCase.awaitingAnswerSince).toBe(
      '2026-11-22T08:00:00Z',
    );
    const pending = planAgentReply({ ...input('#pending\nCan you send a photo?'), supportCase: waiting }).supportCase;
    expect(pending).toMatchObject({ status: 'pending', pendingSpans: [{ from: '2026-11-22T09:00:00Z' }] });
    const back = applyCustomerReply(
      pending,
      {
        sesMessageId: 's',
        rawKey: 'k',
        receivedAt: '2026-11-22T11:00:00Z',
        from: { address: 'ana@customer.test' },
        to: [],
        cc: [],
        references: [],
        text: 'photo',
      },
      pending.participants,
    );
    expect(back).toMatchObject({
      status: 'open',
      awaitingAnswerSince: '2026-11-22T11:00:00Z',
      pendingSpans: [{ from: '2026-11-22T09:00:00Z', to: '2026-11-22T11:00:00Z' }],
    });
  });

  it('keeps an earlier first response and an explicit status', () => {
    const plan = planAgentReply({
      ...input('#solve\nDone!'),
      supportCase: { ...base, firstResponseAt: '2026-11-22T08:30:00Z' },
    });
    expect(plan.supportCase).toMatchObject({
      status: 'solved',
      solvedAt: '2026-11-22T09:00:00Z',
      firstResponseAt: '2026-11-22T08:30:00Z',
    });
  });

  it('sends nothing to the customer for commands only or a note', () => {
    expect(planAgentReply(input('#pending\n#priority high')).drafts).toEqual({});
    const note = planAgentReply(input('#note internal only\nshe called'));
    expect(note.drafts).toEqual({});
    expect(note.messageKind).toBe('note');
    expect(note.supportCase.recent.at(-1)).toMatchObject({ kind: 'note', snippet: 'internal only she called' });
  });

  it('runs nothing when one command is wrong, and explains it to the agent', () => {
    const plan = planAgentReply(input('#pending\n#assign nobody\n\nHello'));
    expect(plan.supportCase).toBe(base);
    expect(Object.keys(plan.drafts)).toEqual(['explanation']);
    expect(plan.drafts.explanation).toMatchObject({
      to: [{ address: 'maria@staff.test' }],
      template: 'command-problem',
    });
    expect(plan.problems[0]).toMatch(/^#assign nobody: no agent has that ID/);
  });

  it('escalates to the supervisor and reports bugs to engineering', () => {
    const plan = planAgentReply(input('#escalate refund over limit\n#bug label printer broken'));
    expect(plan.supportCase.assignee).toBe('S-001');
    expect(plan.drafts.escalation).toMatchObject({
      to: [{ address: 'sam@staff.test' }],
      data: { reason: 'refund over limit' },
    });
    expect(plan.drafts.bug).toMatchObject({
      to: [{ address: 'eng@staff.test' }],
      replyTo: 'a-1001',
      data: { summary: 'label printer broken' },
    });
    expect(plan.supportCase.bugOpenedAt).toBe(plan.supportCase.updatedAt);
  });
});

describe("a customer's reply", () => {
  it('reopens a solved case, takes the customer side it is given and moves the thread on', () => {
    const mail = {
      sesMessageId: 's',
      rawKey: 'k',
      receivedAt: '2026-11-22T10:00:00Z',
      from: { address: 'ana@customer.test' },
      to: [],
      cc: [{ address: 'carol@customer.test' }, { address: 'maria@staff.test' }],
      references: ['<ours@x>'],
      messageId: '<a3@customer.test>',
      text: 'One more thing',
    };
    const { participants } = admitParticipants({
      current: base.participants,
      mail,
      trust: 'dmarc',
      ownDomains: ['example.test'],
      teamAddresses: ['maria@staff.test'],
    });
    const next = applyCustomerReply(
      { ...base, status: 'solved', solvedAt: '2026-11-22T08:30:00Z' },
      mail,
      participants,
    );
    expect(next).toMatchObject({
      status: 'open',
      version: 4,
      lastCustomerMessageId: '<a3@customer.test>',
      participants: ['ana@customer.test', 'bob@customer.test', 'carol@customer.test'],
    });
    expect(next.solvedAt).toBeUndefined();
    expect(next.threadReferences).toEqual([
      '<a1@customer.test>',
      '<a2@customer.test>',
      '<ours@x>',
      '<a3@customer.test>',
    ]);
  });
});

describe('bounces', () => {
  it('reads recipient, status and the quoted Message-ID from a delivery report', () => {
    const report = readBounceReport(
      'Final-Recipient: rfc822; Carol@Nowhere.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\nMessage-ID: <abc@eu-west-1.amazonses.com>\r\n',
    );
    expect(report).toEqual({
      recipients: ['carol@nowhere.test'],
      quotedMessageIds: ['<abc@eu-west-1.amazonses.com>'],
      status: '5.1.1',
      permanent: true,
    });
    expect(readBounceReport('Status: 4.4.1\nFinal-Recipient: rfc822;x@y.test')?.permanent).toBe(false);
    expect(readBounceReport('just a message')).toBeUndefined();
  });

  it('marks permanently bouncing addresses on the case', () => {
    const next = applyBounce(
      base,
      { recipients: ['ana@customer.test'], quotedMessageIds: [], status: '5.1.1', permanent: true },
      '2026-11-22T10:00:00Z',
    );
    expect(next.bouncing).toEqual(['ana@customer.test']);
    expect(next.recent.at(-1)).toMatchObject({ kind: 'bounce', snippet: 'Undeliverable: ana@customer.test (5.1.1)' });
  });
});
