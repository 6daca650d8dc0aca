import type { RecordOutcome, RatingStore, SurveyConsequences } from '../adapters/rating-store.ts';
import { forQueue, withCurrentTeam } from '../config/current-team.ts';
import { queueDrafts, queueIdOf } from '../core/queue-selection.ts';
import type { MailFunctionDependencies } from '../config/mail-dependencies.ts';
import type { IntakeRecord } from '../core/intake-record.ts';
import { pageReader, type PageReader } from './survey-page-book.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import { formatDeadline, planRating, type RatingPlan } from '../core/rating-recovery.ts';
import type { RatingEvent } from '../core/ratings.ts';
import { replyAddresses } from '../core/reply-token.ts';
import { scheduleChecks } from '../core/sla-clock.ts';
import type { SupportCase } from '../core/support-case.ts';
import { planSupervisorRequest } from '../core/supervisor-request.ts';
import type { SurveyClaims } from '../core/survey-token.ts';
import type { VerifiedNonce } from '../core/survey-vote.ts';
import { OUTBOX_LEASE_MS, resumeOutbox, SLA_CHECKS, sendOutbox } from '../outbox/send-outbox.ts';

/**
 * Plans made from a case read a moment before: an agent's mail may change the case meanwhile, and
 * then the survey's write is refused and planned again from the case as it is. Three tries cover
 * any pace people work at; more means something is wrong, and the request fails loudly.
 */
const MAX_PLAN_ATTEMPTS = 3;

/** What the survey function mails with: the mail functions' dependencies, and its ratings. */
export interface SurveyMailDependencies {
  readonly ratings: Pick<RatingStore, 'record' | 'recordRequest' | 'current'>;
  readonly mail: MailFunctionDependencies;
  readonly now: () => Date;
}

export interface VoteRecorded {
  readonly outcome: Exclude<RecordOutcome, 'case-changed'>;
  readonly plan?: RatingPlan;
  /** Who reads the page that thanks the customer (the case's language and queue); absent when the case is gone. */
  readonly reader?: PageReader;
}

/**
 * Records a vote with what it sets off, in one transaction (ratings, case, outbox), then sends the
 * outbox: an unhappy vote's mails to the agent and the supervisor and the follow-up target's checks,
 * or a "Great"'s thank-you. A form sent again resumes an outbox a failed send left behind.
 */
export async function recordVote(
  vote: { readonly event: RatingEvent; readonly nonce: VerifiedNonce },
  deps: SurveyMailDependencies,
): Promise<VoteRecorded> {
  const anyQueue = await mailAt(deps);
  const key = intakeKey(vote.nonce);
  for (let attempt = 1; attempt <= MAX_PLAN_ATTEMPTS; attempt++) {
    const supportCase = await caseOf(vote.event.caseNumber, anyQueue);
    if (supportCase === undefined) return { outcome: asFinal(await deps.ratings.record(vote.event, vote.nonce)) };
    // The vote's mails and follow-up target are its case's queue's.
    const mail = await forQueue(anyQueue, queueIdOf(supportCase));
    const { settings } = mail;
    const plan = planRating({
      rating: vote.event,
      supportCase,
      team: settings.team,
      lifecycle: settings.lifecycle,
      slaPolicy: settings.slaPolicy,
      businessHours: settings.businessHours,
      supportName: settings.supportName,
      replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, mail.now()),
    });
    // The case was just read: its expiry (retention) goes to the rating without reading it again.
    const expiry = supportCase.expiresAt === undefined ? {} : { caseExpiresAt: supportCase.expiresAt };
    const consequences = { ...consequencesOf(key, vote.event.caseNumber, plan, mail), ...expiry };
    const outcome = await deps.ratings.record(vote.event, vote.nonce, consequences);
    if (outcome === 'case-changed') continue;
    if (outcome === 'replayed') await resume(key, mail);
    if (outcome === 'recorded') await send(consequences.intake, mail);
    return { outcome, plan, reader: pageReader(supportCase, settings) };
  }
  throw new Error(`Case #${vote.event.caseNumber} kept changing while a survey vote was recorded`);
}

export type SupervisorRequested =
  | {
      readonly outcome: 'requested' | 'already-requested';
      readonly supervisorName: string;
      readonly by?: string;
      /** Who reads the page that answers the customer (the case's language and queue). */
      readonly reader: PageReader;
    }
  | { readonly outcome: 'replayed' }
  | { readonly outcome: 'unknown-case' };

/** "I'd like a supervisor to contact me": escalates the case to the supervisor on duty, once per form. */
export async function requestSupervisor(
  request: { readonly claims: SurveyClaims; readonly nonce: VerifiedNonce },
  deps: SurveyMailDependencies,
): Promise<SupervisorRequested> {
  const anyQueue = await mailAt(deps);
  const key = intakeKey(request.nonce);
  const { caseNumber } = request.claims;
  for (let attempt = 1; attempt <= MAX_PLAN_ATTEMPTS; attempt++) {
    const [supportCase, rating] = await Promise.all([caseOf(caseNumber, anyQueue), deps.ratings.current(caseNumber)]);
    if (supportCase === undefined) return { outcome: 'unknown-case' };
    // The supervisor on duty, the contact target and the mail's sender are the case's queue's.
    const mail = await forQueue(anyQueue, queueIdOf(supportCase));
    const { settings } = mail;
    const plan = planSupervisorRequest({
      supportCase,
      ...(rating === undefined ? {} : { rating }),
      team: settings.team,
      slaPolicy: settings.slaPolicy,
      businessHours: settings.businessHours,
      supportName: settings.supportName,
      replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, mail.now()),
      now: mail.now(),
    });
    const reader = pageReader(supportCase, settings);
    const by =
      plan.contactBy === undefined ? {} : { by: formatDeadline(plan.contactBy, reader.timeZone, reader.language) };
    const answer = { supervisorName: plan.supervisor.name, ...by, reader };
    // Asked before: the form still spends its nonce, so a form sent twice is a replay like a vote's.
    const consequences = plan.kind === 'escalate' ? consequencesOf(key, caseNumber, plan, mail) : {};
    const outcome = await deps.ratings.recordRequest(request.nonce, caseNumber, consequences);
    if (outcome === 'case-changed') continue;
    if (outcome === 'replayed') {
      await resume(key, mail);
      return { outcome: 'replayed' };
    }
    await send(consequences.intake, mail);
    return { outcome: plan.kind === 'escalate' ? 'requested' : 'already-requested', ...answer };
  }
  throw new Error(`Case #${caseNumber} kept changing while a supervisor request was recorded`);
}

/** One intake per confirmed form, named by its nonce: a form sent again finds the outbox it left. */
function intakeKey(nonce: VerifiedNonce): string {
  return `survey:${nonce.id}`;
}

/** The intake (the outbox and the checks the changed case calls for) and the case a plan writes. */
function consequencesOf(
  key: string,
  caseNumber: number,
  plan: { readonly supportCase?: SupportCase; readonly drafts: Readonly<Record<string, OutboundDraft>> },
  mail: MailFunctionDependencies,
): SurveyConsequences & { readonly intake?: IntakeRecord & { readonly leaseUntil: number } } {
  const { slaPolicy, businessHours } = mail.settings;
  // Every change to a case re-times its clocks: the follow-up target's checks start here.
  const checks = plan.supportCase === undefined ? [] : scheduleChecks(plan.supportCase, slaPolicy, businessHours);
  const names = [...Object.keys(plan.drafts), ...(checks.length > 0 ? [SLA_CHECKS] : [])];
  const supportCase = plan.supportCase === undefined ? {} : { supportCase: plan.supportCase };
  if (names.length === 0) return supportCase;
  const now = mail.now();
  const intake = {
    intakeKey: key,
    sesMessageId: key,
    rawKey: '',
    receivedAt: now.toISOString(),
    outcome: 'case-updated' as const,
    caseNumber,
    reason: 'survey page',
    outbox: queueDrafts(plan.drafts, plan.supportCase, mail.settings),
    ...(checks.length > 0 ? { slaChecks: checks } : {}),
    pendingSends: new Set(names),
    leaseUntil: now.getTime() + OUTBOX_LEASE_MS,
  };
  return { intake, ...supportCase };
}

async function send(
  intake: (IntakeRecord & { readonly leaseUntil: number }) | undefined,
  mail: MailFunctionDependencies,
): Promise<void> {
  if (intake !== undefined) await sendOutbox(intake, intake.leaseUntil, mail);
}

/** The same form again: send what its first try left unsent (a failed send answered it with an error page). */
async function resume(key: string, mail: MailFunctionDependencies): Promise<void> {
  const existing = await mail.intakes.getIntake(key);
  if (existing !== undefined) await resumeOutbox(existing, mail);
}

/** The mail dependencies with the team as it stands and the survey's clock (which tests move). */
async function mailAt(deps: SurveyMailDependencies): Promise<MailFunctionDependencies> {
  return { ...(await withCurrentTeam(deps.mail)), now: deps.now };
}

async function caseOf(caseNumber: number, mail: MailFunctionDependencies): Promise<SupportCase | undefined> {
  return (await mail.cases.getCases([caseNumber])).get(caseNumber);
}

function asFinal(outcome: RecordOutcome): VoteRecorded['outcome'] {
  if (outcome === 'case-changed') throw new Error('A vote for a case that does not exist changed no case');
  return outcome;
}
