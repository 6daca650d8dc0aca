import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { mergeCases, mergeProblems } from '../../functions/core/case-merge.ts';
import { blockedReason, blockTarget, spamBlock } from '../../functions/core/sender-blocks.ts';
import { DEFAULT_SLA_POLICY, scheduleChecks } from '../../functions/core/sla-clock.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const at = '2026-11-24T10:00:00Z';
const supportCase = (caseNumber: number, extra: Partial<SupportCase> = {}): SupportCase => ({
  caseId: `id-${caseNumber}`,
  caseNumber,
  version: 2,
  subject: `Subject ${caseNumber}`,
  requester: { address: 'ana@customer.test' },
  participants: ['ana@customer.test'],
  status: 'open',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: '2026-11-23T08:00:00Z',
  threadReferences: [`<t${caseNumber}@customer.test>`],
  recent: [],
  ...extra,
});
const maria = SAMPLE_TEAM.agents[0] ?? { name: '', email: '', agentId: '', role: 'agent' };
const replyAddresses = { forCustomer: (n: number, r: string) => `c-${n}-${r}`, forAgents: (n: number) => `a-${n}` };
const reply = (source: SupportCase, text: string, mergeTarget?: SupportCase): AgentReplyInput => ({
  supportCase: source,
  agent: maria,
  team: SAMPLE_TEAM,
  commands: parseAgentCommands(text),
  attachments: [],
  receivedAt: at,
  supportName: 'Example Support',
  replyAddresses,
  survey: { linksFor: () => ({ links: { great: 'g', okay: 'o', 'not-good': 'n' }, expiresAt: new Date(at) }) },
  timeZone: 'Europe/Berlin',
  ...(mergeTarget === undefined ? {} : { mergeTarget }),
});

describe('#merge', () => {
  it('refuses itself, a missing case, a merged case and a solved one, in words that say what to do', () => {
    const source = supportCase(1002);
    expect(mergeProblems(source, 1002, source)).toEqual([
      '#merge 1002: this is case #1002 itself; name the other case to merge it into.',
    ]);
    expect(mergeProblems(source, 9999, undefined)).toEqual(['#merge 9999: there is no case #9999.']);
    expect(mergeProblems(source, 1001, supportCase(1001, { mergedInto: 1000 }))).toEqual([
      '#merge 1001: case #1001 was itself merged into #1000; merge into #1000.',
    ]);
    expect(mergeProblems(source, 1001, supportCase(1001, { status: 'solved' }))).toEqual([
      '#merge 1001: case #1001 is solved; merge into an open case, or reopen #1001 first with #open.',
    ]);
    expect(mergeProblems(source, 1001, supportCase(1001))).toEqual([]);
  });

  it('closes the source as merged and gives the survivor its customer side, thread, oldest unanswered message and open bug', () => {
    const source = supportCase(1002, {
      participants: ['ana@customer.test', 'bob@customer.test'],
      awaitingAnswerSince: '2026-11-23T09:00:00Z',
      bugOpenedAt: '2026-11-23T09:30:00Z',
      assignee: 'A-101',
    });
    const target = supportCase(1001, { awaitingAnswerSince: '2026-11-24T09:00:00Z', assignee: 'A-102' });
    const { closed, survivor, drafts } = mergeCases(source, target, {
      agent: maria,
      team: SAMPLE_TEAM,
      supportName: 'Example Support',
      replyAddresses,
      at,
    });
    expect(closed).toMatchObject({ status: 'solved', mergedInto: 1001, solvedAt: at });
    expect(closed.awaitingAnswerSince).toBeUndefined();
    expect(survivor).toMatchObject({
      version: 3,
      participants: ['ana@customer.test', 'bob@customer.test'],
      threadReferences: ['<t1001@customer.test>', '<t1002@customer.test>'],
      mergedFrom: [1002],
      awaitingAnswerSince: '2026-11-23T09:00:00Z',
      bugOpenedAt: '2026-11-23T09:30:00Z',
    });
    expect(Object.values(drafts).map((d) => d.to[0]?.address)).toEqual(['maria@staff.test', 'tom@staff.test']);
    expect(scheduleChecks(closed, DEFAULT_SLA_POLICY, DEFAULT_BUSINESS_HOURS)).toEqual([]);
  });

  it('an agent reply with #merge files its words as a note and mails no customer', () => {
    const plan = planAgentReply(reply(supportCase(1002), '#merge 1001\nSame refund as #1001.', supportCase(1001)));
    expect(plan.problems).toEqual([]);
    expect(plan.messageKind).toBe('note');
    expect(plan.survivor?.caseNumber).toBe(1001);
    expect(Object.values(plan.drafts).every((d) => !d.customerFacing)).toBe(true);
    expect(plan.supportCase.recent.at(-1)?.snippet).toBe('Same refund as #1001.');
  });
});

describe('#spam and sender blocks', () => {
  it('#spam closes the case as spam without any mail, runs no clock, and blocks the sender', () => {
    const plan = planAgentReply(reply(supportCase(1003, { awaitingAnswerSince: at }), '#spam\nThanks for nothing.'));
    expect(plan.supportCase).toMatchObject({ status: 'solved', flags: ['spam'] });
    expect(plan.drafts).toEqual({});
    expect(plan.block).toEqual({
      value: 'ana@customer.test',
      scope: 'address',
      blockedAt: at,
      blockedBy: 'Maria Lopez (A-101)',
      caseNumber: 1003,
    });
    // Even were it open again, a spam case runs no clock; the same case unflagged does.
    const reopened: SupportCase = { ...plan.supportCase, status: 'open' };
    expect(scheduleChecks(reopened, DEFAULT_SLA_POLICY, DEFAULT_BUSINESS_HOURS)).toEqual([]);
    expect(scheduleChecks({ ...reopened, flags: [] }, DEFAULT_SLA_POLICY, DEFAULT_BUSINESS_HOURS)).not.toEqual([]);
  });

  it('#spam domain blocks the domain, but never the team’s own', () => {
    expect(spamBlock(supportCase(1), 'domain', { agent: maria, team: SAMPLE_TEAM, at })).toMatchObject({
      value: 'customer.test',
      scope: 'domain',
    });
    const insider = supportCase(2, { requester: { address: 'intern@staff.test' } });
    expect(spamBlock(insider, 'domain', { agent: maria, team: SAMPLE_TEAM, at })).toBe(
      "#spam: intern@staff.test is on the team's own domain staff.test; it cannot be blocked.",
    );
  });

  it('a block on an address or a domain holds mail from it, with who blocked it and why', () => {
    const blocks = [
      {
        value: 'offers@junk.test',
        scope: 'address' as const,
        blockedAt: at,
        blockedBy: 'Maria Lopez (A-101)',
        caseNumber: 1004,
      },
      { value: 'spam.test', scope: 'domain' as const, blockedAt: at, blockedBy: 'support CLI' },
    ];
    expect(blockedReason('Offers@Junk.test', blocks)).toBe(
      'blocked sender: offers@junk.test (blocked as spam on case #1004 by Maria Lopez (A-101) on 2026-11-24)',
    );
    expect(blockedReason('anyone@spam.test', blocks)).toBe(
      'blocked sender: domain spam.test (blocked by support CLI on 2026-11-24)',
    );
    expect(blockedReason('friend@junk.test', blocks)).toBeUndefined();
    expect([blockTarget('@Spam.test'), blockTarget('a@b.test'), blockTarget('not a domain')]).toEqual([
      { value: 'spam.test', scope: 'domain' },
      { value: 'a@b.test', scope: 'address' },
      undefined,
    ]);
  });

  it('parses #spam, #spam domain, #merge and #fixed, and explains what it cannot', () => {
    const parsed = parseAgentCommands('#spam domain\n#merge #1001\n#fixed v2\n#spam everyone\n#merge soon\n#fixed');
    expect(parsed.commands).toEqual([
      { name: 'spam', scope: 'domain' },
      { name: 'merge', caseNumber: 1001 },
      { name: 'fixed', text: 'v2' },
    ]);
    expect(parsed.problems).toEqual([
      '#spam takes nothing, or "domain" to block the sender\'s whole domain; not "everyone".',
      '#merge needs the number of the case to merge into, e.g. "#merge 1001"; "soon" is not one.',
      '#fixed needs a short note of what changed, e.g. "#fixed deployed in release 4.2.1".',
    ]);
  });
});
