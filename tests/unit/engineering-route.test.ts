import { describe, expect, it } from 'vitest';
import type { Agent } from '../../functions/core/agents.ts';
import type { ReceiptVerdicts } from '../../functions/core/intake-decision.ts';
import { createReplyToken, verifyReplyToken } from '../../functions/core/reply-token.ts';
import { routeMail, type RouteFacts } from '../../functions/core/route-mail.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

const supportCase = (caseNumber: number): SupportCase => ({
  caseId: `id-${caseNumber}`,
  caseNumber,
  version: 1,
  subject: 's',
  participants: ['ana@customer.test'],
  status: 'pending',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-22T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
  threadReferences: [],
  recent: [],
});
const pass: ReceiptVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const bugCase = supportCase(1001);
const facts = (extra: Partial<RouteFacts>): RouteFacts => ({
  decision: { action: 'open-case', flags: [] },
  sender: 'eng@staff.test',
  verdicts: pass,
  tokens: [],
  tokenCases: [],
  referencedCases: [],
  taggedCases: [],
  receivedAt: '2026-11-23T08:00:00Z',
  reopenWithinDays: 7,
  ...extra,
});
const engineeringToken = { valid: true as const, caseNumber: 1001, kind: 'engineering' as const };

describe("engineering's mail", () => {
  it('from the engineering address, DMARC-aligned, joins the case its token, reference or tag names', () => {
    for (const named of [
      { tokens: [engineeringToken], tokenCases: [bugCase] },
      { referencedCases: [bugCase] },
      { taggedCases: [bugCase] },
    ])
      expect(routeMail(facts({ engineering: 'address', ...named }))).toEqual({
        kind: 'engineering-reply',
        supportCase: bugCase,
      });
  });

  it('from another address of its domain acts only through an engineering token', () => {
    const engineer = { sender: 'dev@staff.test', engineering: 'domain' as const };
    expect(routeMail(facts({ ...engineer, tokens: [engineeringToken], tokenCases: [bugCase] }))).toMatchObject({
      kind: 'engineering-reply',
    });
    expect(routeMail(facts({ ...engineer, taggedCases: [bugCase] }))).toMatchObject({ kind: 'new-case' });
  });

  it('that DMARC does not prove is a spoof: a quiet new case, never a note on the case', () => {
    const route = routeMail(
      facts({
        engineering: 'address',
        verdicts: { ...pass, dmarc: 'GRAY' },
        tokens: [engineeringToken],
        tokenCases: [bugCase],
      }),
    );
    expect(route).toMatchObject({ kind: 'new-case', flags: ['spoofed-agent'], silence: 'spoofed-agent' });
  });

  it('that names no case is held, not opened as a customer case', () => {
    expect(routeMail(facts({ engineering: 'address' }))).toEqual({
      kind: 'hold',
      reason: 'mail from engineering that names no case',
    });
  });

  it('an agent on the engineering domain is still an agent', () => {
    const maria: Agent = { name: 'Maria', email: 'maria@staff.test', agentId: 'A-1', role: 'agent' };
    const route = routeMail(
      facts({
        sender: maria.email,
        agent: maria,
        engineering: 'domain',
        tokens: [engineeringToken],
        tokenCases: [bugCase],
        referencedCases: [bugCase],
      }),
    );
    expect(route).toMatchObject({ kind: 'agent-reply', agent: maria });
  });
});

describe('a blocked sender', () => {
  it('is held with the reason, even when the mail names a case they take part in', () => {
    const route = routeMail(
      facts({ sender: 'ana@customer.test', blocked: 'blocked sender: ana@customer.test', referencedCases: [bugCase] }),
    );
    expect(route).toEqual({ kind: 'hold', reason: 'blocked sender: ana@customer.test' });
  });
});

describe('engineering reply tokens', () => {
  it('are bound to no address, last a year, and are their own kind', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const token = createReplyToken('secret', { caseNumber: 1001, kind: 'engineering', now });
    expect(token).toMatch(/^1001-e[0-9a-z]+-[a-z2-7]{16}$/);
    expect(verifyReplyToken('secret', token, 'dev@staff.test', now)).toEqual(engineeringToken);
    const later = new Date(now.getTime() + 366 * 86_400_000);
    expect(verifyReplyToken('secret', token, 'dev@staff.test', later)).toMatchObject({
      valid: false,
      reason: 'expired',
    });
    expect(verifyReplyToken('other', token, undefined, now)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });
});
