import { describe, expect, it } from 'vitest';
import { draftAcknowledgement } from '../../functions/core/acknowledgement.ts';
import { draftToCustomer } from '../../functions/core/customer-message.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import {
  decideOutbox,
  everyRecipientRead,
  learnSuppressions,
  MAX_RECIPIENTS_CHECKED_IN_COMMIT,
  NOTHING_LEARNT,
} from '../../functions/core/withholding.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const replyAddresses = { forCustomer: (n: number, r: string) => `c-${n}-${r}`, forAgents: (n: number) => `a-${n}` };
const notify = { team: SAMPLE_TEAM, supportName: 'Example Support', replyAddresses, timeZone: 'UTC' };
const maria = SAMPLE_TEAM.agents[0]!;
const supportCase: SupportCase = {
  caseId: 'c1',
  caseNumber: 1001,
  version: 2,
  subject: 'Broken hinge',
  requester: { address: 'ana@customer.test', name: 'Ana' },
  participants: ['ana@customer.test', 'bob@customer.test'],
  status: 'open',
  priority: 'normal',
  flags: [],
  assignee: 'A-101',
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  threadReferences: [],
  recent: [],
};
const acknowledgement = draftAcknowledgement({
  supportCase,
  requester: { address: 'ana@customer.test', name: 'Ana' },
  supportName: 'Example Support',
  firstResponseHours: 4,
  times: { answerDue: 'by 13:00 today, your time', businessHoursWords: 'Monday to Friday, 09:00–17:00 (UTC)' },
  replyAddresses,
});
const answer = (to: SupportCase) =>
  draftToCustomer({
    supportCase: to,
    speaker: { name: maria.name, agentId: maria.agentId },
    supportName: 'Example Support',
    replyAddresses,
    kind: 'agent-reply',
    template: 'agent-reply',
    data: {},
    words: 'A new hinge is on its way.',
    automatic: false,
  });

describe('what of a plan goes out', () => {
  it('with nothing learnt, sends everything and has the commit check every recipient and count the acknowledgement', () => {
    const decision = decideOutbox({ drafts: { acknowledgement }, supportCase }, NOTHING_LEARNT, notify);

    expect(decision).toEqual({
      drafts: { acknowledgement },
      toRead: [],
      checkInCommit: ['ana@customer.test'],
      suppressed: {},
      autoReplyTo: 'ana@customer.test',
    });
  });

  it('past the automatic-mail limit, leaves the acknowledgement out and says why, keeping the rest', () => {
    const notification = {
      ...answer(supportCase),
      kind: 'agent-notification' as const,
      to: [{ address: 'team@staff.test' }],
      cc: [],
      customerFacing: false,
    };
    const decision = decideOutbox(
      { drafts: { acknowledgement, notification }, reason: 'new case', supportCase },
      { ...NOTHING_LEARNT, autoReplyLimitReached: true },
      notify,
    );

    expect(Object.keys(decision.drafts)).toEqual(['notification']);
    expect(decision.reason).toBe('new case; acknowledgement withheld: automatic-mail limit for this address reached');
    expect(decision.autoReplyTo).toBeUndefined();
  });

  it('an answer every recipient of which is suppressed comes back to its writer, once the writer has been read too', () => {
    // Prepare: the commit said someone was suppressed; the list says both customers are
    const reply = answer(supportCase);
    const learnt = learnSuppressions(NOTHING_LEARNT, ['ana@customer.test', 'bob@customer.test'], {
      'ana@customer.test': 'bounce (5.1.1)',
      'bob@customer.test': 'complaint (abuse)',
    });

    // Act
    const first = decideOutbox({ drafts: { reply }, supportCase, author: maria }, learnt, notify);
    const second = decideOutbox(
      { drafts: { reply }, supportCase, author: maria },
      learnSuppressions(learnt, first.toRead, {}),
      notify,
    );

    // Assess: the notice goes to Maria; her own address is read before anything is committed
    expect(Object.keys(first.drafts)).toEqual(['reply', 'withheld-notice']);
    expect(first.drafts['withheld-notice']?.to).toEqual([{ address: 'maria@staff.test', name: 'Maria Lopez' }]);
    expect(first.toRead).toEqual(['maria@staff.test']);
    expect(second.toRead).toEqual([]);
    expect(second.checkInCommit).toEqual(['maria@staff.test']);
    expect(everyRecipientRead(second, learnSuppressions(learnt, first.toRead, {}))).toBe(true);
  });

  it('a crowd too large for the transaction is read before the commit, which then checks nobody', () => {
    const crowd = Array.from({ length: MAX_RECIPIENTS_CHECKED_IN_COMMIT }, (_, i) => `colleague${i}@customer.test`);
    const reply = answer({ ...supportCase, participants: ['ana@customer.test', ...crowd] });

    const decision = decideOutbox({ drafts: { reply }, supportCase }, NOTHING_LEARNT, notify);

    expect(decision.toRead).toHaveLength(MAX_RECIPIENTS_CHECKED_IN_COMMIT + 1);
    expect(decision.checkInCommit).toEqual([]);
    expect(decision.suppressed).toBeUndefined();
  });
});
