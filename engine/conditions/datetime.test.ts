import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateTime, parseDateValue, parseGeneral } from './dates.ts';

/** What the regular-expression parser reads, to hold the digit-by-digit fast path to it. */
const general = (v: string) => parseGeneral(v);

const two = (values: number[]) => fc.constantFrom(...values).map((n) => String(n).padStart(2, '0'));

describe('date-times', () => {
  it('accepts the common forms with an offset or Z', () => {
    expect(isDateTime('2026-03-01T09:12:00+08:00')).toBe(true);
    expect(isDateTime('2026-03-01T09:12:00Z')).toBe(true);
    expect(isDateTime('2024-02-29T23:59:59-11:30')).toBe(true);
  });

  it('refuses impossible dates and times, plain dates and non-strings', () => {
    expect(isDateTime('2026-02-29T09:12:00Z')).toBe(false);
    expect(isDateTime('2026-03-01T24:00:00Z')).toBe(false);
    expect(isDateTime('2026-03-01')).toBe(false);
    expect(isDateTime(20260301)).toBe(false);
    expect(isDateTime(undefined)).toBe(false);
  });

  it('reads generated date-times, in range or not, exactly as the general parser does (day and instant)', () => {
    const text = fc
      .tuple(
        fc.constantFrom('0001', '0099', '0100', '0999', '1999', '2024', '2026', '2100', '9999'),
        two([0, 1, 2, 4, 12, 13]),
        two([0, 1, 28, 29, 30, 31, 32]),
        fc.constantFrom('T', 't', ' '),
        two([0, 9, 23, 24, 99]),
        two([0, 59, 60]),
        fc.constantFrom(':00', ':59', ':60', ':00.5', ''),
        fc.constantFrom('Z', 'z', '+08:00', '-05:30', '+23:59', '+24:00', '-00:60', '+0800', ''),
      )
      .map(([y, m, d, t, hh, mm, rest, zone]) => `${y}-${m}-${d}${t}${hh}:${mm}${rest}${zone}`);
    fc.assert(
      fc.property(text, (v) => {
        expect(parseDateValue(v)).toEqual(general(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the general parser when any one character of a valid date-time changes', () => {
    for (const base of ['2026-03-01T09:12:00+08:00', '2026-03-01T09:12:00Z']) {
      for (let i = 0; i < base.length; i++) {
        for (const c of '09-:T tZz+./a٠') {
          const v = base.slice(0, i) + c + base.slice(i + 1);
          expect(parseDateValue(v), v).toEqual(general(v));
        }
      }
    }
  });
});
