import { describe, expect, it } from 'vitest';
import type { ProcessResult } from '../engine/index.ts';
import { factChanges, mergePatch, placeOf } from './cases.ts';

describe('a case’s fact updates', () => {
  const facts = { job: { type: 'maintenance', booked: true }, advisor: 'SA-01', parts: ['PAD-F'] };

  it('applies a JSON merge patch: objects merge, null removes, anything else replaces', () => {
    const patched = mergePatch(facts, {
      job: { type: 'repair', booked: null },
      parts: ['PAD-R'],
      liftUsed: true,
    });
    expect(patched).toEqual({ job: { type: 'repair' }, advisor: 'SA-01', parts: ['PAD-R'], liftUsed: true });
    // The case's facts are not changed in place.
    expect(facts.job).toEqual({ type: 'maintenance', booked: true });
  });

  it('records every leaf that changed, with what it was and what it is', () => {
    const patched = mergePatch(facts, {
      job: { type: 'repair', booked: null },
      parts: ['PAD-R'],
      liftUsed: true,
    });
    expect(factChanges(facts, patched)).toEqual([
      { path: 'job.booked', before: true },
      { path: 'job.type', before: 'maintenance', after: 'repair' },
      { path: 'liftUsed', after: true },
      { path: 'parts', before: ['PAD-F'], after: ['PAD-R'] },
    ]);
    expect(factChanges(facts, mergePatch(facts, { advisor: 'SA-01' }))).toEqual([]);
  });
});

describe('where a case stands, for listing', () => {
  const result = (deadlines: ProcessResult['deadlines']): ProcessResult => ({
    stage: 'settlement',
    complete: false,
    stages: {},
    deadlines,
    overdue: [],
    next: [],
    refused: [],
  });

  it('keeps the earliest due instant of the deadlines not met, in UTC', () => {
    const place = placeOf(
      result({
        call: { state: 'open', due: '2026-12-07T00:00:00+08:00' },
        archive: { state: 'overdue', due: '2026-12-06T12:00:00+08:00', late: 'PT1H', lateMinutes: 60 },
        survey: { state: 'met', due: '2026-12-01T00:00:00+08:00', metAt: '2026-11-30T10:00:00+08:00' },
        later: { state: 'waiting' },
      }),
    );
    expect(place).toEqual({ stage: 'settlement', complete: false, nextDue: '2026-12-06T04:00:00.000Z' });
  });

  it('has no due instant when every deadline is met or has not started', () => {
    expect(
      placeOf(
        result({ call: { state: 'met-late', due: '2026-12-07T00:00:00+08:00' }, w: { state: 'waiting' } }),
      ).nextDue,
    ).toBeNull();
  });
});
