import { messageSortKey } from '../adapters/case-keys.ts';
import { queueTeams } from '../config/current-team.ts';
import { judgeFlood } from '../core/flood-guard.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import { planBounce } from '../core/bounce-plan.ts';
import { planIntake } from '../core/plan-intake.ts';
import { DEFAULT_QUEUE_ID } from '../core/queues.ts';
import { queueOfRoute, type QueueTeams } from '../core/queue-routing.ts';
import { queueIdOf, sentFrom, settingsForQueue } from '../core/queue-selection.ts';
import { replyAddresses } from '../core/reply-token.ts';
import { surveyLinkFactory } from '../core/survey-token.ts';
import { caseFileLinks } from '../config/case-file-links.ts';
import { describeComplexity } from '../mail/mime-limits.ts';
import { loadLanguageDetector } from '../mail/language-detector.ts';
import { readForCommands } from './command-reads.ts';
import { commitAndSend, recordWithoutCase, resumeIntake } from './commit-intake.ts';
import { countNewCase, takeInFlood } from './flood-intake.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import { readReceipt, type ReadMail } from './read-receipt.ts';
import type { Receipt } from './ses-receipt-event.ts';
import { findBouncedCase, findCases, routeOf, type FoundCases } from './find-cases.ts';

/** Takes in one received mail: read, parse, find its case, decide, persist, send. Safe to repeat. */
export async function processReceipt(receipt: Receipt, given: InboundDependencies): Promise<IntakeOutcome> {
  // Files stored for this mail are attached to the team's notification from memory, not read back from S3.
  const withStore = { ...given, rawMail: given.rawMail.forOneMail() };
  // Every queue's team as it stands (each cached a minute): who is an agent is asked before the case is known.
  const teams = await queueTeams(withStore);
  const deps = inQueue(withStore, teams, DEFAULT_QUEUE_ID);
  const read = await readReceipt(receipt, deps);
  const found = await findCases(receipt, read, deps, teams);
  if (found.intake !== undefined) return resumeIntake(found.intake, receipt, deps);
  return takeIn(receipt, read, found, { deps, teams });
}

/** The dependencies with the settings of queue `queueId` and its team as it stands. */
function inQueue(deps: InboundDependencies, teams: QueueTeams, queueId: string): InboundDependencies {
  return { ...deps, settings: settingsForQueue(deps.settings, queueId, teams.get(queueId)) };
}

/** Decides what the mail becomes (the core's intake decision and route), and persists and sends that. */
async function takeIn(
  receipt: Receipt,
  read: ReadMail,
  found: FoundCases,
  { deps: anyQueue, teams }: { readonly deps: InboundDependencies; readonly teams: QueueTeams },
): Promise<IntakeOutcome> {
  const { parsed, mail, raw } = read;
  // The mail is worked with the settings of its case's queue, or of the queue it was written to.
  const { route, queueId } = queueOfRoute(
    routeOf(receipt, read, found, anyQueue.settings),
    { recipients: receipt.recipients, to: mail.to, cc: mail.cc, ...(mail.from ? { sender: mail.from.address } : {}) },
    anyQueue.settings.queues,
    teams,
  );
  const deps = inQueue(anyQueue, teams, queueId);
  const { settings } = deps;
  const { base, context, facts } = intakeFacts(receipt, read, found, deps);

  if (route.kind === 'bounce' && parsed !== undefined) {
    const bounce = await findBouncedCase(raw.bytes, read.intakeKey, deps);
    if (bounce !== undefined) {
      const caseDeps = inQueue(anyQueue, teams, queueIdOf(bounce.supportCase));
      const inCase = intakeFacts(receipt, read, found, caseDeps);
      return commitAndSend(planBounce({ ...inCase.facts, ...bounce }), inCase.context, caseDeps);
    }
  }
  // A bounce that quotes none of our messages is held like any other automatic mail.
  if (route.kind === 'ignore' || route.kind === 'hold' || route.kind === 'bounce')
    return recordWithoutCase(base, route.kind === 'ignore' ? 'ignored' : 'held', route.reason, deps);
  // Past its sender's or domain's bound this hour, a new mail is filed into an open case instead.
  const flood =
    route.kind === 'new-case' && found.floodKeys !== undefined && found.floods !== undefined
      ? {
          keys: found.floodKeys,
          content: facts.content,
          context,
          verdict: judgeFlood(found.floods, settings.floodLimits),
        }
      : undefined;
  if (flood !== undefined && flood.verdict.action !== 'open') return takeInFlood(flood.verdict, flood, deps);
  // Only a reply whose commands need the conversation or another case pays for reading them.
  const reads = await readForCommands(route, mail, deps);
  const planned = planIntake({
    ...facts,
    route,
    ...reads,
    ...(route.kind === 'agent-reply' ? { queueTargets: queueTargets(deps, teams) } : {}),
    ...(route.kind === 'new-case' ? await newCaseNeeds(deps) : {}),
    newCaseId: deps.newId(),
  });
  // Sent from the address of the queue it was planned in; a case `#move` moved is committed in its new queue.
  const plan = { ...planned, drafts: sentFrom(planned.drafts, settings.supportAddress) };
  const movedTo = queueIdOf(plan.supportCase);
  const commitDeps = movedTo === queueId ? deps : inQueue(anyQueue, teams, movedTo);
  // Recorded with the intake, so the outcome says why the case holds a note and not the text.
  const tooComplex =
    parsed?.tooComplex === undefined ? undefined : `too complex: ${describeComplexity(parsed.tooComplex)}`;
  const reason = [plan.reason, tooComplex].filter(Boolean).join('; ');
  return commitAndSend(
    reason === '' ? plan : { ...plan, reason },
    { ...context, ...(flood === undefined ? {} : { flood: countNewCase(flood, plan.supportCase.caseNumber, deps) }) },
    commitDeps,
  );
}

/**
 * What only a new case needs: its number, and the language detector, which a container's first new
 * case loads (tens of milliseconds of parsing) while its number is written.
 */
async function newCaseNeeds(deps: InboundDependencies) {
  const [newCaseNumber, detectLanguage] = await Promise.all([deps.cases.allocateCaseNumber(), loadLanguageDetector()]);
  return { newCaseNumber, detectLanguage };
}

/** The queues a `#move` can name, each with what its notice is drafted from. */
function queueTargets(deps: InboundDependencies, teams: QueueTeams) {
  const now = deps.now();
  return deps.settings.queues.map((q) => ({
    id: q.id,
    address: q.address,
    displayName: q.displayName,
    team: teams.get(q.id) ?? q.team,
    timeZone: q.businessHours.timeZone,
    replyAddresses: replyAddresses(deps.settings.replyTokenSecret, q.address, now),
  }));
}

/** The intake's record base, the context its commit needs, and the facts its planners read. */
function intakeFacts(receipt: Receipt, read: ReadMail, found: FoundCases, deps: InboundDependencies) {
  const { settings } = deps;
  const { mail } = read;
  const now = deps.now();
  const base = {
    intakeKey: read.intakeKey,
    sesMessageId: receipt.sesMessageId,
    rawKey: read.rawKey,
    receivedAt: receipt.receivedAt,
  };
  const replies = replyAddresses(settings.replyTokenSecret, settings.supportAddress, now);
  const context = {
    base,
    mail,
    newMessageIds: mail.messageId === undefined || found.known.has(mail.messageId) ? [] : [mail.messageId],
    receipt,
    replyAddresses: replies,
  };
  const survey = surveyLinkFactory(
    settings.replyTokenSecret,
    settings.surveyUrl,
    settings.lifecycle.surveyLinkDays,
    now,
  );
  const facts = {
    mail,
    messageKey: messageSortKey(mail.receivedAt, mail.sesMessageId),
    content: found.content ?? { attachments: [] },
    verdicts: found.proven,
    settings,
    replyAddresses: replies,
    survey,
    files: caseFileLinks(settings, now),
  };

  return { base, context, facts };
}
