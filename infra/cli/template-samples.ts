import { draftAcknowledgement } from '../../functions/core/acknowledgement.ts';
import {
  draftAgentNotification,
  draftBounceNotice,
  draftSpoofedAgentAlert,
  draftWithheldAnswerNotice,
} from '../../functions/core/agent-notification.ts';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply } from '../../functions/core/agent-reply.ts';
import type { Agent, Team } from '../../functions/core/agents.ts';
import { attachCaseFiles, DEFAULT_FILE_POLICY } from '../../functions/core/case-files.ts';
import { fileLinkFactory } from '../../functions/core/file-link.ts';
import { inReaderLanguage } from '../../functions/core/draft-language.ts';
import { draftFloodNotice } from '../../functions/core/flood-notice.ts';
import { planFollowUp } from '../../functions/core/follow-up-plan.ts';
import { senderNotes } from '../../functions/core/sender-source.ts';
import { newCase, type InboundMailFacts } from '../../functions/core/new-case.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import { replyAddresses } from '../../functions/core/reply-token.ts';
import { planRating } from '../../functions/core/rating-recovery.ts';
import { planSlaAlert } from '../../functions/core/sla-alert.ts';
import { planSupervisorRequest } from '../../functions/core/supervisor-request.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import type { ReplyAddresses } from '../../functions/core/reply-token.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { surveyLinkFactory } from '../../functions/core/survey-token.ts';
import { buildTranscript } from '../../functions/core/transcript.ts';
import { bugLoopSamples } from './template-samples-loop.ts';
import { reportMailSamples } from './report-mail-samples.ts';

/** A message the pipeline can send, drafted by the same planner the functions use, to render with sample data. */
export interface TemplateSample {
  /** What situation it stands for: "acknowledgement of a case that follows an earlier one". */
  readonly label: string;
  readonly draft: OutboundDraft;
}

const SUPPORT_NAME = 'Example Support';
const SAMPLE_SECRET = 'sample-secret-for-template-checks-only-0123456789';
const MARIA: Agent = { name: 'Maria Lopez', email: 'maria@staff.example.com', agentId: 'A-101', role: 'agent' };
const TEAM: Team = {
  agents: [
    MARIA,
    { name: 'Tom Becker', email: 'tom@staff.example.com', agentId: 'A-102', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.example.com', agentId: 'S-001', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.example.com',
  engineeringAddress: 'engineering@staff.example.com',
};
/** A queue with a signature, so the customer templates' signature sections render too. */
const SAMPLE_QUEUE = { signature: 'Example Support · help.example.test\nMonday to Friday, 09:00–17:00' };
const ATTACHMENT = { filename: 'photo.jpg', contentType: 'image/jpeg', size: 48_000, key: 'content/sample/photo.jpg' };

/**
 * Every message the pipeline sends, in each of its variants (new case or follow-up, assigned or not,
 * answer or bare #solve, warning or breach ...), so a template's optional sections are rendered too.
 */
export function templateSamples(now = new Date('2026-11-24T09:00:00Z')): TemplateSample[] {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const replies = replyAddresses(SAMPLE_SECRET, 'support@example.test', now);
  const survey = surveyLinkFactory(SAMPLE_SECRET, 'https://survey.example.test/', 28, now);
  const common = { team: TEAM, supportName: SUPPORT_NAME, replyAddresses: replies, timeZone: 'Europe/Berlin' };
  const mail: InboundMailFacts = {
    sesMessageId: 'sample-1',
    rawKey: 'inbound/sample-1',
    receivedAt: at(0),
    from: { address: 'ana@customer.test', name: 'Ana Souza' },
    to: [{ address: 'support@example.test' }],
    cc: [{ address: 'bob@customer.test' }],
    references: [],
    subject: 'My order never arrived',
    messageId: '<ana-1@customer.test>',
    text: 'Hello, order 4711 never arrived. Can you help?',
  };
  const opened = newCase({
    caseId: 'sample',
    caseNumber: 1001,
    mail,
    flags: [],
    participants: ['ana@customer.test', 'bob@customer.test'],
  });
  const assigned: SupportCase = {
    ...opened,
    status: 'open',
    assignee: 'A-101',
    firstResponseAt: at(30),
    updatedAt: at(30),
  };
  const pending: SupportCase = { ...assigned, status: 'pending', pendingSpans: [{ from: at(30) }] };
  const withNote: SupportCase = {
    ...assigned,
    recent: [
      ...assigned.recent,
      { at: at(35), kind: 'note', who: 'Maria Lopez (A-101)', snippet: 'She called; the courier lost it.' },
    ],
  };
  const withTom: SupportCase = { ...withNote, assignee: 'A-102' };
  const transcript = buildTranscript([
    {
      caseNumber: 1001,
      messageKey: `MSG#${at(0)}#a`,
      direction: 'inbound',
      kind: 'customer',
      from: mail.from,
      to: [],
      cc: [],
      subject: 's',
      date: at(0),
      sesMessageId: 'a',
      references: [],
      textSummary: mail.text ?? '',
      words: mail.text ?? '',
      attachments: [ATTACHMENT],
    },
    {
      caseNumber: 1001,
      messageKey: `MSG#${at(30)}#b`,
      direction: 'outbound',
      kind: 'agent-reply',
      from: { address: 'support@example.test', name: 'Maria Lopez (Example Support)' },
      to: [],
      cc: [],
      subject: 's',
      date: at(30),
      sesMessageId: 'b',
      references: [],
      textSummary: '',
      words: 'A replacement is on its way.',
      attachments: [],
    },
  ]);
  const agentReply = (supportCase: SupportCase, replyText: string, withTranscript = false) =>
    planAgentReply({
      ...common,
      supportCase,
      agent: MARIA,
      commands: parseAgentCommands(replyText),
      attachments: [ATTACHMENT],
      receivedAt: at(45),
      survey,
      timeZone: 'Europe/Berlin',
      ...(withTranscript ? { transcript } : {}),
      queueTargets: [
        {
          id: 'support',
          address: 'support@example.test',
          displayName: SUPPORT_NAME,
          team: TEAM,
          timeZone: 'Europe/Berlin',
          replyAddresses: replies,
        },
        {
          id: 'billing',
          address: 'billing@example.test',
          displayName: 'Example Billing',
          team: { ...TEAM, agents: TEAM.agents.slice(1), teamAddress: 'billing-team@staff.example.com' },
          timeZone: 'Europe/Berlin',
          replyAddresses: replyAddresses(SAMPLE_SECRET, 'billing@example.test', now),
        },
      ],
      // The customer's files in escalations, bug reports and handovers: one attached, one linked past the total.
      customerFiles: {
        files: [ATTACHMENT, { ...ATTACHMENT, filename: 'video.mp4', contentType: 'video/mp4', size: 30 * 1024 * 1024 }],
        policy: DEFAULT_FILE_POLICY,
        links: fileLinkFactory(SAMPLE_SECRET, 'https://survey.example.test/', 7, now),
      },
    }).drafts;
  const slaCheck = (stage: 'warning' | 'breach' | 're-escalation') => ({
    caseNumber: 1001,
    target: 'first-response' as const,
    stage,
    dueAt: at(240),
    clockStart: at(0),
  });
  const sla = (supportCase: SupportCase, stage: 'warning' | 'breach' | 're-escalation', hoursLeft: number) =>
    planSlaAlert({
      ...common,
      check: slaCheck(stage),
      supportCase,
      businessHoursLeft: hoursLeft,
      deadline: 'Tue 24 Nov, 13:00 CET',
      now: new Date(at(240)),
    }).drafts;
  const followUp = (stage: 'nudge' | 'auto-solve', autoSolveAt?: string) =>
    planFollowUp({
      ...common,
      check: { caseNumber: 1001, target: 'pending-follow-up', stage, dueAt: at(4000), clockStart: at(30) },
      supportCase: pending,
      survey,
      timeZone: 'Europe/Berlin',
      transcript,
      now: new Date(at(4000)),
      ...(autoSolveAt === undefined ? {} : { autoSolveAt }),
    }).drafts;
  const samples: Array<[string, OutboundDraft | undefined]> = [
    [
      'acknowledgement of a new case',
      draftAcknowledgement({
        supportCase: opened,
        requester: { address: 'ana@customer.test', name: 'Ana Souza' },
        supportName: SUPPORT_NAME,
        firstResponseHours: 4,
        times: {
          answerDue: 'by 15:00 today, your time',
          businessHoursWords: 'Monday to Friday, 09:00–17:00 (Berlin time)',
        },
        replyAddresses: replies,
      }),
    ],
    [
      'acknowledgement of a case that follows an earlier one',
      draftAcknowledgement({
        supportCase: { ...opened, previousCase: 998 },
        requester: { address: 'ana@customer.test' },
        supportName: SUPPORT_NAME,
        firstResponseHours: 0.5,
        // No due time: a case no first-response target runs for.
        times: {
          answerDue: '',
          businessHoursWords: 'Monday to Thursday 09:00–17:00, Friday 09:00–13:00 (Berlin time)',
        },
        replyAddresses: replies,
      }),
    ],
    [
      'notification of a new case to the team',
      draftAgentNotification({
        ...common,
        supportCase: opened,
        event: 'new-case',
        from: mail.from,
        words: mail.text ?? '',
        participants: { added: ['bob@customer.test'], notAdded: [] },
      }),
    ],
    [
      'notification of a new case with a pasted picture, a PDF, a file past the total and a virus mail’s file',
      attachCaseFiles(
        draftAgentNotification({
          ...common,
          supportCase: opened,
          event: 'new-case',
          from: mail.from,
          words: mail.text ?? '',
        }),
        [
          { ...ATTACHMENT, filename: 'screenshot.png', contentType: 'image/png', contentId: '<shot-1@customer.test>' },
          { ...ATTACHMENT, filename: 'invoice.pdf', contentType: 'application/pdf' },
          { ...ATTACHMENT, filename: 'video.mp4', contentType: 'video/mp4', size: 30 * 1024 * 1024 },
        ],
        {
          policy: DEFAULT_FILE_POLICY,
          links: fileLinkFactory(SAMPLE_SECRET, 'https://survey.example.test/', 7, now),
          timeZone: common.timeZone,
        },
      ),
    ],
    [
      'notification of a reply whose mail was marked as carrying a virus',
      attachCaseFiles(
        draftAgentNotification({
          ...common,
          supportCase: assigned,
          event: 'customer-reply',
          from: mail.from,
          words: 'See attached.',
        }),
        [ATTACHMENT],
        {
          policy: DEFAULT_FILE_POLICY,
          links: fileLinkFactory(SAMPLE_SECRET, 'https://survey.example.test/', 7, now),
          virus: true,
          timeZone: common.timeZone,
        },
      ),
    ],
    [
      'notification of a reply from an unverified sender who copied someone',
      draftAgentNotification({
        ...common,
        supportCase: assigned,
        event: 'customer-reply',
        from: mail.from,
        words: 'Any news?',
        participants: { added: [], notAdded: ['eve@elsewhere.test'] },
      }),
    ],
    [
      'notice that a sender reached its hourly bound of new cases',
      draftFloodNotice({
        ...common,
        supportCase: opened,
        by: 'sender',
        source: 'ana@customer.test',
        bound: 10,
        until: new Date(at(60)),
      }),
    ],
    [
      'notification of a new case from a no-reply sender found only in Reply-To',
      draftAgentNotification({
        ...common,
        supportCase: opened,
        event: 'new-case',
        from: { address: 'noreply@shop.test' },
        words: 'Your parcel is on its way.',
        senderNotes: senderNotes({ source: 'reply-to', takesNoReplies: true }),
      }),
    ],
    [
      'notification of a reply that reopened an assigned case',
      draftAgentNotification({
        ...common,
        supportCase: { ...assigned, previousCase: 998 },
        event: 'customer-reply',
        words: 'It still has not arrived.',
        reopened: true,
      }),
    ],
    ['an agent answer', agentReply(assigned, '#pending\n\nHi Ana, a replacement is on its way.').reply],
    ['the conversation sent on request (#transcript)', agentReply(assigned, '#transcript', true).reply],
    [
      'an answer that solves the case',
      agentReply(assigned, '#solve\n\nIt is on its way; tracking 123456.', true).closing,
    ],
    ['a bare #solve', agentReply(assigned, '#solve', true).closing],
    ['an escalation', agentReply(assigned, '#escalate wants compensation').escalation],
    ['a case handed to a colleague', agentReply(withNote, '#assign tom').handover],
    ['a case moved to another queue, its assignee not in that team', agentReply(withNote, '#move billing').moved],
    ['a case moved to another queue with its assignee', agentReply(withTom, '#move billing').moved],
    ['a case taken from a colleague', agentReply(withTom, '#take\n#note I will call her').handover],
    ['word to the colleague a case was taken from', agentReply(withTom, '#take').handedOver],
    ['word to the holder of an escalated case', agentReply(withTom, '#escalate wants compensation').handedOver],
    ['a bug report', agentReply(assigned, '#bug checkout shows no tracking number', true).bug],
    ...bugLoopSamples(common, assigned, at(50)),
    ['an explanation of a command that could not run', agentReply(assigned, '#close\n\nAll done').explanation],
    [
      "an alert about mail in an agent's name that failed authentication",
      draftSpoofedAgentAlert({
        ...common,
        supportCase: opened,
        claimedAgent: 'Maria Lopez <maria@staff.example.com>',
        verdicts: 'SPF FAIL, DKIM FAIL, DMARC FAIL',
        at: new Date(at(10)),
      }),
    ],
    [
      'a permanent bounce',
      draftBounceNotice({
        ...common,
        supportCase: assigned,
        recipients: ['ana@customer.test'],
        status: '5.1.1',
        permanent: true,
      }),
    ],
    [
      'a temporary bounce',
      draftBounceNotice({ ...common, supportCase: opened, recipients: [], status: '4.2.2', permanent: false }),
    ],
    [
      'an answer that reached nobody',
      draftWithheldAnswerNotice({
        ...common,
        supportCase: assigned,
        drafts: agentReply(assigned, 'Hi Ana, a replacement is on its way.'),
        suppressed: {
          'ana@customer.test': 'bounce (Permanent General; 5.1.1) on 2026-11-24T10:00:00Z',
          'bob@customer.test': 'complaint (abuse) on 2026-11-25T08:00:00Z',
        },
      }),
    ],
    ['a response-time warning to the team', sla(opened, 'warning', 1).warning],
    ['a breach to the assignee', sla(assigned, 'breach', -0.5).breach],
    ['a breach to the supervisor', sla(assigned, 'breach', -0.5).supervisor],
    ['a standing breach again to the supervisor', sla(assigned, 're-escalation', -4).supervisor],
    ['a nudge on a pending case that will close', followUp('nudge', at(9000)).nudge],
    ['a nudge on a pending case that stays open', followUp('nudge').nudge],
    ['a case closed after the customer stayed silent', followUp('auto-solve').closing],
    ...ratingSamples({ ...common, solved: { ...assigned, status: 'solved', solvedAt: at(60) }, at: at(90) }),
  ];
  return [
    ...samples.map(([label, draft]) => {
      if (draft === undefined)
        throw new Error(
          `The sample "${label}" drafted no message: the planner changed; update infra/cli/template-samples.ts`,
        );
      return { label, draft: inReaderLanguage(draft, opened, SAMPLE_QUEUE) };
    }),
    ...reportMailSamples(TEAM, SUPPORT_NAME),
  ];
}

/** The mails a survey rating sets off: the follow-up of an unhappy one, the thanks for a "Great", a supervisor request. */
function ratingSamples(input: {
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly solved: SupportCase;
  readonly at: string;
}): Array<[string, OutboundDraft | undefined]> {
  const policies = {
    lifecycle: DEFAULT_LIFECYCLE_POLICY,
    slaPolicy: DEFAULT_SLA_POLICY,
    businessHours: DEFAULT_BUSINESS_HOURS,
  };
  const rating = (answer: RatingEvent['answer'], comment?: string, agentId = 'A-101'): RatingEvent => ({
    eventId: 'sample',
    caseNumber: input.solved.caseNumber,
    agentId,
    answer,
    ratedAt: input.at,
    round: 1,
    ...(comment === undefined ? {} : { comment }),
  });
  const rate = (given: RatingEvent) => planRating({ ...input, ...policies, rating: given, supportCase: input.solved });
  const unhappy = rate(rating('not-good', 'I had to write three times.'));
  const request = planSupervisorRequest({
    ...input,
    ...policies,
    supportCase: unhappy.supportCase ?? input.solved,
    rating: rating('not-good', 'I had to write three times.'),
    now: new Date(input.at),
  });
  return [
    ['an unhappy rating, to the agent who solved the case', unhappy.drafts.agent],
    ['an unhappy rating without a comment, to the supervisor', rate(rating('not-good')).drafts.supervisor],
    [
      'an unhappy rating of a case the team solved, to the team',
      rate(rating('not-good', undefined, 'team')).drafts.team,
    ],
    ['a thank-you for a "Great" with words, to the agent', rate(rating('great', 'Quick and kind!')).drafts.thanks],
    ['a customer asks for a supervisor', request.kind === 'escalate' ? request.drafts.supervisor : undefined],
  ];
}
