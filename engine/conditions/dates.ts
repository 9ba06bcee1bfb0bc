/**
 * Dates in conditions: ISO dates (`2026-03-01`) compare as calendar days; two date-times
 * (`2026-03-01T09:12:00+08:00`) compare as instants; a date-time against a date uses the calendar
 * day it was written in. The evaluation date `$at` is always a plain date.
 */
export interface DateValue {
  /** Days since 1970-01-01 of the written calendar date. */
  day: number;
  /** The instant, for date-times only. */
  ms: number | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
const DAY_MS = 86_400_000;

/** Reads an ISO date or date-time; undefined for anything else (including impossible dates). */
export function parseDateValue(v: unknown): DateValue | undefined {
  if (typeof v !== 'string') return undefined;
  const d = DATE.exec(v);
  if (d) {
    const day = dayNumber(Number(d[1]), Number(d[2]), Number(d[3]));
    return day === undefined ? undefined : { day, ms: undefined };
  }
  const t = DATE_TIME.exec(v);
  if (!t) return undefined;
  const day = dayNumber(Number(t[1]), Number(t[2]), Number(t[3]));
  if (day === undefined || Number(t[4]) > 23 || Number(t[5]) > 59) return undefined;
  // Without an offset a date-time is read as UTC, never as the server's local time.
  const ms = Date.parse(t[7] ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : { day, ms };
}

function dayNumber(y: number, m: number, d: number): number | undefined {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

/** Negative, zero or positive as `a` is before, on or after `b`; NaN when either is not a date. */
export function compareDates(a: unknown, b: unknown): number {
  const x = parseDateValue(a);
  const y = parseDateValue(b);
  if (!x || !y) return Number.NaN;
  if (x.ms !== undefined && y.ms !== undefined) return Math.sign(x.ms - y.ms);
  return Math.sign(x.day - y.day);
}

/** A plain ISO date `days` days and `years` calendar years after `date` (negative: before). */
export function shiftDate(date: string, shift: { days?: number; years?: number }): string {
  const parsed = parseDateValue(date);
  if (!parsed) return date;
  const base = new Date(parsed.day * DAY_MS);
  const y = base.getUTCFullYear() + (shift.years ?? 0);
  const m = base.getUTCMonth();
  // 29 February minus a year is 28 February, not 1 March.
  const d = Math.min(base.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  const out = new Date(Date.UTC(y, m, d) + (shift.days ?? 0) * DAY_MS);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(out.getUTCFullYear(), 4)}-${pad(out.getUTCMonth() + 1, 2)}-${pad(out.getUTCDate(), 2)}`;
}

/** True for a plain ISO date that exists on the calendar. */
export function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && DATE.test(v) && parseDateValue(v) !== undefined;
}

/** Today's date in UTC, as an ISO date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
