import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import type { AgentReplyInput } from '../../functions/core/agent-reply.ts';
import type { Agent } from '../../functions/core/agents.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { SAMPLE_TEAM } from './sample-team.ts';

const SAMPLE_MARIA: Agent = SAMPLE_TEAM.agents[0] ?? {
  name: 'Maria Lopez',
  email: 'maria@staff.example.com',
  agentId: 'A-101',
  role: 'agent',
};

/**
 * An open case #1001 from Ana, as a planner's unit test starts from: one customer message, nobody
 * assigned, nothing said yet. Tests name only what they change.
 */
export function sampleCase(changes: Partial<SupportCase> = {}): SupportCase {
  return {
    caseId: 'id',
    caseNumber: 1001,
    version: 3,
    subject: 'Order 4711',
    requester: { address: 'ana@customer.test', name: 'Ana' },
    participants: ['ana@customer.test'],
    status: 'open',
    priority: 'normal',
    flags: [],
    createdAt: '2026-11-22T08:00:00Z',
    updatedAt: '2026-11-22T08:00:00Z',
    lastCustomerMessageId: '<a1@customer.test>',
    threadReferences: ['<a1@customer.test>'],
    recent: [],
    ...changes,
  };
}

/** Maria's reply `text` on `supportCase`, as planAgentReply takes it; tests name only what they change. */
export function sampleReply(
  supportCase: SupportCase,
  text: string,
  changes: Partial<AgentReplyInput> = {},
): AgentReplyInput {
  return {
    supportCase,
    agent: SAMPLE_MARIA,
    team: SAMPLE_TEAM,
    commands: parseAgentCommands(text),
    attachments: [],
    receivedAt: '2026-11-22T09:00:00Z',
    supportName: 'Example Support',
    replyAddresses: { forCustomer: (n, r) => `c-${n}-${r}`, forAgents: (n) => `a-${n}` },
    survey: { linksFor: () => ({ links: { great: 'g', okay: 'o', 'not-good': 'n' }, expiresAt: new Date(0) }) },
    timeZone: 'Europe/Berlin',
    ...changes,
  };
}
