/**
 * Where a mail belongs among several support addresses (issue 19): a new mail to the queue it was
 * written to, a reply token on any queue's address, and who of the teams may act on a case.
 */
import { findAgentByEmail, type Agent, type Team } from './agents.ts';
import { DEFAULT_QUEUE_ID, type SupportQueue } from './queues.ts';
import { tokenInRecipient } from './reply-token.ts';
import { queueIdOf } from './queue-selection.ts';
import type { Route } from './route-mail.ts';

/** What a mail says about where it was sent: SES's envelope recipients first, then its To and Cc headers. */
export interface MailDestination {
  readonly recipients: readonly string[];
  readonly to: readonly { readonly address: string }[];
  readonly cc: readonly { readonly address: string }[];
}

/**
 * The queue a new mail opens its case in: the queue whose address is among the envelope recipients
 * (what SES delivered it for, which a Bcc shows and headers do not), else among the To and Cc
 * headers; else the default queue (mail to any other address of a receiving domain). A mail for
 * several queues goes to the one its To names first, then the first configured: the customer's own
 * ordering says best whom they meant. A plus-address (`help+anything@`) is its queue's address.
 */
export function queueForMail(mail: MailDestination, queues: readonly SupportQueue[]): string {
  const headerOrder = [...mail.to, ...mail.cc].map((a) => baseAddress(a.address));
  const byEnvelope = queuesAmong(mail.recipients.map(baseAddress), queues);
  const candidates = byEnvelope.length > 0 ? byEnvelope : queuesAmong(headerOrder, queues);
  const rank = (q: SupportQueue) => {
    const at = headerOrder.indexOf(q.address.toLowerCase());
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  const [chosen] = [...candidates].sort((a, b) => rank(a) - rank(b) || queues.indexOf(a) - queues.indexOf(b));
  return chosen?.id ?? DEFAULT_QUEUE_ID;
}

function queuesAmong(addresses: readonly string[], queues: readonly SupportQueue[]): SupportQueue[] {
  return queues.filter((q) => addresses.includes(q.address.toLowerCase()));
}

/** `help+x@brand.test` → `help@brand.test`, lower case. */
function baseAddress(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const plus = lower.indexOf('+');
  return plus === -1 || plus > at ? lower : `${lower.slice(0, plus)}${lower.slice(at)}`;
}

/** The reply token in a recipient on any queue's address (`local+token@domain`), if it is one of ours. */
export function tokenInQueueRecipient(recipient: string, queues: readonly SupportQueue[]): string | undefined {
  for (const queue of queues) {
    const token = tokenInRecipient(recipient, queue.address);
    if (token !== undefined) return token;
  }
  return undefined;
}

/** The teams of every queue as they stand, by queue id. */
export type QueueTeams = ReadonlyMap<string, Team>;

/** The sender as an agent of any queue (the default queue's first): what routing needs before it knows the case. */
export function agentOfAnyQueue(teams: QueueTeams, sender: string | undefined): Agent | undefined {
  for (const team of teams.values()) {
    const agent = findAgentByEmail(team, sender);
    if (agent !== undefined) return agent;
  }
  return undefined;
}

/**
 * Who may act on a case of `queueId` by mail: an agent of that queue, as that queue's team knows
 * them; else a supervisor of any queue. Supervisors oversee the deployment (escalations reach them,
 * and the one who moved a case with `#move` must be able to move it back); an agent of another
 * queue answers for another brand or desk and must not write to this queue's customers.
 */
export function agentForCase(teams: QueueTeams, queueId: string, sender: string | undefined): Agent | undefined {
  const own = teams.get(queueId);
  const member = own === undefined ? undefined : findAgentByEmail(own, sender);
  if (member !== undefined) return member;
  for (const team of teams.values()) {
    const agent = findAgentByEmail(team, sender);
    if (agent?.role === 'supervisor') return agent;
  }
  return undefined;
}

/**
 * The queue a routed mail is worked in, and its route as that queue sees it: a mail that joins a
 * case is in the case's queue; a new case in the queue the mail was written to (queueForMail). An
 * agent's reply to a case of a queue they may not act on (agentForCase) is held, not acted on.
 */
export function queueOfRoute(
  route: Route,
  mail: MailDestination & { readonly sender?: string },
  queues: readonly SupportQueue[],
  teams: QueueTeams,
): { readonly route: Route; readonly queueId: string } {
  if (route.kind === 'new-case') return { route, queueId: queueForMail(mail, queues) };
  if (route.kind !== 'agent-reply' && route.kind !== 'customer-reply' && route.kind !== 'engineering-reply')
    return { route, queueId: DEFAULT_QUEUE_ID };
  const queueId = queueIdOf(route.supportCase);
  if (route.kind !== 'agent-reply') return { route, queueId };
  const agent = agentForCase(teams, queueId, mail.sender);
  return agent === undefined
    ? {
        route: {
          kind: 'hold',
          reason: `${route.agent.agentId} is no agent of queue ${queueId}, which case #${route.supportCase.caseNumber} is in`,
        },
        queueId,
      }
    : { route: { ...route, agent }, queueId };
}
