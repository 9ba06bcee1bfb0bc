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
  const plain = plainDay(v);
  if (plain !== null) return plain === undefined ? undefined : { day: plain, ms: undefined };
  return commonDateTime(v) ?? parseGeneral(v);
}

/** The regular-expression parser behind `parseDateValue`, for every form the fast paths pass on. */
export function parseGeneral(v: string): DateValue | undefined {
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

/**
 * The fast path for the commonest value, a plain `YYYY-MM-DD`, without a regular expression or a
 * `Date`: its day number, undefined when it has the form but is not on the calendar, null when it
 * does not have the form (then the general parser decides). Agrees with `dayNumber`, including
 * its refusal of years before 100 (which `Date.UTC` would read as 19xx).
 */
function plainDay(v: string): number | undefined | null {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return null;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 7);
  const d = digits(v, 8, 10);
  if (y < 0 || m < 0 || d < 0) return null;
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

/** The number written in decimal digits from `start` to `end`, or -1 if a character is not a digit. */
function digits(v: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days in month `m` (1–12) of year `y` in the proleptic Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The commonest date-time, `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, read digit by digit without
 * a regular expression or `Date.parse`; undefined for anything else, which the general parser
 * then decides (including every out-of-range field and years before 100).
 */
function commonDateTime(v: string): DateValue | undefined {
  const n = v.length;
  if (n !== 20 && n !== 25) return undefined;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84) return undefined;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 7);
  const d = digits(v, 8, 10);
  const hh = digits(v, 11, 13);
  const mm = digits(v, 14, 16);
  const ss = digits(v, 17, 19);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return undefined;
  const day = daysFromCivil(y, m, d);
  const local = day * DAY_MS + hh * 3_600_000 + mm * 60_000 + ss * 1000;
  const zone = v.charCodeAt(19);
  if (n === 20) return zone === 90 ? { day, ms: local } : undefined; // Z
  if ((zone !== 43 && zone !== 45) || v.charCodeAt(22) !== 58) return undefined; // + or -, then :
  const oh = digits(v, 20, 22);
  const om = digits(v, 23, 25);
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
  const offset = (oh * 60 + om) * 60_000;
  return { day, ms: zone === 43 ? local - offset : local + offset };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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
  // Two plain dates, the common case, compare without allocating.
  if (typeof a === 'string' && typeof b === 'string') return compareDays(plainDay(a), plainDay(b), a, b);
  return compareValues(a, b);
}

/**
 * Two strings compared by the days `plainDay` read from them (`p` from `a`, `q` from `b`): NaN
 * for a malformed plain date, the general comparison when either is no plain date.
 */
function compareDays(
  p: number | undefined | null,
  q: number | undefined | null,
  a: string,
  b: string,
): number {
  if (p === undefined || q === undefined) return Number.NaN;
  if (p !== null && q !== null) return Math.sign(p - q);
  return compareValues(a, b);
}

/** Any two values compared as dates or date-times, each parsed in full. */
function compareValues(a: unknown, b: unknown): number {
  const x = parseDateValue(a);
  const y = parseDateValue(b);
  if (!x || !y) return Number.NaN;
  if (x.ms !== undefined && y.ms !== undefined) return Math.sign(x.ms - y.ms);
  return Math.sign(x.day - y.day);
}

/**
 * `compareDates` for one condition: its operand (a literal date, or one computed from `$at` and
 * kept while the evaluation date stays the same) is nearly always the same string from call to
 * call, so the day it names is read once and kept until the operand changes. The same answers.
 */
export function operandDateComparer(): (a: unknown, b: unknown) => number {
  let lastB: string | undefined;
  let lastDay: number | undefined | null;
  return (a, b) => {
    if (typeof a !== 'string' || typeof b !== 'string') return compareValues(a, b);
    if (b !== lastB) {
      lastDay = plainDay(b);
      lastB = b;
    }
    return compareDays(plainDay(a), lastDay, a, b);
  };
}

/** Hours of a `{ fact, hours }` shift are at most 100 years' worth, as offsets from `$at` are. */
export const MAX_OFFSET_HOURS = 876_000;

/**
 * The instant `hours` whole hours after a date-time value (negative: before), as a UTC date-time
 * (`2026-03-02T07:20:00.000Z`); undefined when the value is not a date-time (a plain date has no
 * instant), so every date operator then fails, as on any value that is not a date.
 */
export function shiftInstant(v: unknown, hours: number): string | undefined {
  const parsed = parseDateValue(v);
  if (parsed?.ms === undefined) return undefined;
  const moved = new Date(parsed.ms + hours * 3_600_000);
  return Number.isNaN(moved.getTime()) ? undefined : moved.toISOString();
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
  return `${pad(out.getUTCFullYear(), 4)}-${pad(out.getUTCMonth() + 1, 2)}-${pad(out.getUTCDate(), 2)}`;
}

/** True for an ISO date-time (a date with a time) that exists on the calendar. */
export function isDateTime(v: unknown): boolean {
  return parseDateValue(v)?.ms !== undefined;
}

/** True for a plain ISO date that exists on the calendar. */
export function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && typeof plainDay(v) === 'number';
}

/**
 * JSON Schema's `format: date` (RFC 3339 full-date) exactly as ajv-formats checks it, any year
 * from 0000, without its regular expression and match array: inputs are checked on every
 * evaluation, and this is their commonest format.
 */
export function isFullDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y = digits(v, 0, 4);
  const m = digits(v, 5, 7);
  const d = digits(v, 8, 10);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * The range of evaluation dates, and the largest offsets from them a document may write
 * (`$at+36500d`, `$at-100y`, `withinDays`, `olderThanDays`, `olderThanYears`): together they keep
 * every date computed from `$at` between 1800 and 9999, a four-digit calendar date, so that
 * `$at` arithmetic never overflows into a value that is not a date (and compares as nothing).
 */
export const EVALUATION_DATES = { from: '1900-01-01', to: '9899-12-31' } as const;
/** The largest day offset from `$at` (100 years of 365 days). */
export const MAX_OFFSET_DAYS = 36_500;
/** The largest year offset from `$at`. */
export const MAX_OFFSET_YEARS = 100;

/** True for a plain ISO date inside `EVALUATION_DATES` (both ends included). */
export function isEvaluationDate(v: unknown): v is string {
  return isIsoDate(v) && v >= EVALUATION_DATES.from && v <= EVALUATION_DATES.to;
}

/** Today's date in UTC, as an ISO date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
