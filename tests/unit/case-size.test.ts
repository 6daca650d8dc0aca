import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { MAX_CASE_PARTICIPANTS } from '../../functions/core/participants.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

/** A case one short of the most participants an answer can reach. */
const almostFull: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 3,
  subject: 'Office move',
  requester: { address: 'p0@customer.test' },
  participants: Array.from({ length: MAX_CASE_PARTICIPANTS - 1 }, (_, i) => `p${i}@customer.test`),
  status: 'open',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  threadReferences: [],
  recent: [],
};
const reply = (text: string): AgentReplyInput => ({
  supportCase: almostFull,
  agent: SAMPLE_TEAM.agents[0]!,
  team: SAMPLE_TEAM,
  commands: parseAgentCommands(text),
  attachments: [],
  receivedAt: '2026-11-22T09:00:00Z',
  supportName: 'Example Support',
  replyAddresses: { forCustomer: (n, r) => `c-${n}-${r}`, forAgents: (n) => `a-${n}` },
  survey: {
    linksFor: () => ({
      links: { great: 'g', okay: 'o', 'not-good': 'n' },
      expiresAt: new Date('2026-12-20T09:00:00Z'),
    }),
  },
  timeZone: 'Europe/Berlin',
});

describe("an agent's #cc on a case near the most participants one answer can reach", () => {
  it('adds the last one who fits', () => {
    const plan = planAgentReply(reply('#cc last@customer.test\n\nWelcome.'));
    expect(plan.problems).toEqual([]);
    expect(plan.supportCase.participants).toHaveLength(MAX_CASE_PARTICIPANTS);
  });

  it('runs nothing past it, and tells the agent why', () => {
    const plan = planAgentReply(reply('#cc one@customer.test\n#cc two@customer.test\n\nWelcome.'));
    expect(plan.problems).toEqual([
      `#cc: the case would have 51 participants; one answer can go to at most ${MAX_CASE_PARTICIPANTS}. Write to the others separately.`,
    ]);
    expect(plan.supportCase).toBe(almostFull);
    expect(plan.drafts.reply).toBeUndefined();
  });
});
