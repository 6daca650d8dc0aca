import type { CaseStatus, PendingSpan, SupportCase } from './support-case.ts';

/** Pending spans kept per case; older ones are merged into the first so the pause total stays right. */
const MAX_PENDING_SPANS = 20;

/**
 * A case moved to `status` at `at`: opens a pending span when it starts waiting on the customer,
 * closes it when it stops, and stamps or clears solvedAt. Response-time clocks read the spans.
 */
export function withStatus(supportCase: SupportCase, status: CaseStatus, at: string): SupportCase {
  const spans = [...(supportCase.pendingSpans ?? [])];
  const open = spans.at(-1)?.to === undefined && spans.length > 0;
  if (status === 'pending' && !open) spans.push({ from: at });
  if (status !== 'pending' && open) spans[spans.length - 1] = { from: (spans.at(-1) as PendingSpan).from, to: at };
  // Solving again credits whoever solves it then; reopening forgets who solved it before.
  const { solvedAt: _solvedAt, solvedBy: _solvedBy, ...rest } = supportCase;
  return {
    ...rest,
    status,
    ...(status === 'solved' ? { solvedAt: at } : {}),
    ...(spans.length > 0 ? { pendingSpans: bounded(spans) } : {}),
  };
}

function bounded(spans: PendingSpan[]): PendingSpan[] {
  return spans.length <= MAX_PENDING_SPANS ? spans : spans.slice(spans.length - MAX_PENDING_SPANS);
}
