import { describe, expect, it } from 'vitest';
import { receiptsOf } from '../../functions/inbound/ses-receipt-event.ts';

const event = (receipt: Record<string, unknown>, messageId = 'o3vrnil0e2ic28tr') => ({
  Records: [
    {
      eventSource: 'aws:ses',
      ses: {
        mail: {
          messageId,
          source: 'janedoe@example.com',
          timestamp: '2026-11-22T08:00:00.000Z',
          destination: ['support@example.test'],
        },
        receipt: { recipients: ['support@example.test'], timestamp: '2026-11-22T08:00:01.000Z', ...receipt },
      },
    },
  ],
});

describe('reading the SES receipt event', () => {
  it('takes the verdicts SES wrote', () => {
    const [receipt] = receiptsOf(
      event({
        spamVerdict: { status: 'PASS' },
        virusVerdict: { status: 'FAIL' },
        spfVerdict: { status: 'GRAY' },
        dkimVerdict: { status: 'PASS' },
        dmarcVerdict: { status: 'PROCESSING_FAILED' },
      }),
    );
    expect(receipt).toEqual({
      sesMessageId: 'o3vrnil0e2ic28tr',
      envelopeSender: 'janedoe@example.com',
      recipients: ['support@example.test'],
      receivedAt: '2026-11-22T08:00:01.000Z',
      verdicts: { spam: 'PASS', virus: 'FAIL', spf: 'GRAY', dkim: 'PASS', dmarc: 'PROCESSING_FAILED' },
    });
  });

  it('reads a verdict SES left out as unproven (GRAY), never as PASS', () => {
    expect(receiptsOf(event({}))[0]?.verdicts).toEqual({
      spam: 'GRAY',
      virus: 'GRAY',
      spf: 'GRAY',
      dkim: 'GRAY',
      dmarc: 'GRAY',
    });
  });

  it('rejects a message id that could climb out of the inbound/ prefix', () => {
    expect(() => receiptsOf(event({}, '../secrets/key'))).toThrow(/SES message ids/);
  });

  it('rejects an event that is not an SES receipt', () => {
    expect(() => receiptsOf({ Records: [{ s3: {} }] })).toThrow();
  });
});
