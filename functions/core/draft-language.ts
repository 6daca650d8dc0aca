/** Which language, and whose signature, each message we send is written in (issue 19). */
import type { OutboundDraft, TemplateName } from './outbound-draft.ts';
import { FALLBACK_LANGUAGE, type LanguageCode } from './queues.ts';

/**
 * Who reads each message: the customer (the case's language, the queue's signature under it) or
 * the team (the queue's language). A new template must say, or this does not compile.
 */
export const TEMPLATE_READER: Readonly<Record<TemplateName, 'customer' | 'team'>> = {
  acknowledgement: 'customer',
  'agent-reply': 'customer',
  'case-closing': 'customer',
  'follow-up': 'customer',
  'agent-notification': 'team',
  'command-problem': 'team',
  escalation: 'team',
  'bug-report': 'team',
  'spoofed-agent': 'team',
  'bounce-notice': 'team',
  'answer-withheld': 'team',
  'sla-alert': 'team',
  'flood-notice': 'team',
  handover: 'team',
  'handed-over': 'team',
  'case-notice': 'team',
  'rating-follow-up': 'team',
  'rating-thanks': 'team',
  'supervisor-request': 'team',
  'weekly-digest': 'team',
  'agent-monthly': 'team',
  'case-moved': 'team',
};

/** What a queue says about how it writes: its language, the signature under its customers' mail, its template folder. */
export interface QueueLanguage {
  readonly language?: LanguageCode;
  readonly signature?: string;
  readonly templates?: string;
}

/** How one queue writes, its language known (SupportQueue's fields; SUPPORT_WRITING for the default queue). */
export type QueueWriting = QueueLanguage & { readonly language: LanguageCode };

/**
 * How a queue writes, as PipelineSettings carries it: what settingsForQueue (issue 19.1) spreads over
 * the settings of a case's queue, so the planners and inReadersLanguage read it like any setting.
 */
export function writingOf(queue: QueueWriting): QueueWriting {
  return {
    language: queue.language,
    ...(queue.signature === undefined ? {} : { signature: queue.signature }),
    ...(queue.templates === undefined ? {} : { templates: queue.templates }),
  };
}

/** The queue's language: what its team reads and what a case starts in when its customer's is unknown. */
export function queueLanguage(settings: QueueLanguage): LanguageCode {
  return settings.language ?? FALLBACK_LANGUAGE;
}

/** A case's language: its own once known, else its queue's. */
export function caseLanguage(
  supportCase: { readonly language?: LanguageCode } | undefined,
  settings: QueueLanguage,
): LanguageCode {
  return supportCase?.language ?? queueLanguage(settings);
}

/**
 * The drafts, each in the language of its reader: the case's for the customer, the queue's for the
 * team; a customer's draft also carries the queue's signature (`signature`, empty when it has none),
 * and every draft its queue's template folder. A draft that already names its language keeps it. An agent's own words are data, never translated.
 */
export function inReadersLanguage(
  drafts: Readonly<Record<string, OutboundDraft>>,
  supportCase: { readonly language?: LanguageCode } | undefined,
  settings: QueueLanguage,
): Record<string, OutboundDraft> {
  return Object.fromEntries(
    Object.entries(drafts).map(([name, draft]) => [name, inReaderLanguage(draft, supportCase, settings)]),
  );
}

/** One draft in the language of its reader (see inReadersLanguage). */
export function inReaderLanguage(
  draft: OutboundDraft,
  supportCase: { readonly language?: LanguageCode } | undefined,
  settings: QueueLanguage,
): OutboundDraft {
  const folder = settings.templates === undefined ? {} : { templates: settings.templates };
  if (TEMPLATE_READER[draft.template] === 'team') return { language: queueLanguage(settings), ...folder, ...draft };
  return {
    language: caseLanguage(supportCase, settings),
    ...folder,
    ...draft,
    data: { ...draft.data, signature: settings.signature ?? '' },
  };
}
