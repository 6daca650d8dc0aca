import { describe, expect, it } from 'vitest';
import { inboundMessage } from '../../functions/core/new-case.ts';
import { buildTranscript } from '../../functions/core/transcript.ts';
import {
  DEFAULT_FLOOD_LIMITS,
  floodHour,
  floodHourEnds,
  floodKeysFor,
  judgeFlood,
  NO_COUNT,
  type FloodLimits,
} from '../../functions/core/flood-guard.ts';

const limits: FloodLimits = {
  newCasesPerSenderPerHour: 3,
  newCasesPerDomainPerHour: 5,
  unboundedDomains: ['gmail.com'],
};

describe('judging new mail against the flood bounds', () => {
  it('opens a case while the sender and its domain are under their bounds', () => {
    expect(
      judgeFlood(
        { sender: { ...NO_COUNT, opened: 2, latestCase: 1002 }, domain: { ...NO_COUNT, opened: 4, latestCase: 1002 } },
        limits,
      ),
    ).toEqual({ action: 'open' });
  });

  it("folds the mail into the sender's latest case once the sender has opened its bound, and tells the team the first time", () => {
    // Prepare
    const sender = { opened: 3, latestCase: 1003, folded: 0, noticed: false };

    // Act
    const first = judgeFlood({ sender }, limits);
    const later = judgeFlood({ sender: { ...sender, folded: 6, noticed: true } }, limits);

    // Assess
    expect(first).toEqual({ action: 'fold', into: 1003, by: 'sender', notify: true, folded: 1 });
    expect(later).toEqual({ action: 'fold', into: 1003, by: 'sender', notify: false, folded: 7 });
  });

  it("folds a new sender's mail into the domain's latest case once the domain has opened its bound", () => {
    expect(
      judgeFlood({ sender: NO_COUNT, domain: { opened: 5, latestCase: 1010, folded: 0, noticed: false } }, limits),
    ).toEqual({ action: 'fold', into: 1010, by: 'domain', notify: true, folded: 1 });
  });

  it('under a domain bound, keeps a sender who opened a case this hour in their own case', () => {
    const verdict = judgeFlood(
      {
        sender: { ...NO_COUNT, opened: 1, latestCase: 1007 },
        domain: { opened: 5, latestCase: 1010, folded: 2, noticed: true },
      },
      limits,
    );

    expect(verdict).toEqual({ action: 'fold', into: 1007, by: 'domain', notify: false, folded: 3 });
  });

  it("names the sender's bound when both are reached, so the team hears of the one address", () => {
    const verdict = judgeFlood(
      {
        sender: { opened: 3, latestCase: 1003, folded: 0, noticed: false },
        domain: { opened: 9, latestCase: 1009, folded: 0, noticed: false },
      },
      limits,
    );

    expect(verdict).toMatchObject({ action: 'fold', into: 1003, by: 'sender' });
  });

  it('holds the mail for a person when a reached bound names no case to file into', () => {
    expect(judgeFlood({ sender: { ...NO_COUNT, opened: 3 } }, limits)).toEqual({
      action: 'hold',
      reason: 'flood: sender bound reached with no case of this hour to file into',
    });
  });
});

describe("which counters a sender's mail is counted on", () => {
  const at = new Date('2026-12-07T09:41:00Z');

  it('counts the address and its domain, in lower case, for the clock hour', () => {
    expect(floodKeysFor('Ana@Shop.Example', limits, at)).toEqual({
      sender: 'ana@shop.example',
      domain: 'shop.example',
      hour: floodHour(at),
    });
    expect(floodHourEnds(floodHour(at)).toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('gives a free-mail provider no domain bound: its users are unrelated people, each still bounded alone', () => {
    expect(floodKeysFor('bob@GMAIL.com', limits, at)).toEqual({ sender: 'bob@gmail.com', hour: floodHour(at) });
  });

  it("leaves the big providers unbounded by default and bounds a sender well above a person's pace", () => {
    expect(DEFAULT_FLOOD_LIMITS.unboundedDomains).toEqual(
      expect.arrayContaining(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com']),
    );
    expect(DEFAULT_FLOOD_LIMITS).toMatchObject({ newCasesPerSenderPerHour: 10, newCasesPerDomainPerHour: 50 });
  });

  it("counts a subaddressed mailbox as the mailbox, and Gmail's dotted names as the one they reach", () => {
    expect(floodKeysFor('Checkout+17@Shop.Example', limits, at).sender).toBe('checkout@shop.example');
    expect(floodKeysFor('s.h.o.p+3@gmail.com', limits, at).sender).toBe('shop@gmail.com');
    expect(floodKeysFor('s.h.o.p@shop.example', limits, at).sender).toBe('s.h.o.p@shop.example');
    expect(floodKeysFor('+tag@shop.example', limits, at).sender).toBe('+tag@shop.example');
  });

  it('bounds the domain its owner registered, not each subdomain it invents', () => {
    expect(floodKeysFor('bot@a17.shop.example', limits, at, 'shop.example')).toEqual({
      sender: 'bot@a17.shop.example',
      domain: 'shop.example',
      hour: floodHour(at),
    });
    expect(floodKeysFor('bot@eu.mail.gmail.com', limits, at, 'gmail.com').domain).toBeUndefined();
  });

  it('counts an address without a domain on its own only', () => {
    expect(floodKeysFor('postmaster', limits, at)).toEqual({ sender: 'postmaster', hour: floodHour(at) });
  });
});

describe('a mail folded into a case', () => {
  it("stays out of the transcript the customer is sent, since under a domain bound it may be another sender's", () => {
    // Prepare
    const mail = (from: string, text: string) => ({
      sesMessageId: `ses-${from}`,
      rawKey: 'inbound/x',
      receivedAt: '2026-12-07T09:00:00.000Z',
      to: [],
      cc: [],
      references: [],
      from: { address: from },
      text,
    });
    const carls = inboundMessage(1007, 'MSG#1', mail('carl@shop.example', 'My order failed.'), { attachments: [] });
    const doras = inboundMessage(
      1007,
      'MSG#2',
      mail('dora@shop.example', 'Mine too, card 4242.'),
      { attachments: [] },
      'folded',
    );

    // Act
    const transcript = buildTranscript([carls, doras]);

    // Assess
    expect(transcript.entries.map((e) => e.words)).toEqual(['My order failed.']);
  });
});
