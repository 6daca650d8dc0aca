import { describe, expect, it } from 'vitest';
import { asPlainAttachments, attachCaseFiles, NO_CASE_FILES, storedFiles } from '../../functions/core/case-files.ts';
import { fileLinkFactory } from '../../functions/core/file-link.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import type { AttachmentRecord, CaseMessage } from '../../functions/core/support-case.ts';

const now = new Date('2026-12-01T10:00:00Z');
const links = fileLinkFactory('test-secret-of-enough-length-0123456789', 'https://files.example.test/', 7, now);
const policy = { attachBytesPerNotification: 1000, linkDays: 7 };
const file = (name: string, size: number, extra: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
  filename: name,
  contentType: 'application/pdf',
  size,
  key: `content/r1/attachments/${name}`,
  ...extra,
});
const DRAFT: OutboundDraft = {
  kind: 'agent-notification',
  caseNumber: 1001,
  fromName: 'Example Support',
  to: [{ address: 'team@staff.example.com' }],
  cc: [],
  template: 'agent-notification',
  data: { caseNumber: 1001, ...NO_CASE_FILES },
  references: [],
  automatic: true,
  customerFacing: false,
  attachments: [],
};

describe('a notification given the files of the message it tells of', () => {
  it("attaches files in order while they fit the total, a later smaller one too, and links the rest until a time on the queue's clock", () => {
    // Act
    const draft = attachCaseFiles(DRAFT, [file('a.pdf', 600), file('b.pdf', 500), file('c.pdf', 400)], {
      links,
      policy,
      timeZone: 'Europe/Berlin',
    });

    // Assess
    expect(draft.attachments.map((a) => a.filename)).toEqual(['a.pdf', 'c.pdf']);
    expect(draft.data.attachedFiles).toEqual([
      { name: 'a.pdf', type: 'application/pdf', size: '600 B' },
      { name: 'c.pdf', type: 'application/pdf', size: '400 B' },
    ]);
    expect(draft.data.fileLinks).toEqual([
      {
        name: 'b.pdf',
        type: 'application/pdf',
        size: '500 B',
        url: links.linkFor(file('b.pdf', 500)).url,
        expires: 'Tue 8 Dec, 11:00 CET',
        reason: 'not attached: over the size attached to one notification',
      },
    ]);
  });

  it('keeps a pasted picture inline by its Content-ID, and sends a non-image with one as a plain attachment', () => {
    // Act
    const draft = attachCaseFiles(
      DRAFT,
      [
        file('shot.png', 100, { contentType: 'image/png', contentId: '<shot-1@customer.test>' }),
        file('terms.pdf', 100, { contentId: '<terms@customer.test>' }),
      ],
      { links, policy, timeZone: 'UTC' },
    );

    // Assess
    expect(draft.data.inlineImages).toEqual([
      { name: 'shot.png', type: 'image/png', size: '100 B', cid: 'shot-1@customer.test' },
    ]);
    expect(draft.data.attachedFiles).toEqual([{ name: 'terms.pdf', type: 'application/pdf', size: '100 B' }]);
    expect(draft.attachments.map((a) => a.contentId)).toEqual(['<shot-1@customer.test>', undefined]);
  });

  it('attaches nothing of a mail marked as carrying a virus: every file is a link that says so', () => {
    // Act
    const draft = attachCaseFiles(DRAFT, [file('invoice.pdf', 10)], { links, policy, virus: true, timeZone: 'UTC' });

    // Assess
    expect(draft.attachments).toEqual([]);
    expect(draft.data.fileLinks).toEqual([
      expect.objectContaining({
        name: 'invoice.pdf',
        reason: 'not attached: the mail was marked as carrying a virus, so open it only if you trust it',
      }),
    ]);
  });

  it('sends links only when the total is 0, and leaves a draft without files as it was', () => {
    // Act
    const linksOnly = attachCaseFiles(DRAFT, [file('a.pdf', 1)], {
      links,
      policy: { ...policy, attachBytesPerNotification: 0 },
      timeZone: 'UTC',
    });
    const none = attachCaseFiles(DRAFT, [], { links, policy, timeZone: 'UTC' });

    // Assess
    expect(linksOnly.attachments).toEqual([]);
    expect(linksOnly.data.fileLinks).toHaveLength(1);
    expect(none).toEqual(DRAFT);
  });
});

describe('the stored files of a case', () => {
  const message = (at: string, kind: CaseMessage['kind'], files: AttachmentRecord[]): CaseMessage => ({
    caseNumber: 1001,
    messageKey: `MSG#${at}`,
    direction: kind === 'customer' ? 'inbound' : 'outbound',
    kind,
    to: [],
    cc: [],
    subject: 's',
    date: at,
    sesMessageId: at,
    references: [],
    textSummary: '',
    attachments: files,
  });

  it('are listed oldest first and once each, all of them or only those of the kinds asked for', () => {
    // Prepare: an agent's answer is filed as received and as sent, with the same files
    const messages = [
      message('2026-12-02', 'agent-reply', [file('answer.pdf', 1)]),
      message('2026-12-01', 'customer', [file('photo.jpg', 1)]),
      message('2026-12-02T1', 'agent-reply', [file('answer.pdf', 1)]),
    ];

    // Act
    const all = storedFiles(messages).map((f) => f.filename);
    const customers = storedFiles(messages, ['customer']).map((f) => f.filename);

    // Assess
    expect(all).toEqual(['photo.jpg', 'answer.pdf']);
    expect(customers).toEqual(['photo.jpg']);
  });

  it('reach the customer as plain attachments when an agent sends them, Content-ID dropped', () => {
    // Act
    const sent = asPlainAttachments([file('arrow.png', 70, { contentType: 'image/png', contentId: '<a@staff>' })]);

    // Assess
    expect(sent).toEqual([
      { filename: 'arrow.png', contentType: 'image/png', size: 70, key: 'content/r1/attachments/arrow.png' },
    ]);
  });
});
