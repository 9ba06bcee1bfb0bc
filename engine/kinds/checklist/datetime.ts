/**
 * Checking an answer's `at` on every request: most are written the same way
 * (`2026-03-01T09:12:00+08:00` or `…Z`), and those are checked digit by digit without a regular
 * expression or `Date.parse`. Every other form goes to `parseDateValue`, which decides alone.
 */
import { daysInMonth, parseDateValue } from '../../conditions/dates.ts';

/** True when `v` is an ISO date-time (a date with a time), exactly as `parseDateValue` reads one. */
export function isDateTime(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const fast = commonDateTime(v);
  return fast ?? parseDateValue(v)?.ms !== undefined;
}

/**
 * `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`: true when every field is in range (the
 * form `Date.parse` always accepts), undefined for anything else, which then takes the general
 * parser. Years before 100 are left to it too (it refuses them; `Date.UTC` would read 19xx).
 */
function commonDateTime(v: string): true | undefined {
  const n = v.length;
  if (n !== 20 && n !== 25) return undefined;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84) return undefined;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const century = twoDigits(v, 0);
  const yy = twoDigits(v, 2);
  const m = twoDigits(v, 5);
  const d = twoDigits(v, 8);
  const hh = twoDigits(v, 11);
  const mm = twoDigits(v, 14);
  const ss = twoDigits(v, 17);
  if ((century | yy | m | d | hh | mm | ss) < 0) return undefined; // a character is not a digit
  const y = century * 100 + yy;
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const zone = v.charCodeAt(19);
  if (n === 20) return zone === 90 ? true : undefined; // Z
  if ((zone !== 43 && zone !== 45) || v.charCodeAt(22) !== 58) return undefined; // + or -, then :
  const oh = twoDigits(v, 20);
  const om = twoDigits(v, 23);
  return oh >= 0 && oh <= 23 && om >= 0 && om <= 59 ? true : undefined;
}

/** The two decimal digits at `i` as a number, or -1 if either is not a digit. */
function twoDigits(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
