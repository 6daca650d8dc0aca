import { isKeepableMessageId } from './message-id-limit.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { SupportCase } from './support-case.ts';

/** What a delivery status notification (RFC 3464) says, read leniently from its text. */
export interface BounceReport {
  /** Addresses that could not be reached (Final-Recipient, else Original-Recipient). */
  readonly recipients: readonly string[];
  /** Message-IDs quoted in the report: the bounced message is among them. */
  readonly quotedMessageIds: readonly string[];
  /** Enhanced status code, e.g. 5.1.1; 5.x.x is permanent. */
  readonly status?: string;
  readonly permanent: boolean;
}

const FINAL_RECIPIENT = /^(?:Final|Original)-Recipient:\s*rfc822\s*;\s*<?([^\s<>;]+@[^\s<>;]+)>?/gim;
const STATUS = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im;
const QUOTED_MESSAGE_ID = /^(?:Message-ID|X-Original-Message-ID|Original-Message-ID):\s*(<[^<>\s]+>)/gim;

/** Reads a bounce from the message text after its own headers; undefined when it names no recipient. */
export function readBounceReport(bodyText: string): BounceReport | undefined {
  const recipients = [...new Set([...bodyText.matchAll(FINAL_RECIPIENT)].map((m) => (m[1] as string).toLowerCase()))];
  const quotedMessageIds = [...new Set([...bodyText.matchAll(QUOTED_MESSAGE_ID)].map((m) => m[1] as string))].filter(
    isKeepableMessageId,
  );
  if (recipients.length === 0 && quotedMessageIds.length === 0) return undefined;
  const status = STATUS.exec(bodyText)?.[1];
  return {
    recipients,
    quotedMessageIds,
    ...(status === undefined ? {} : { status }),
    permanent: status === undefined || status.startsWith('5'),
  };
}

/** The case after one of its messages bounced: the addresses are marked, the history says so. */
export function applyBounce(supportCase: SupportCase, report: BounceReport, receivedAt: string): SupportCase {
  const addresses = report.recipients.length > 0 ? report.recipients : ['(unknown recipient)'];
  return {
    ...supportCase,
    version: nextVersion(supportCase),
    updatedAt: receivedAt,
    ...(report.permanent ? { bouncing: [...new Set([...(supportCase.bouncing ?? []), ...report.recipients])] } : {}),
    recent: withHistory(
      supportCase.recent,
      historyEntry(
        receivedAt,
        'bounce',
        'mail system',
        `${report.permanent ? 'Undeliverable' : 'Delayed'}: ${addresses.join(', ')}${report.status ? ` (${report.status})` : ''}`,
      ),
    ),
  };
}
