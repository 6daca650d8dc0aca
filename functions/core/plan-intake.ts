import type { IntakePlan, PlanInput, PlanSettings } from './intake-plan.ts';
import { draftAcknowledgement } from './acknowledgement.ts';
import { acknowledgementTimes } from './acknowledgement-times.ts';
import { draftAgentNotification, draftSpoofedAgentAlert } from './agent-notification.ts';
import { isNoReplyAddress } from './automatic-mail.ts';
import { senderNotes } from './sender-source.ts';
import { planAgentReply } from './agent-reply.ts';
import { planEngineeringIntake } from './engineering-intake.ts';
import { measureChange } from './case-measures.ts';
import { applyCustomerReply } from './customer-reply.ts';
import { MAX_RECENT_HISTORY } from './history.ts';
import { withholdReplyNotification } from './reply-flood.ts';
import { inboundMessage, newCase, wordsOf, type InboundMailFacts } from './new-case.ts';
import { admitParticipants, copiesTrust, type ParticipantChange } from './participants.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { SupportCase } from './support-case.ts';
import { asPlainAttachments, attachCaseFiles } from './case-files.ts';
import { ownDomains, queueAddresses } from './queue-selection.ts';
import { decideCaseLanguage } from './case-language.ts';
import { caseLanguage } from './draft-language.ts';

/** What one mail changes, by its route: an agent's reply, a customer's reply, or a new case. Pure. */
export function planIntake(input: PlanInput): IntakePlan {
  const { route } = input;
  if (route.kind === 'agent-reply') return planAgentIntake(input, route);
  if (route.kind === 'customer-reply') return planCustomerReply(input, route);
  if (route.kind === 'engineering-reply') return planEngineeringIntake(input, route.supportCase);
  return planNewCase(input, route);
}

type RouteOf<K extends PlanInput['route']['kind']> = Extract<PlanInput['route'], { kind: K }>;

/** Who is in a team, and every queue's own address: never on a case's customer side. */
function teamAddressesOf(settings: PlanSettings): string[] {
  return [
    settings.team.teamAddress,
    settings.team.engineeringAddress,
    ...settings.team.agents.map((a) => a.email),
    ...queueAddresses(settings.queues),
  ];
}

/** The customer side a mail admits to a case (see admitParticipants), given how the mail found it. */
function admit(input: PlanInput, current: readonly string[], via?: 'token' | 'references' | 'subject') {
  return admitParticipants({
    current,
    mail: input.mail,
    trust: copiesTrust({ ...(via === undefined ? {} : { via }), dmarc: input.verdicts.dmarc }),
    ownDomains: ownDomains(input.settings.domain, input.settings.queues),
    teamAddresses: teamAddressesOf(input.settings),
  });
}

function commonOf(input: PlanInput) {
  return {
    team: input.settings.team,
    supportName: input.settings.supportName,
    replyAddresses: input.replyAddresses,
    timeZone: input.settings.businessHours.timeZone,
  };
}

function planAgentIntake(input: PlanInput, route: RouteOf<'agent-reply'>): IntakePlan {
  const { mail, settings, messageKey } = input;
  const common = commonOf(input);
  if (input.commands === undefined) throw new Error('An agent reply needs its parsed commands');
  const plan = planAgentReply({
    ...common,
    supportCase: route.supportCase,
    agent: route.agent,
    commands: input.commands,
    written: wordsOf(mail),
    ...(input.macros === undefined ? {} : { macros: input.macros }),
    attachments: asPlainAttachments(input.content.attachments),
    receivedAt: mail.receivedAt,
    survey: input.survey,
    timeZone: settings.businessHours.timeZone,
    ...(input.transcript === undefined ? {} : { transcript: input.transcript }),
    ...(input.mergeTarget === undefined ? {} : { mergeTarget: input.mergeTarget }),
    ...(input.customerFiles === undefined ? {} : { customerFiles: { ...input.files, files: input.customerFiles } }),
    ...(input.queueTargets === undefined ? {} : { queueTargets: input.queueTargets }),
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
    ...(plan.survivor === undefined ? {} : { survivor: plan.survivor }),
    ...(plan.block === undefined ? {} : { block: plan.block }),
  };
}

function planCustomerReply(input: PlanInput, route: RouteOf<'customer-reply'>): IntakePlan {
  const { mail, messageKey } = input;
  const common = commonOf(input);
  const participants = admit(input, route.supportCase.participants, route.via);
  const supportCase = applyCustomerReply(route.supportCase, mail, participants.participants);
  // Who joined is always told; a burst of unanswered mail that changes nothing else is filed quietly.
  const withheld = withholdReplyNotification(route.supportCase, mail.receivedAt) && participants.added.length === 0;
  return {
    outcome: 'case-updated',
    supportCase,
    isNewCase: false,
    caseChanged: true,
    message: inboundMessage(supportCase.caseNumber, messageKey, mail, input.content),
    drafts: withheld
      ? {}
      : {
          notification: withFiles(
            input,
            draftAgentNotification({
              ...common,
              supportCase,
              event: 'customer-reply',
              ...(mail.from ? { from: mail.from } : {}),
              words: wordsOf(mail),
              reopened: route.supportCase.status === 'solved',
              participants,
              senderNotes: notesOn(mail),
            }),
          ),
        },
    ...optionalReason([
      notAddedReason(participants),
      withheld ? `notification withheld: ${MAX_RECENT_HISTORY} unanswered customer mails within the hour` : undefined,
    ]),
  };
}

function planNewCase(input: PlanInput, route: RouteOf<'new-case'>): IntakePlan {
  const { mail, settings, messageKey } = input;
  const common = commonOf(input);
  if (input.newCaseNumber === undefined) throw new Error('A new case needs a case number');
  const participants = admit(input, []);
  const supportCase = openCase(input, route, participants.participants, input.newCaseNumber);
  const drafts: Record<string, OutboundDraft> = {};
  if (route.silence === undefined && mail.from !== undefined) {
    drafts.acknowledgement = draftAcknowledgement({
      supportCase,
      requester: mail.from,
      supportName: settings.supportName,
      firstResponseHours: settings.slaPolicy.byPriority[supportCase.priority].firstResponse,
      times: acknowledgementTimes({
        supportCase,
        slaPolicy: settings.slaPolicy,
        businessHours: settings.businessHours,
        ...(mail.dateOffsetMinutes === undefined ? {} : { customerOffsetMinutes: mail.dateOffsetMinutes }),
        language: caseLanguage(supportCase, settings),
        now: new Date(mail.receivedAt),
      }),
      replyAddresses: input.replyAddresses,
    });
  }
  if (route.spoofedAgent !== undefined) {
    const v = input.verdicts;
    drafts.alert = draftSpoofedAgentAlert({
      ...common,
      supportCase,
      claimedAgent: `${route.spoofedAgent.name} <${route.spoofedAgent.email}>`,
      at: new Date(mail.receivedAt),
      verdicts: `SPF ${v.spf}, DKIM ${v.dkim}, DMARC ${v.dmarc}`,
    });
  } else if (!supportCase.flags.includes('spam') && !supportCase.flags.includes('virus')) {
    drafts.notification = withFiles(
      input,
      draftAgentNotification({
        ...common,
        supportCase,
        event: 'new-case',
        ...(mail.from ? { from: mail.from } : {}),
        words: wordsOf(mail),
        participants,
        senderNotes: notesOn(mail),
      }),
    );
  }
  return {
    outcome: 'case-opened',
    supportCase,
    isNewCase: true,
    caseChanged: true,
    message: inboundMessage(supportCase.caseNumber, messageKey, mail, input.content),
    drafts,
    ...optionalReason([route.silence, route.mismatch, notAddedReason(participants)]),
  };
}

/** The case a new mail opens, in its queue and in its customer's language. */
function openCase(
  input: PlanInput,
  route: RouteOf<'new-case'>,
  participants: readonly string[],
  caseNumber: number,
): SupportCase {
  const { mail, settings } = input;
  const told = mail.contentLanguage === undefined ? {} : { contentLanguage: mail.contentLanguage };
  return newCase({
    caseId: input.newCaseId,
    caseNumber,
    mail,
    flags: route.flags,
    participants,
    ...(route.previousCase === undefined ? {} : { previousCase: route.previousCase }),
    language: decideCaseLanguage(
      { ...told, words: wordsOf(mail) },
      input.detectLanguage ?? (() => undefined),
      settings.language,
    ),
    ...(settings.queueId === undefined ? {} : { queue: settings.queueId }),
  });
}

/** A notification of the mail with the mail's own files: attached within the policy, else (and always for a virus) as links. */
function withFiles(input: PlanInput, draft: OutboundDraft): OutboundDraft {
  return attachCaseFiles(draft, input.content.attachments, {
    ...input.files,
    virus: input.verdicts.virus === 'FAIL',
    timeZone: input.settings.businessHours.timeZone,
  });
}

/** Recorded with the intake, so an operator sees why someone copied on a mail hears nothing. */
function notAddedReason(change: ParticipantChange): string | undefined {
  const reasons = [
    ...(change.notAdded.length === 0
      ? []
      : [`copied addresses not added (sender unverified): ${change.notAdded.join(', ')}`]),
    ...(change.overLimit === undefined
      ? []
      : [`copied addresses not added (the case has its most participants): ${change.overLimit.join(', ')}`]),
  ];
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

function optionalReason(parts: readonly (string | undefined)[]): { reason?: string } {
  const reason = parts.filter((r): r is string => r !== undefined).join('; ');
  return reason === '' ? {} : { reason };
}

/** What the agent should know about who sent `mail`. */
function notesOn(mail: InboundMailFacts): string[] {
  return senderNotes({
    ...(mail.senderSource === undefined ? {} : { source: mail.senderSource }),
    takesNoReplies: isNoReplyAddress(mail.from?.address),
  });
}
