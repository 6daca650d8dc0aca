import { draftAcknowledgement } from '../core/acknowledgement.ts';
import { draftAgentNotification, draftBounceNotice, draftSpoofedAgentAlert } from '../core/agent-notification.ts';
import { isNoReplyAddress } from '../core/automatic-mail.ts';
import { senderNotes } from '../core/sender-source.ts';
import { applyBounce, type BounceReport } from '../core/bounce.ts';
import { planAgentReply } from '../core/agent-reply.ts';
import type { Agent, Team } from '../core/agents.ts';
import type { BusinessHours } from '../core/business-calendar.ts';
import type { Transcript } from '../core/closing-message.ts';
import { measureChange, type CaseMeasures } from '../core/case-measures.ts';
import { applyCustomerReply } from '../core/customer-reply.ts';
import type { ReceiptVerdicts } from '../core/intake-decision.ts';
import { inboundMessage, newCase, type InboundMailFacts, type StoredContent } from '../core/new-case.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import type { ReplyAddresses } from '../core/reply-token.ts';
import type { Route } from '../core/route-mail.ts';
import type { SlaPolicy } from '../core/sla-clock.ts';
import type { SurveyLinkFactory } from '../core/survey-token.ts';
import type { CaseMessage, SupportCase } from '../core/support-case.ts';
import { messageSortKey } from '../adapters/case-keys.ts';

export interface PlanSettings {
  readonly supportName: string;
  readonly domain: string;
  readonly slaPolicy: SlaPolicy;
  readonly team: Team;
  readonly businessHours: BusinessHours;
}

/** What one mail changes: the case, the message filed, and what must be sent. Pure. */
export interface IntakePlan {
  readonly outcome: 'case-opened' | 'case-updated';
  readonly supportCase: SupportCase;
  readonly isNewCase: boolean;
  /** False when the mail leaves the case as it was (a reply whose commands could not run). */
  readonly caseChanged: boolean;
  readonly message: CaseMessage;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly reason?: string;
  readonly measures?: CaseMeasures;
  readonly bounce?: boolean;
  /** The agent whose mail this is: told, should their answer reach nobody. */
  readonly author?: Agent;
}

interface PlanFacts {
  readonly mail: InboundMailFacts;
  readonly content: StoredContent;
  readonly verdicts: ReceiptVerdicts;
  readonly settings: PlanSettings;
  readonly replyAddresses: ReplyAddresses;
  readonly survey: SurveyLinkFactory;
}

export interface PlanInput extends PlanFacts {
  readonly route: Exclude<Route, { kind: 'ignore' | 'hold' }>;
  /** Allocated by the caller only for a new case. */
  readonly newCaseNumber?: number;
  readonly newCaseId: string;
  /** The case's public conversation, read when an agent's reply solves the case or asks for it. */
  readonly transcript?: Transcript;
}

export function planIntake(input: PlanInput): IntakePlan {
  const { route, mail, settings } = input;
  const teamAddresses = [settings.team.teamAddress, settings.team.engineeringAddress, ...settings.team.agents.map((a) => a.email)];
  const common = { team: settings.team, supportName: settings.supportName, replyAddresses: input.replyAddresses };
  const messageKey = messageSortKey(mail.receivedAt, mail.sesMessageId);

  if (route.kind === 'agent-reply') {
    const plan = planAgentReply({
      ...common,
      supportCase: route.supportCase,
      agent: route.agent,
      replyText: mail.replyText ?? mail.text ?? '',
      attachments: input.content.attachments,
      receivedAt: mail.receivedAt,
      survey: input.survey,
      timeZone: settings.businessHours.timeZone,
      ...(input.transcript === undefined ? {} : { transcript: input.transcript }),
    });
    return {
      outcome: 'case-updated',
      supportCase: plan.supportCase,
      isNewCase: false,
      caseChanged: plan.problems.length === 0,
      message: inboundMessage(route.supportCase.caseNumber, messageKey, mail, input.content, plan.messageKind),
      drafts: plan.drafts,
      measures: measureChange(route.supportCase, plan.supportCase),
      ...(plan.problems.length > 0 ? { reason: `command problems: ${plan.problems.join(' ')}` } : {}),
      author: route.agent,
    };
  }

  if (route.kind === 'customer-reply') {
    const supportCase = applyCustomerReply(route.supportCase, mail, settings.domain, teamAddresses);
    return {
      outcome: 'case-updated',
      supportCase,
      isNewCase: false,
      caseChanged: true,
      message: inboundMessage(supportCase.caseNumber, messageKey, mail, input.content),
      drafts: {
        notification: draftAgentNotification({ ...common, supportCase, event: 'customer-reply', ...(mail.from ? { from: mail.from } : {}), words: mail.replyText ?? mail.text ?? '', reopened: route.supportCase.status === 'solved', senderNotes: notesOn(mail) }),
      },
    };
  }

  if (input.newCaseNumber === undefined) throw new Error('A new case needs a case number');
  const supportCase = newCase({ caseId: input.newCaseId, caseNumber: input.newCaseNumber, mail, flags: route.flags, ownDomain: settings.domain, teamAddresses, ...(route.previousCase === undefined ? {} : { previousCase: route.previousCase }) });
  const drafts: Record<string, OutboundDraft> = {};
  if (route.silence === undefined && mail.from !== undefined) {
    drafts.acknowledgement = draftAcknowledgement({ supportCase, requester: mail.from, supportName: settings.supportName, firstResponseHours: settings.slaPolicy.byPriority[supportCase.priority].firstResponse, replyAddresses: input.replyAddresses });
  }
  if (route.spoofedAgent !== undefined) {
    const v = input.verdicts;
    drafts.alert = draftSpoofedAgentAlert({ ...common, supportCase, claimedAgent: `${route.spoofedAgent.name} <${route.spoofedAgent.email}>`, verdicts: `SPF ${v.spf}, DKIM ${v.dkim}, DMARC ${v.dmarc}` });
  } else if (!supportCase.flags.includes('spam') && !supportCase.flags.includes('virus')) {
    drafts.notification = draftAgentNotification({ ...common, supportCase, event: 'new-case', ...(mail.from ? { from: mail.from } : {}), words: mail.replyText ?? mail.text ?? '', senderNotes: notesOn(mail) });
  }
  const reason = [route.silence, route.mismatch].filter((r): r is string => r !== undefined).join('; ');
  return { outcome: 'case-opened', supportCase, isNewCase: true, caseChanged: true, message: inboundMessage(supportCase.caseNumber, messageKey, mail, input.content), drafts, ...(reason ? { reason } : {}) };
}

/** What the agent should know about who sent `mail`. */
function notesOn(mail: InboundMailFacts): string[] {
  return senderNotes({ ...(mail.senderSource === undefined ? {} : { source: mail.senderSource }), takesNoReplies: isNoReplyAddress(mail.from?.address) });
}

/** A bounce of one of our messages: filed in its case, the address marked, the agent told. */
export function planBounce(input: PlanFacts & { readonly supportCase: SupportCase; readonly report: BounceReport }): IntakePlan {
  const { mail, report, settings } = input;
  const supportCase = applyBounce(input.supportCase, report, mail.receivedAt);
  const status = report.status ?? 'unknown';
  return {
    outcome: 'case-updated',
    supportCase,
    isNewCase: false,
    caseChanged: true,
    message: inboundMessage(supportCase.caseNumber, messageSortKey(mail.receivedAt, mail.sesMessageId), mail, input.content, 'bounce'),
    drafts: {
      notification: draftBounceNotice({ supportCase, team: settings.team, supportName: settings.supportName, replyAddresses: input.replyAddresses, recipients: report.recipients, status, permanent: report.permanent }),
    },
    reason: `bounce: ${report.recipients.join(', ') || 'unknown recipient'} (${status})`,
    bounce: true,
  };
}
