import { describe, expect, it } from 'vitest';
import type { ReceiptVerdicts } from '../../functions/core/intake-decision.ts';
import { verdictsForSender } from '../../functions/core/sender-source.ts';

const passing: ReceiptVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

describe('what DMARC proves of the sender we read', () => {
  it('proves a sender read from From', () => {
    expect(verdictsForSender(passing, 'from')).toEqual(passing);
  });

  it.each(['sender', 'reply-to', 'envelope', undefined] as const)(
    'proves nothing of a sender read from %s: PASS counts as GRAY',
    (source) => {
      expect(verdictsForSender(passing, source)).toEqual({ ...passing, dmarc: 'GRAY' });
    },
  );

  it('keeps a FAIL a FAIL, wherever the sender was read', () => {
    expect(verdictsForSender({ ...passing, dmarc: 'FAIL' }, 'sender').dmarc).toBe('FAIL');
  });
});
