import { describe, expect, it } from 'vitest';
import { measureChange } from '../../functions/core/case-measures.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

const opened: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 1,
  subject: 's',
  participants: [],
  status: 'new',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-23T09:00:00Z',
  updatedAt: '2026-11-23T09:00:00Z',
  threadReferences: [],
  recent: [],
};

describe('what a change to a case measures', () => {
  it('the first answer measures the first response; solving measures the resolution', () => {
    const answered = { ...opened, status: 'open' as const, firstResponseAt: '2026-11-23T09:30:00Z' };
    expect(measureChange(opened, answered)).toEqual({ firstResponseSeconds: 1800 });
    const solved = { ...answered, status: 'solved' as const, solvedAt: '2026-11-24T09:00:00Z' };
    expect(measureChange(answered, solved)).toEqual({ resolutionSeconds: 86_400 });
    expect(measureChange(opened, { ...solved })).toEqual({ firstResponseSeconds: 1800, resolutionSeconds: 86_400 });
  });

  it('measures nothing twice: a later answer, or a note on a solved case', () => {
    const answered = { ...opened, status: 'open' as const, firstResponseAt: '2026-11-23T09:30:00Z' };
    expect(measureChange(answered, { ...answered, updatedAt: '2026-11-23T10:00:00Z' })).toEqual({});
    const solved = { ...answered, status: 'solved' as const, solvedAt: '2026-11-24T09:00:00Z' };
    expect(measureChange(solved, { ...solved, version: 9 })).toEqual({});
  });
});
