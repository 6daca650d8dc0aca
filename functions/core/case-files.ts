import type { FileLinkFactory } from './file-link.ts';
import { shortLocalTime } from './local-time.ts';
import type { OutboundDraft, TemplateRecord } from './outbound-draft.ts';
import type { AttachmentRecord, CaseMessage, MessageKind } from './support-case.ts';
import { formatSize } from './transcript.ts';

/** How a message's files travel with the notifications that carry it. */
export interface FilePolicy {
  /** Most bytes of files attached to one notification; the rest go as links. */
  readonly attachBytesPerNotification: number;
  /** Days a download link works. */
  readonly linkDays: number;
}

/**
 * 10 MB of files attached: a screenshot, a few photos or a PDF reach the agent as they are, and the
 * notification (base64 adds a third) stays well under SES's 40 MB for a raw message and under what
 * most mailboxes accept (Gmail and Outlook take 25 MB and 20 MB). A week of links: time enough to
 * pick up a case after a weekend, short enough that a forwarded notification stops handing the
 * customer's files out.
 */
export const DEFAULT_FILE_POLICY: FilePolicy = { attachBytesPerNotification: 10 * 1024 * 1024, linkDays: 7 };

/** Why a file comes as a link, in the notification's words. */
const LINK_REASON = {
  'over-limit': 'not attached: over the size attached to one notification',
  virus: 'not attached: the mail was marked as carrying a virus, so open it only if you trust it',
} as const;

/** The template fields a draft that can carry files always has, empty when it carries none (templates are strict). */
export const NO_CASE_FILES = { attachedFiles: [], inlineImages: [], fileLinks: [] } as const;

/** What attaching files needs from a run: the policy, and links signed for it. */
export interface CaseFileLinks {
  readonly links: FileLinkFactory;
  readonly policy: FilePolicy;
}

export interface CaseFilesOptions extends CaseFileLinks {
  /**
   * SES marked the mail the files came with as carrying a virus: every file is a link, none attached.
   * For a case's earlier files (a handover), pass the case's `virus` flag.
   */
  readonly virus?: boolean;
  /** The queue's business time zone: a link's expiry is told on its clock, as every time an agent reads is. */
  readonly timeZone: string;
}

/**
 * The draft with the stored files of the message it tells of: attached in order while they fit in
 * the policy's total (a later, smaller file still goes if it fits), inline images named in the
 * template's HTML by their Content-ID so they show where the customer put them; every other file
 * listed with a signed, expiring download link. Any draft that carries a person's message can be
 * given its files this way (new case, reply, assignment, escalation, bug report); its templates
 * use the `case-files-text` and `case-files-html` partials.
 */
export function attachCaseFiles(
  draft: OutboundDraft,
  files: readonly AttachmentRecord[],
  options: CaseFilesOptions,
): OutboundDraft {
  const attached: AttachmentRecord[] = [];
  const linked: { file: AttachmentRecord; reason: keyof typeof LINK_REASON }[] = [];
  let budget = options.policy.attachBytesPerNotification;
  for (const file of files) {
    if (options.virus === true) linked.push({ file, reason: 'virus' });
    else if (file.size <= budget) {
      attached.push(file);
      budget -= file.size;
    } else linked.push({ file, reason: 'over-limit' });
  }
  const inline = attached.filter(isInlineImage);
  return {
    ...draft,
    // A Content-ID the HTML does not name would only hide the file in some clients: such files go as plain attachments.
    attachments: [...draft.attachments, ...attached.map((f) => (isInlineImage(f) ? f : withoutContentId(f)))],
    data: {
      ...draft.data,
      attachedFiles: attached.filter((f) => !isInlineImage(f)).map(describeFile),
      inlineImages: inline.map((f): TemplateRecord => ({ ...describeFile(f), cid: bareContentId(f.contentId ?? '') })),
      fileLinks: linked.map(({ file, reason }): TemplateRecord => {
        const link = options.links.linkFor(file);
        return {
          ...describeFile(file),
          url: link.url,
          expires: shortLocalTime(link.expiresAt, options.timeZone),
          reason: LINK_REASON[reason],
        };
      }),
    },
  };
}

/** An image the sender placed in the text (it has a Content-ID), shown in place in the HTML part. */
function isInlineImage(file: AttachmentRecord): boolean {
  return file.contentId !== undefined && bareContentId(file.contentId) !== '' && /^image\//i.test(file.contentType);
}

/** A Content-ID as `cid:` URLs name it: without angle brackets, and only characters a URL keeps as they are. */
function bareContentId(contentId: string): string {
  const bare = contentId.trim().replace(/^<|>$/g, '');
  return /^[\w.@+-]+$/.test(bare) ? bare : '';
}

function describeFile(file: AttachmentRecord): TemplateRecord {
  return { name: file.filename, type: file.contentType, size: formatSize(file.size) };
}

/**
 * An agent's files as the customer gets them: plain attachments. Our answer's HTML names no `cid:`
 * of the agent's mail, and a part with a Content-ID the HTML does not name is hidden by some clients.
 */
export function asPlainAttachments(files: readonly AttachmentRecord[]): AttachmentRecord[] {
  return files.map(withoutContentId);
}

/**
 * Every stored file of a case's messages, oldest first, once each (an agent's answer is filed as
 * received and as sent, with the same files); `kinds` keeps only those messages (e.g. `customer`).
 */
export function storedFiles(messages: readonly CaseMessage[], kinds?: readonly MessageKind[]): AttachmentRecord[] {
  const byKey = new Map<string, AttachmentRecord>();
  for (const m of [...messages].sort((a, b) => a.messageKey.localeCompare(b.messageKey)))
    if (kinds === undefined || kinds.includes(m.kind))
      for (const file of m.attachments) if (!byKey.has(file.key)) byKey.set(file.key, file);
  return [...byKey.values()];
}

function withoutContentId(file: AttachmentRecord): AttachmentRecord {
  const { contentId: _contentId, ...rest } = file;
  return rest;
}
