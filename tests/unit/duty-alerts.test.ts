import { describe, expect, it } from 'vitest';
import { planSlaAlert } from '../../functions/core/sla-alert.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { BERLIN_DUTY_TEAM } from '../support/duty-team.ts';

const unanswered: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 2,
  subject: 'Order 4711',
  requester: { address: 'ana@customer.test' },
  participants: ['ana@customer.test'],
  status: 'new',
  priority: 'urgent',
  flags: [],
  createdAt: '2026-10-21T15:00:00Z',
  updatedAt: '2026-10-21T15:00:00Z',
  threadReferences: [],
  recent: [],
};

/** The supervisor mail a first-response breach of this case sends when its check fires at `now`. */
function breachMailAt(now: string, stage: 'breach' | 're-escalation' = 'breach') {
  const plan = planSlaAlert({
    check: { caseNumber: 1001, target: 'first-response', stage, dueAt: now, clockStart: unanswered.createdAt },
    supportCase: unanswered,
    team: BERLIN_DUTY_TEAM,
    supportName: 'Example Support',
    replyAddresses: { forCustomer: (n, r) => `c-${n}-${r}`, forAgents: (n) => `a-${n}` },
    businessHoursLeft: -0.5,
    deadline: 'Wed 21 Oct, 19:00 CEST',
    now: new Date(now),
  });
  return plan.drafts.supervisor?.to.map((to) => to.address);
}

describe('response-time breaches reach the supervisor on duty when the check fires', () => {
  it('goes to Sam at 17:30 on a Wednesday in Berlin, and to Ana at 21:30 the same evening', () => {
    // Assess
    expect(breachMailAt('2026-10-21T15:30:00.000Z')).toEqual(['sam@staff.test']);
    expect(breachMailAt('2026-10-21T19:30:00.000Z')).toEqual(['ana@staff.test']);
  });

  it('sends a re-escalation on the holiday to Kim, who has the holidays', () => {
    // Assess: Thursday 22 October, 12:00 CEST
    expect(breachMailAt('2026-10-22T10:00:00.000Z', 're-escalation')).toEqual(['kim@staff.test']);
  });
});
