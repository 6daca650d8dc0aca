import { describe, expect, it } from 'vitest';
import { withholdReplyNotification } from '../../functions/core/reply-flood.ts';
import type { HistoryEntry, SupportCase } from '../../functions/core/support-case.ts';

const entry = (minute: number, kind: HistoryEntry['kind'] = 'customer'): HistoryEntry => ({
  at: `2026-12-07T09:${String(minute).padStart(2, '0')}:00.000Z`,
  kind,
  who: 'ana@customer.test',
  snippet: 'Any news?',
});
const caseWith = (recent: HistoryEntry[], status: SupportCase['status'] = 'open'): SupportCase => ({
  caseId: 'id',
  caseNumber: 1001,
  version: 7,
  subject: 'Broken hinge',
  participants: ['ana@customer.test'],
  status,
  priority: 'normal',
  flags: [],
  createdAt: '2026-12-07T09:00:00.000Z',
  updatedAt: '2026-12-07T09:05:00.000Z',
  threadReferences: [],
  recent,
});

describe('withholding the notification of a reply', () => {
  it('withholds it after six unanswered customer mails within the hour', () => {
    expect(
      withholdReplyNotification(caseWith([0, 1, 2, 3, 4, 5].map((m) => entry(m))), '2026-12-07T09:30:00.000Z'),
    ).toBe(true);
  });

  it('tells the agents while there are fewer, an answer among them, or the oldest is an hour old', () => {
    expect(withholdReplyNotification(caseWith([0, 1, 2, 3, 4].map((m) => entry(m))), '2026-12-07T09:30:00.000Z')).toBe(
      false,
    );
    expect(
      withholdReplyNotification(
        caseWith([entry(0), entry(1), entry(2, 'agent-reply'), entry(3), entry(4), entry(5)]),
        '2026-12-07T09:30:00.000Z',
      ),
    ).toBe(false);
    expect(
      withholdReplyNotification(caseWith([0, 1, 2, 3, 4, 5].map((m) => entry(m))), '2026-12-07T10:00:00.000Z'),
    ).toBe(false);
  });

  it('always tells them of a reply that reopens a solved case', () => {
    expect(
      withholdReplyNotification(
        caseWith(
          [0, 1, 2, 3, 4, 5].map((m) => entry(m)),
          'solved',
        ),
        '2026-12-07T09:30:00.000Z',
      ),
    ).toBe(false);
  });
});
