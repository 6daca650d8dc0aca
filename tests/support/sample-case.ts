import type { SupportCase } from '../../functions/core/support-case.ts';

/**
 * An open case #1001 from Ana, as a planner's unit test starts from: one customer message, nobody
 * assigned, nothing said yet. Tests name only what they change.
 */
export function sampleCase(changes: Partial<SupportCase> = {}): SupportCase {
  return {
    caseId: 'id',
    caseNumber: 1001,
    version: 3,
    subject: 'Order 4711',
    requester: { address: 'ana@customer.test', name: 'Ana' },
    participants: ['ana@customer.test'],
    status: 'open',
    priority: 'normal',
    flags: [],
    createdAt: '2026-11-22T08:00:00Z',
    updatedAt: '2026-11-22T08:00:00Z',
    lastCustomerMessageId: '<a1@customer.test>',
    threadReferences: ['<a1@customer.test>'],
    recent: [],
    ...changes,
  };
}
