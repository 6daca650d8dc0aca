import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { closedForGood } from '../../functions/core/route-mail.ts';
import type { CaseMessage, SupportCase } from '../../functions/core/support-case.ts';
import { buildTranscript, MAX_TRANSCRIPT_MESSAGES } from '../../functions/core/transcript.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const renderer = await TemplateRenderer.load(await repoTemplatesDir());
const team = SAMPLE_TEAM;
const base: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 3,
  subject: 'Order <4711> never arrived',
  requester: { address: 'ana@customer.test', name: 'Ana Souza' },
  participants: ['ana@customer.test'],
  status: 'open',
  priority: 'normal',
  flags: [],
  assignee: 'A-101',
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  firstResponseAt: '2026-11-22T08:30:00Z',
  lastCustomerMessageId: '<a2@customer.test>',
  threadReferences: ['<a1@customer.test>', '<a2@customer.test>'],
  recent: [],
};

const message = (at: string, extra: Partial<CaseMessage>): CaseMessage => ({
  caseNumber: 1001,
  messageKey: `MSG#${at}#x`,
  direction: 'inbound',
  kind: 'customer',
  to: [],
  cc: [],
  subject: 's',
  date: at,
  sesMessageId: 'x',
  references: [],
  textSummary: '',
  attachments: [],
  ...extra,
});
const conversation: CaseMessage[] = [
  message('2026-11-22T08:00:00Z', {
    from: { address: 'ana@customer.test', name: 'Ana Souza' },
    words: 'My order <4711> never arrived.',
  }),
  message('2026-11-22T08:00:01Z', { direction: 'outbound', kind: 'acknowledgement', textSummary: 'We have your mail' }),
  message('2026-11-22T08:00:02Z', { direction: 'outbound', kind: 'agent-notification', textSummary: 'New case' }),
  message('2026-11-22T08:20:00Z', {
    from: { address: 'maria@staff.test' },
    kind: 'note',
    words: 'Internal: courier lost it',
  }),
  message('2026-11-22T08:30:00Z', {
    direction: 'outbound',
    kind: 'agent-reply',
    from: { address: 'support@example.test', name: 'Maria Lopez (Example Support)' },
    words: 'A new parcel left today.',
  }),
  message('2026-11-22T08:45:00Z', {
    from: { address: 'ana@customer.test', name: 'Ana Souza' },
    words: 'Here is the photo.',
    attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 2_200_000, key: 'k' }],
  }),
];

const input = (replyText: string, supportCase: SupportCase = base): AgentReplyInput => ({
  supportCase,
  agent: team.agents[0]!,
  team,
  commands: parseAgentCommands(replyText),
  attachments: [],
  receivedAt: '2026-11-22T09:00:00Z',
  supportName: 'Example Support',
  replyAddresses: {
    forCustomer: (n, r) => `support+c-${n}-${r}@example.test`,
    forAgents: (n) => `support+a-${n}@example.test`,
  },
  survey: {
    linksFor: (n, agentId) => ({
      links: {
        great: `https://s.test/?t=${n}.${agentId}&a=great`,
        okay: `https://s.test/?t=${n}.${agentId}&a=okay`,
        'not-good': `https://s.test/?t=${n}.${agentId}&a=not-good`,
      },
      expiresAt: new Date('2026-12-20T09:00:00Z'),
    }),
  },
  timeZone: 'Europe/Berlin',
  transcript: buildTranscript(conversation),
});

describe('the transcript of a case', () => {
  it("holds the customer's messages and our answers in order, never notes, notifications or confirmations", () => {
    const { entries, omitted } = buildTranscript([...conversation].reverse());
    expect(entries.map((e) => [e.who, e.words])).toEqual([
      ['Ana Souza <ana@customer.test>', 'My order <4711> never arrived.'],
      ['Maria Lopez (Example Support)', 'A new parcel left today.'],
      ['Ana Souza <ana@customer.test>', 'Here is the photo.'],
    ]);
    expect(entries[2]?.attachments).toBe('photo.jpg (2.1 MB)');
    expect(omitted).toBe(0);
  });

  it('shows the latest messages of a very long case and says how many it left out', () => {
    const many = Array.from({ length: MAX_TRANSCRIPT_MESSAGES + 5 }, (_, i) =>
      message(new Date(Date.UTC(2026, 10, 22, 8, i)).toISOString(), { words: `message ${i}` }),
    );
    const { entries, omitted } = buildTranscript(many);
    expect(omitted).toBe(5);
    expect(entries[0]?.words).toBe('message 5');
  });
});

describe('solving a case', () => {
  it('turns the solving answer into one closing message: the answer, "anything else?", the survey and the transcript', async () => {
    const plan = planAgentReply(input('#solve\nThe tracking shows it was delivered this morning.'));
    expect(Object.keys(plan.drafts)).toEqual(['closing']);
    const closing = plan.drafts.closing!;
    expect(closing).toMatchObject({
      kind: 'closing',
      fromName: 'Maria Lopez (Example Support)',
      to: [{ address: 'ana@customer.test', name: 'Ana Souza' }],
      replyTo: 'support+c-1001-ana@customer.test@example.test',
      inReplyTo: '<a2@customer.test>',
      customerFacing: true,
      automatic: false,
      words: 'The tracking shows it was delivered this morning.',
    });
    const { text, html, subject } = await renderer.render(closing.template, closing.data);
    expect(subject).toBe('Re: [Case #1001] Order <4711> never arrived');
    // The agent greets in their own words; the closing adds no second greeting.
    expect(text).toMatch(/^The tracking shows it was delivered this morning\.\n/);
    expect(text).toContain('is there anything else I can help you with?');
    expect(text).toContain('Maria Lopez · Agent ID A-101');
    expect(text).toContain('Great:     https://s.test/?t=1001.A-101&a=great');
    expect(text).toContain('Not good:  https://s.test/?t=1001.A-101&a=not-good');
    expect(text).toContain('change your answer until Sunday 20 December');
    expect(text).toContain('A new parcel left today.');
    expect(text).toContain('[Attached: photo.jpg (2.1 MB)]');
    expect(text).not.toContain('courier lost it');
    expect(text).not.toContain('We have your mail');
    // The answer that closes the case is the transcript's last entry.
    expect(text.trimEnd().endsWith('The tracking shows it was delivered this morning.')).toBe(true);
    expect(html).toContain('My order &lt;4711&gt; never arrived.');
    expect(html).not.toContain('<4711>');
    expect(html).toContain('href="https://s.test/?t&#x3D;1001.A-101&amp;a&#x3D;okay"');
  });

  it("after a bare #solve, recalls the agent's last words instead of inventing an answer", async () => {
    const closing = planAgentReply(input('#solve')).drafts.closing!;
    const { text } = await renderer.render(closing.template, closing.data);
    expect(text).toMatch(/^Hi Ana,\n\nMy last note to you on this was:\n\n> A new parcel left today\.\n/);
    expect(closing.words).toBeUndefined();
  });

  it('keeps internal notes out even when a note solves the case', async () => {
    const plan = planAgentReply(input('#note courier confirmed delivery\n#solve'));
    expect(plan.messageKind).toBe('note');
    const { text } = await renderer.render(plan.drafts.closing!.template, plan.drafts.closing!.data);
    expect(text).not.toContain('courier confirmed');
  });

  it('sends no closing message for a case that was solved already, or that is spam', () => {
    expect(
      planAgentReply(input('#solve', { ...base, status: 'solved', solvedAt: '2026-11-22T08:50:00Z' })).drafts,
    ).toEqual({});
    expect(planAgentReply(input('#solve', { ...base, flags: ['spam'] })).drafts).toEqual({});
  });

  it('sends the transcript on request, with or without an answer', async () => {
    const bare = planAgentReply(input('#transcript')).drafts.reply!;
    expect(bare).toMatchObject({ kind: 'transcript', template: 'agent-reply' });
    const { text } = await renderer.render(bare.template, bare.data);
    expect(text).toMatch(/^Here is our whole conversation on case #1001 so far\./);
    expect(text).toContain('---- The conversation on case #1001');
    const withAnswer = planAgentReply(input('#transcript\nAs promised, the full history.')).drafts.reply!;
    expect(withAnswer.kind).toBe('agent-reply');
    expect((await renderer.render(withAnswer.template, withAnswer.data)).text).toContain('Here is the photo.');
    const plain = planAgentReply(input('Just an answer.')).drafts.reply!;
    expect((await renderer.render(plain.template, plain.data)).text).not.toContain('---- The conversation');
  });
});

describe('replying after a case was solved', () => {
  const solved = { ...base, status: 'solved' as const, solvedAt: '2026-11-22T09:00:00Z' };
  it('reopens it within the window and starts a new, linked case after it', () => {
    expect(closedForGood(solved, '2026-11-29T08:59:00Z', 7)).toBe(false);
    expect(closedForGood(solved, '2026-11-29T09:01:00Z', 7)).toBe(true);
    expect(closedForGood({ ...solved, status: 'open' }, '2027-01-01T00:00:00Z', 7)).toBe(false);
    expect(closedForGood(solved, '2026-11-22T09:00:01Z', 0)).toBe(true);
  });
});
