import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { draftBugReport, markBugFixed, markBugOpened, planEngineeringReply } from '../../functions/core/bug-loop.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { buildTranscript } from '../../functions/core/transcript.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const base: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 3,
  subject: 'Checkout fails',
  requester: { address: 'ana@customer.test', name: 'Ana' },
  participants: ['ana@customer.test'],
  status: 'pending',
  priority: 'normal',
  flags: [],
  assignee: 'A-102',
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  firstResponseAt: '2026-11-22T08:30:00Z',
  threadReferences: [],
  recent: [],
};
const replyAddresses = {
  forCustomer: (n: number, r: string) => `c-${n}-${r}`,
  forAgents: (n: number) => `a-${n}`,
  forEngineering: (n: number) => `e-${n}`,
};
const engineering = (text: string, supportCase = base) =>
  planEngineeringReply({
    supportCase,
    from: { address: 'eng@staff.test' },
    commands: parseAgentCommands(text),
    receivedAt: '2026-11-25T10:00:00Z',
    timeZone: 'UTC',
    attachments: [],
    team: SAMPLE_TEAM,
    supportName: 'Example Support',
    replyAddresses,
  });

describe('the bug loop', () => {
  it('#bug opens a bug once: a reminder keeps the first time, a bug after a fix starts anew', () => {
    const opened = markBugOpened(base, '2026-11-23T09:00:00Z');
    const reminded = markBugOpened(opened, '2026-11-24T09:00:00Z');
    const again = markBugOpened({ ...reminded, bugFixedAt: '2026-11-25T09:00:00Z' }, '2026-11-26T09:00:00Z');
    expect(opened.bugOpenedAt).toBe('2026-11-23T09:00:00Z');
    expect(reminded.bugOpenedAt).toBe('2026-11-23T09:00:00Z');
    expect(again).toMatchObject({ bugOpenedAt: '2026-11-26T09:00:00Z' });
    expect(again.bugFixedAt).toBeUndefined();
  });

  it('a fix reopens a pending or solved case and starts a response target; an open case keeps its older one', () => {
    const at = '2026-11-25T10:00:00Z';
    expect(markBugFixed(base, at)).toMatchObject({ status: 'open', bugFixedAt: at, awaitingAnswerSince: at });
    const solved = markBugFixed({ ...base, status: 'solved', solvedAt: '2026-11-24T00:00:00Z' }, at);
    expect(solved).toMatchObject({ status: 'open', awaitingAnswerSince: at });
    expect(solved.solvedAt).toBeUndefined();
    const waiting = markBugFixed({ ...base, status: 'open', awaitingAnswerSince: '2026-11-24T00:00:00Z' }, at);
    expect(waiting).toMatchObject({ status: 'open', awaitingAnswerSince: '2026-11-24T00:00:00Z' });
  });

  it("the report quotes only the customer's messages, oldest first, with their files, and replies go to engineering's token", () => {
    const message = (
      key: string,
      direction: 'inbound' | 'outbound',
      kind: 'customer' | 'agent-reply',
      words: string,
    ) => ({
      caseNumber: 1001,
      messageKey: `MSG#2026-11-22T0${key}:00:00Z#${key}`,
      direction,
      kind,
      to: [],
      cc: [],
      subject: 's',
      date: `2026-11-22T0${key}:00:00Z`,
      sesMessageId: key,
      references: [],
      textSummary: words,
      words,
      attachments:
        key === '1'
          ? [{ filename: 'screen.png', contentType: 'image/png', size: 2048, key: 'content/1/screen.png' }]
          : [],
      ...(direction === 'inbound' ? { from: { address: 'ana@customer.test' } } : {}),
    });
    const transcript = buildTranscript([
      message('3', 'inbound', 'customer', 'Again today.'),
      message('2', 'outbound', 'agent-reply', 'We are looking.'),
      message('1', 'inbound', 'customer', 'Checkout times out.'),
    ]);
    const agent = SAMPLE_TEAM.agents[0];
    if (agent === undefined) throw new Error('the sample team has agents');
    const draft = draftBugReport(
      base,
      {
        supportCase: base,
        agent,
        team: SAMPLE_TEAM,
        attachments: [],
        supportName: 'Example Support',
        replyAddresses,
        timeZone: 'UTC',
      },
      'checkout times out',
      transcript,
    );
    expect(draft).toMatchObject({ to: [{ address: 'eng@staff.test' }], replyTo: 'e-1001', customerFacing: false });
    expect(draft.data.customerWords).toEqual([
      expect.objectContaining({ words: 'Checkout times out.', attachments: 'screen.png (2 KB)' }),
      expect.objectContaining({ words: 'Again today.', attachments: '' }),
    ]);
  });

  it("engineering's reply is a note for the assignee, and changes nothing else", () => {
    const plan = engineering('We can reproduce it.');
    expect(plan.problems).toEqual([]);
    expect(plan.supportCase).toMatchObject({ status: 'pending', version: 4, updatedAt: '2026-11-25T10:00:00Z' });
    expect(plan.supportCase.bugFixedAt).toBeUndefined();
    expect(plan.supportCase.recent.at(-1)).toEqual({
      at: '2026-11-25T10:00:00Z',
      kind: 'note',
      who: 'Engineering (eng@staff.test)',
      snippet: 'We can reproduce it.',
    });
    expect(Object.keys(plan.drafts)).toEqual(['notice']);
    expect(plan.drafts.notice).toMatchObject({
      to: [{ address: 'tom@staff.test', name: 'Tom Becker' }],
      template: 'case-notice',
      data: { headline: 'Engineering wrote on case #1001 (an internal note)', words: 'We can reproduce it.' },
    });
  });

  it("engineering's #fixed marks the bug fixed, reopens the case and tells the team when nobody holds it", () => {
    const { assignee: _nobody, ...unassigned } = base;
    const plan = engineering('#fixed raised the gateway timeout\nDeployed at 09:55.', unassigned);
    expect(plan.supportCase).toMatchObject({ status: 'open', bugFixedAt: '2026-11-25T10:00:00Z' });
    expect(plan.drafts.notice).toMatchObject({
      to: [{ address: 'team@staff.test' }],
      data: { words: 'Fixed: raised the gateway timeout\nDeployed at 09:55.' },
    });
  });

  it('a command engineering may not use is explained back to engineering, and the case is left alone', () => {
    const plan = engineering('#solve\nAll done.');
    expect(plan.supportCase).toBe(base);
    expect(plan.problems).toEqual([
      '#solve is for agents; engineering writes #fixed <text>, or plain words for the team.',
    ]);
    expect(plan.drafts.explanation).toMatchObject({ to: [{ address: 'eng@staff.test' }], template: 'command-problem' });
  });
});
