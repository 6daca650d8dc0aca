import type { VerdictStatus } from '../../functions/core/intake-decision.ts';

/**
 * How SES words a verdict from an authentication result (`pass`, `fail`, `temperror` ...): what
 * mailauth returns when the local ingress judges a mail, and what Authentication-Results and
 * X-SES headers say when a stored message is replayed.
 */
export function verdictStatusOf(result: string): VerdictStatus {
  switch (result.trim().toLowerCase()) {
    case 'pass':
      return 'PASS';
    case 'fail':
    case 'policy':
      return 'FAIL';
    case 'temperror':
    case 'temperr':
    case 'permerror':
    case 'processing_failed':
      return 'PROCESSING_FAILED';
    case 'disabled':
      return 'DISABLED';
    default:
      return 'GRAY';
  }
}
