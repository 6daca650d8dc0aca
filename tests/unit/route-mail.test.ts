import { describe, expect, it } from 'vitest';
import type { Agent } from '../../functions/core/agents.ts';
import type { IntakeDecision, ReceiptVerdicts } from '../../functions/core/intake-decision.ts';
import { routeMail, type RouteFacts } from '../../functions/core/route-mail.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

const supportCase = (caseNumber: number, participants: string[]): SupportCase => ({
  caseId: `id-${caseNumber}`,
  caseNumber,
  version: 1,
  subject: 's',
  participants,
  status: 'open',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  threadReferences: [],
  recent: [],
});
const open: IntakeDecision = { action: 'open-case', flags: [] };
const pass: ReceiptVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const anas = supportCase(1001, ['ana@customer.test']);
const maria: Agent = { name: 'Maria', email: 'maria@staff.test', agentId: 'A-1', role: 'agent' };
const facts = (extra: Partial<RouteFacts>): RouteFacts => ({
  decision: open,
  sender: 'ana@customer.test',
  verdicts: pass,
  tokens: [],
  tokenCases: [],
  referencedCases: [],
  taggedCases: [],
  receivedAt: '2026-11-23T08:00:00Z',
  reopenWithinDays: 7,
  ...extra,
});

describe('routing a mail to its conversation', () => {
  it('joins by a token signed for the sender', () => {
    const route = routeMail(
      facts({ tokens: [{ valid: true, caseNumber: 1001, kind: 'customer' }], tokenCases: [anas] }),
    );
    expect(route).toMatchObject({ kind: 'customer-reply', via: 'token', supportCase: { caseNumber: 1001 } });
  });

  it('joins by reference or subject tag only when the sender takes part in the case', () => {
    expect(routeMail(facts({ referencedCases: [anas] }))).toMatchObject({ kind: 'customer-reply', via: 'references' });
    expect(routeMail(facts({ taggedCases: [anas] }))).toMatchObject({ kind: 'customer-reply', via: 'subject' });
    expect(routeMail(facts({ sender: 'mallory@evil.test', taggedCases: [anas] }))).toEqual({
      kind: 'new-case',
      flags: ['thread-mismatch'],
      mismatch: 'named case #1001 without taking part in it',
    });
  });

  it('opens a new case for an invalid token, and says why only in the record', () => {
    const route = routeMail(
      facts({ sender: 'mallory@evil.test', tokens: [{ valid: false, reason: 'bad-signature', caseNumber: 1001 }] }),
    );
    expect(route).toEqual({
      kind: 'new-case',
      flags: ['thread-mismatch'],
      mismatch: 'invalid reply token (bad-signature)',
    });
  });

  it('never lets spam or mail its domain disowns into an existing case', () => {
    const route = routeMail(
      facts({
        decision: { action: 'open-case', flags: ['spam'], silence: 'spam' },
        tokens: [{ valid: true, caseNumber: 1001, kind: 'customer' }],
        tokenCases: [anas],
      }),
    );
    expect(route).toEqual({ kind: 'new-case', flags: ['spam'], silence: 'spam' });
  });

  it('lets a no-reply sender join the case it takes part in, and opens a silent case otherwise', () => {
    const noReply: IntakeDecision = { action: 'open-case', flags: [], silence: 'no-reply-sender' };
    const shops = supportCase(1002, ['noreply@shop.test']);
    expect(
      routeMail(facts({ decision: noReply, sender: 'noreply@shop.test', referencedCases: [shops] })),
    ).toMatchObject({ kind: 'customer-reply', via: 'references', supportCase: { caseNumber: 1002 } });
    expect(routeMail(facts({ decision: noReply, sender: 'noreply@shop.test', referencedCases: [anas] }))).toEqual({
      kind: 'new-case',
      flags: ['thread-mismatch'],
      silence: 'no-reply-sender',
      mismatch: 'named case #1001 without taking part in it',
    });
  });

  it('lets an authenticated agent act on the case their token or references name', () => {
    const route = routeMail(
      facts({
        sender: maria.email,
        agent: maria,
        tokens: [{ valid: true, caseNumber: 1001, kind: 'agent' }],
        tokenCases: [anas],
      }),
    );
    expect(route).toMatchObject({ kind: 'agent-reply', agent: maria, supportCase: { caseNumber: 1001 } });
  });

  it('treats an agent whose mail fails DMARC as an outsider, flagged, with the supervisor to be told', () => {
    const route = routeMail(
      facts({
        sender: maria.email,
        agent: maria,
        verdicts: { ...pass, dmarc: 'FAIL' },
        tokens: [{ valid: true, caseNumber: 1001, kind: 'agent' }],
        tokenCases: [anas],
      }),
    );
    expect(route).toEqual({
      kind: 'new-case',
      flags: ['spoofed-agent'],
      silence: 'spoofed-agent',
      spoofedAgent: maria,
    });
  });

  it('does not accept an agent token from someone who is not an agent', () => {
    const route = routeMail(
      facts({
        sender: 'ana@customer.test',
        tokens: [{ valid: true, caseNumber: 1001, kind: 'agent' }],
        tokenCases: [anas],
      }),
    );
    expect(route).toEqual({
      kind: 'new-case',
      flags: ['thread-mismatch'],
      mismatch: 'agent reply token used by someone who is not an agent',
    });
  });

  it('passes held and ignored mail through with its reason', () => {
    expect(routeMail(facts({ decision: { action: 'hold', reason: 'automatic:auto-submitted' } }))).toEqual({
      kind: 'hold',
      reason: 'automatic:auto-submitted',
    });
    expect(routeMail(facts({ decision: { action: 'ignore', reason: 'own-message' } }))).toEqual({
      kind: 'ignore',
      reason: 'own-message',
    });
  });

  it('routes a delivery report, or mail from a null sender or mailer-daemon, as a possible bounce of our own mail', () => {
    for (const reason of ['automatic:delivery-report', 'automatic:null-sender', 'automatic:mailer-daemon'] as const) {
      expect(routeMail(facts({ decision: { action: 'hold', reason } }))).toEqual({ kind: 'bounce', reason });
    }
    expect(routeMail(facts({ decision: { action: 'hold', reason: 'automatic:feedback-report' } }))).toEqual({
      kind: 'hold',
      reason: 'automatic:feedback-report',
    });
  });
});
