import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, isIsoDate, operandDateComparer, parseDateValue, shiftDate } from './dates.ts';

describe('dates', () => {
  it('reads ISO dates and date-times, and rejects impossible or other text', () => {
    expect(parseDateValue('2026-03-01')).toEqual({ day: 20513, ms: undefined });
    expect(parseDateValue('2026-03-01T09:12:00+08:00')?.ms).toBe(Date.parse('2026-03-01T01:12:00Z'));
    for (const bad of ['2026-02-30', '2026-13-01', '2026-3-1', '01/03/2026', 'today', '', 20260301, null]) {
      expect(parseDateValue(bad), String(bad)).toBeUndefined();
    }
  });

  it('reads a date-time without an offset as UTC, never as local time', () => {
    expect(parseDateValue('2026-03-01T09:00:00')?.ms).toBe(Date.parse('2026-03-01T09:00:00Z'));
  });

  it('compares two dates by day and two date-times as instants', () => {
    expect(compareDates('2026-03-01', '2026-03-02')).toBe(-1);
    expect(compareDates('2026-03-01', '2026-03-01')).toBe(0);
    expect(compareDates('2026-03-01T16:00:00+08:00', '2026-03-01T09:00:00Z')).toBe(-1);
  });

  it('compares a date-time with a date by the calendar day it was written in', () => {
    expect(compareDates('2026-03-01T23:59:00+08:00', '2026-03-01')).toBe(0);
    expect(compareDates('2026-03-02T00:01:00+08:00', '2026-03-01')).toBe(1);
  });

  it('gives NaN when either side is not a date, so every date operator fails', () => {
    expect(compareDates(undefined, '2026-03-01')).toBeNaN();
    expect(compareDates('2026-03-01', 'soon')).toBeNaN();
  });

  it('shifts by days across months and by calendar years, 29 February going to 28 February', () => {
    expect(shiftDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
    expect(shiftDate('2028-03-01', { days: -1 })).toBe('2028-02-29');
    expect(shiftDate('2028-02-29', { years: -1 })).toBe('2027-02-28');
    expect(shiftDate('2026-03-10', { years: -2 })).toBe('2024-03-10');
    expect(shiftDate('2026-12-31', { days: 1 })).toBe('2027-01-01');
  });

  it('knows a plain ISO date from a date-time', () => {
    expect(isIsoDate('2026-03-01')).toBe(true);
    expect(isIsoDate('2026-03-01T00:00:00Z')).toBe(false);
    expect(isIsoDate('2026-02-29')).toBe(false);
  });
});

describe('operandDateComparer', () => {
  const date = fc.constantFrom<unknown>(
    '2026-03-01',
    '2016-03-01',
    '2026-02-29',
    '2024-02-29',
    '2026-13-01',
    '0099-01-01',
    '2026-03-01T08:00:00+08:00',
    '2026-02-28T23:59:59Z',
    '2026-3-1',
    '',
    20260301,
    null,
    undefined,
    ['2026-03-01'],
  );

  it('answers as compareDates does, whatever operands follow one another', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(date, date), { minLength: 1, maxLength: 12 }), (pairs) => {
        const compare = operandDateComparer();
        for (const [a, b] of pairs) expect(compare(a, b)).toEqual(compareDates(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the operand it read only while it is the same text', () => {
    const compare = operandDateComparer();
    expect(compare('2026-01-01', '2026-02-01')).toBe(-1);
    expect(compare('2026-01-01', '2025-02-01')).toBe(1);
    expect(compare('2026-01-01', `2026-01-0${1}`)).toBe(0);
  });
});
