import { describe, expect, it } from 'vitest';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { fileLinkFactory } from '../../functions/core/file-link.ts';
import type { AttachmentRecord, SupportCase } from '../../functions/core/support-case.ts';
import { sampleCase, sampleReply } from '../support/sample-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const [_maria] = SAMPLE_TEAM.agents as [(typeof SAMPLE_TEAM.agents)[0]];
const base = sampleCase({
  assignee: 'A-101',
  recent: [{ at: '2026-11-22T08:00:00Z', kind: 'customer', who: 'Ana <ana@customer.test>', snippet: 'Order…' }],
});
const file = (filename: string, size: number): AttachmentRecord => ({
  filename,
  contentType: 'application/pdf',
  size,
  key: `content/s1/attachments/${filename}`,
});
const ORDER = file('order.pdf', 60_000);
const RECEIPT = file('receipt.pdf', 50_000);
const SMALL = file('small.pdf', 30_000);
/** Files attached to one mail in these tests: the order and the small file fit, the receipt does not. */
const TOTAL = 100_000;

const reply = (text: string, supportCase: SupportCase = base): AgentReplyInput =>
  sampleReply(supportCase, text, {
    customerFiles: {
      files: [ORDER, RECEIPT, SMALL],
      policy: { attachBytesPerNotification: TOTAL, linkDays: 7 },
      links: fileLinkFactory('secret', 'https://survey.example.test/', 7, new Date('2026-11-22T09:00:00Z')),
    },
  });

describe("the customer's files in the team's mails", () => {
  it('attaches them in order within the total; a file past it goes as a signed link', () => {
    // Act
    const { drafts } = planAgentReply(reply('#escalate refund over limit\n#bug label printer broken\n#assign tom'));

    // Assess
    for (const key of ['escalation', 'bug']) {
      expect(drafts[key]?.attachments.map((a) => a.filename)).toEqual(['order.pdf', 'small.pdf']);
      expect(drafts[key]?.data.fileLinks).toEqual([
        expect.objectContaining({
          name: 'receipt.pdf',
          url: expect.stringContaining('https://survey.example.test/files?'),
        }),
      ]);
    }
  });

  it('hands the new holder the same files; the previous holder is only told', () => {
    const { drafts } = planAgentReply(reply('#assign tom', { ...base, assignee: 'S-001' }));
    expect(drafts.handover?.attachments.map((a) => a.filename)).toEqual(['order.pdf', 'small.pdf']);
    expect(drafts.handedOver?.attachments).toEqual([]);
  });

  it('attaches none of a case SES marked as carrying a virus: every file is a link', () => {
    const { drafts } = planAgentReply(reply('#escalate refund over limit', { ...base, flags: ['virus'] }));
    expect(drafts.escalation?.attachments).toEqual([]);
    expect(drafts.escalation?.data.fileLinks).toEqual([
      expect.objectContaining({ name: 'order.pdf' }),
      expect.objectContaining({ name: 'receipt.pdf' }),
      expect.objectContaining({ name: 'small.pdf' }),
    ]);
  });

  it('says nothing of files when none were read, with the empty fields the templates need', () => {
    const { customerFiles: _none, ...withoutFiles } = reply('#escalate refund over limit');
    const { drafts } = planAgentReply(withoutFiles);
    expect(drafts.escalation?.data).toMatchObject({ attachedFiles: [], inlineImages: [], fileLinks: [] });
  });

  it('puts a note written with #escalate in the escalation’s history', () => {
    const { drafts } = planAgentReply(reply('#escalate refund over limit\n#note She called twice today.'));
    expect(drafts.escalation?.data.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ who: 'Internal note from Maria Lopez (A-101)', snippet: 'She called twice today.' }),
      ]),
    );
  });
});
