import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANDARD_TIME_ZONE, standardDay } from './recorder.ts';

const format = new Intl.DateTimeFormat('en-CA', { timeZone: STANDARD_TIME_ZONE });

describe('standardDay', () => {
  it('gives the calendar day in the standard time zone on both sides of its midnight', () => {
    expect(standardDay('2026-12-01T15:59:59.999Z')).toBe('2026-12-01');
    expect(standardDay('2026-12-01T16:00:00.000Z')).toBe('2026-12-02');
    expect(standardDay('2026-12-01T16:00:59.000Z')).toBe('2026-12-02');
    expect(standardDay('2026-12-02T00:30:00+08:00')).toBe('2026-12-02');
    expect(standardDay('2026-12-01T15:59:30.000Z')).toBe('2026-12-01');
  });

  it('gives the same day as formatting every instant, in any order of instants', () => {
    const instant = fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 50 }), (instants) => {
        for (const at of instants) expect(standardDay(at)).toBe(format.format(new Date(at)));
      }),
    );
    // Many instants within a few minutes of a midnight there, as a busy server records them.
    const midnight = Date.UTC(2026, 11, 1, 16);
    const nearMidnight = fc
      .integer({ min: -180_000, max: 180_000 })
      .map((ms) => new Date(midnight + ms).toISOString());
    fc.assert(
      fc.property(fc.array(nearMidnight, { maxLength: 50 }), (instants) => {
        for (const at of instants) expect(standardDay(at)).toBe(format.format(new Date(at)));
      }),
    );
  });
});
