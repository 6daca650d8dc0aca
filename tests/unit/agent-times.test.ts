import { describe, expect, it } from 'vitest';
import { draftAgentNotification } from '../../functions/core/agent-notification.ts';
import { draftBugReport } from '../../functions/core/bug-loop.ts';
import { transcriptData } from '../../functions/core/transcript.ts';
import { draftFloodNotice } from '../../functions/core/flood-notice.ts';
import { historyLines } from '../../functions/core/history-lines.ts';
import type { HistoryEntry } from '../../functions/core/support-case.ts';
import { sampleCase } from '../support/sample-case.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const replyAddresses = { forCustomer: (n: number) => `c-${n}`, forAgents: (n: number) => `a-${n}` };
const common = { team: SAMPLE_TEAM, supportName: 'Example Support', replyAddresses, timeZone: 'Europe/Berlin' };
const recent: HistoryEntry[] = [
  { at: '2026-12-07T13:05:00Z', kind: 'customer', who: 'Ana <ana@customer.test>', snippet: 'Where is it?' },
  { at: '2026-07-07T13:05:00Z', kind: 'note', who: 'Maria Lopez (A-101)', snippet: 'Asked the warehouse.' },
];

describe("every time an agent reads is on the queue's clock, named", () => {
  it("shows a case's history in the queue's zone, winter and summer time each with its own name", () => {
    const lines = historyLines(recent, 'Europe/Berlin');
    expect(lines.map((l) => l.at)).toEqual(['Mon 7 Dec, 14:05 CET', 'Tue 7 Jul, 15:05 CEST']);
  });

  it('shows the history of a notification the same way', () => {
    // The last entry is the message the notification is about; its history is what came before.
    const latest: HistoryEntry = { at: '2026-12-07T15:00:00Z', kind: 'customer', who: 'Ana', snippet: 'Hello?' };
    const notification = draftAgentNotification({
      ...common,
      supportCase: sampleCase({ recent: [...recent, latest] }),
      event: 'customer-reply',
      words: 'Where is it?',
    });
    expect(notification.data.history).toEqual(historyLines(recent, 'Europe/Berlin'));
  });

  it('says until when a flood is held on the same clock', () => {
    const notice = draftFloodNotice({
      ...common,
      supportCase: sampleCase(),
      by: 'sender',
      source: 'script@bulk.test',
      bound: 3,
      until: new Date('2026-12-07T14:00:00Z'),
    });
    expect(notice.data.until).toBe('Mon 7 Dec, 15:00 CET');
  });

  it("dates the customer's words in a bug report for engineering on the queue's clock, and a customer's transcript in UTC", () => {
    const transcript = {
      entries: [{ at: '2026-12-07T13:05:00Z', who: 'Ana', fromUs: false, words: 'Checkout fails.', attachments: '' }],
      omitted: 0,
    };
    const agent = SAMPLE_TEAM.agents[0];
    if (agent === undefined) throw new Error('the sample team has agents');
    const report = draftBugReport(
      sampleCase(),
      { ...common, supportCase: sampleCase(), agent, attachments: [] },
      'checkout fails',
      transcript,
    );
    expect(report.data.customerWords).toEqual([expect.objectContaining({ at: 'Mon 7 Dec, 14:05 CET' })]);
    expect(transcriptData(transcript).transcript).toEqual([expect.objectContaining({ at: '2026-12-07 13:05 UTC' })]);
  });
});
