import { describe, expect, it } from 'vitest';
import {
  decideSuppression,
  splitRecipients,
  withheldNote,
  type SesFeedback,
} from '../../functions/core/suppression.ts';
import { readSesFeedbackEvent } from '../../functions/suppression/ses-feedback-event.ts';
import { sesFeedbackEvent } from '../../infra/local/ses-feedback.ts';
import { asEventBridgeEvent, sesFeedbackSources, titleFor } from '../support/ses-feedback-samples.ts';

const sent = {
  sesMessageId: '0102019a-ack',
  from: 'support@example.test',
  recipients: ['ana@customer.test', 'bob@customer.test'],
  sentAt: new Date('2026-12-01T09:00:00Z'),
};
const at = new Date('2026-12-01T09:00:05Z');

describe('which bounces and complaints suppress an address', () => {
  it('a permanent bounce suppresses each bounced recipient, lower-cased, with what the receiving server said', () => {
    // Prepare
    const feedback: SesFeedback = {
      kind: 'bounce',
      bounceType: 'Permanent',
      bounceSubType: 'NoEmail',
      recipients: [{ address: 'Ana@Customer.TEST', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 no such user' }],
      at: '2026-12-01T09:00:05.000Z',
      feedbackId: 'fb-1',
      sesMessageId: '0102019a-ack',
    };

    // Act
    const decision = decideSuppression(feedback);

    // Assess
    expect(decision).toEqual({
      suppress: [
        {
          address: 'ana@customer.test',
          reason: 'bounce',
          detail: 'Permanent NoEmail; 5.1.1; smtp; 550 5.1.1 no such user',
          at: '2026-12-01T09:00:05.000Z',
          sesMessageId: '0102019a-ack',
          feedbackId: 'fb-1',
        },
      ],
    });
  });

  it('a transient or undetermined bounce suppresses nobody: SES is still trying, or knows nothing of the address', () => {
    for (const bounceType of ['Transient', 'Undetermined']) {
      const decision = decideSuppression({
        kind: 'bounce',
        bounceType,
        bounceSubType: 'MailboxFull',
        recipients: [{ address: 'ana@customer.test' }],
        at: 'x',
        feedbackId: 'f',
        sesMessageId: 'm',
      });
      expect(decision.suppress, bounceType).toEqual([]);
      expect('ignored' in decision && decision.ignored, bounceType).toMatch(/does not mean the address is gone/);
    }
  });

  it('a complaint suppresses its recipients, unless the report takes a spam verdict back (not-spam)', () => {
    const complaint = (feedbackType?: string): SesFeedback => ({
      kind: 'complaint',
      ...(feedbackType ? { feedbackType } : {}),
      recipients: [{ address: 'bob@customer.test' }],
      at: 'x',
      feedbackId: 'f',
      sesMessageId: 'm',
    });

    expect(decideSuppression(complaint('abuse')).suppress.map((s) => [s.address, s.reason, s.detail])).toEqual([
      ['bob@customer.test', 'complaint', 'abuse'],
    ]);
    expect(decideSuppression(complaint()).suppress.map((s) => s.detail)).toEqual(['complaint']);
    expect(decideSuppression(complaint('not-spam')).suppress).toEqual([]);
  });
});

describe('sending around suppressed recipients', () => {
  const draft = { to: [{ address: 'Ana@customer.test', name: 'Ana' }], cc: [{ address: 'bob@customer.test' }] };
  const suppressed = { 'ana@customer.test': 'complaint (abuse) on 2026-12-01T09:00:05.000Z' };

  it('keeps the others and says whom the draft was withheld from, and why', () => {
    const { deliver, withheld } = splitRecipients(draft, suppressed);

    expect(deliver).toEqual(['bob@customer.test']);
    expect(withheld).toEqual(['ana@customer.test']);
    expect(withheldNote('agent-reply', withheld, suppressed, true)).toBe(
      'agent-reply not sent to suppressed ana@customer.test: complaint (abuse) on 2026-12-01T09:00:05.000Z',
    );
  });

  it('a draft whose every recipient is suppressed goes to nobody', () => {
    const { deliver, withheld } = splitRecipients({ to: draft.to, cc: [] }, suppressed);

    expect(deliver).toEqual([]);
    expect(withheldNote('acknowledgement', withheld, suppressed, false)).toBe(
      'acknowledgement not sent: every recipient is suppressed (ana@customer.test: complaint (abuse) on 2026-12-01T09:00:05.000Z)',
    );
  });
});

describe("reading the configuration set's events from EventBridge", () => {
  it('reads the bounce and the complaint the local SES publishes, as SES would', () => {
    const bounce = readSesFeedbackEvent(
      sesFeedbackEvent('bounce', sent, 'ana@customer.test', { region: 'eu-west-1', at }),
    );
    const complaint = readSesFeedbackEvent(
      sesFeedbackEvent('complaint', sent, 'bob@customer.test', { region: 'eu-west-1', at }),
    );

    expect(bounce).toMatchObject({
      kind: 'bounce',
      bounceType: 'Permanent',
      recipients: [{ address: 'ana@customer.test', status: '5.1.1' }],
      sesMessageId: '0102019a-ack',
      at: at.toISOString(),
    });
    expect(complaint).toMatchObject({
      kind: 'complaint',
      feedbackType: 'abuse',
      recipients: [{ address: 'bob@customer.test' }],
      sesMessageId: '0102019a-ack',
    });
  });

  it('refuses an event from another source or without recipients, naming the field', () => {
    const event = sesFeedbackEvent('bounce', sent, 'ana@customer.test', { region: 'eu-west-1', at });

    expect(() => readSesFeedbackEvent({ ...event, source: 'aws.s3' })).toThrow(/source/);
    const detail = event.detail as { bounce: Record<string, unknown> };
    expect(() =>
      readSesFeedbackEvent({ ...event, detail: { ...detail, bounce: { ...detail.bounce, bouncedRecipients: [] } } }),
    ).toThrow(/bouncedRecipients/);
  });
});

for (const source of sesFeedbackSources) {
  describe.skipIf(!source.present)(titleFor(source, 'SES bounce, complaint and delivery notifications'), () => {
    it('reads every bounce and complaint as expected, and refuses deliveries', () => {
      const samples = source.samples();
      expect(samples.length).toBeGreaterThanOrEqual(source.atLeast);
      for (const { file, record, expected } of samples) {
        const read = () => decideSuppression(readSesFeedbackEvent(asEventBridgeEvent(record)));
        if (expected.outcome === 'refused') {
          expect(read, file).toThrow(/eventType/);
          continue;
        }
        const [suppression, ...others] = read().suppress;
        expect(others, file).toEqual([]);
        if (expected.outcome === 'complaint')
          expect(suppression, file).toMatchObject({
            reason: 'complaint',
            detail: expected.feedbackType,
            address: expect.stringMatching(/@/),
          });
        else
          expect(suppression, file).toMatchObject({
            reason: 'bounce',
            detail: expect.stringContaining(expected.status),
          });
        expect(suppression?.sesMessageId, file).toMatch(/^[0-9a-f]{16}-/);
      }
    });
  });
}
