/**
 * Time in a process: instants for hours and minutes, calendar days in the process's time zone
 * for days. A follow-up "within 3 days" of a delivery at 15:00 on Monday is due at the end of
 * Thursday where the workshop is, not 72 hours later.
 */
import { parseDateValue } from '../../conditions/dates.ts';

/** The time zone of a process that names none. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A `within:` span: `30m`, `72h`, `3d`. */
export interface Span {
  amount: number;
  unit: 'm' | 'h' | 'd';
}

/** Reads `72h`; undefined when it is not a span (the schema reports it). */
export function parseSpan(text: unknown): Span | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([1-9][0-9]{0,3})([mhd])$/.exec(text);
  return m ? { amount: Number(m[1]), unit: m[2] as Span['unit'] } : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    formatterOf(tz);
    return true;
  } catch {
    return false;
  }
}

function formatterOf(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

// Offsets by zone and hour: `formatToParts` costs microseconds, and a case's times cluster.
const offsets = new Map<string, number>();
const MAX_OFFSETS = 4096;

/** The zone's offset from UTC at an instant, in milliseconds (zones change offset on the hour). */
function offsetAt(tz: string, ms: number): number {
  const key = `${tz}|${Math.floor(ms / HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offset = measuredOffset(tz, ms);
    offsets.set(key, offset);
  }
  return offset;
}

function measuredOffset(tz: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Days since 1970-01-01 of the calendar day an instant falls on in the zone. */
export function localDay(tz: string, ms: number): number {
  return Math.floor((ms + offsetAt(tz, ms)) / DAY_MS);
}

/** The instant the calendar day `day` (days since 1970-01-01) begins in the zone. */
export function startOfDay(tz: string, day: number): number {
  const guess = day * DAY_MS;
  const first = guess - offsetAt(tz, guess);
  // Once more at the corrected instant: the offset may differ there (a DST change that day).
  return guess - offsetAt(tz, first);
}

/** The instant `span` after `from`: hours and minutes exactly, days to the end of the n-th local day. */
export function addSpan(tz: string, from: number, span: Span): number {
  if (span.unit === 'm') return from + span.amount * MINUTE_MS;
  if (span.unit === 'h') return from + span.amount * HOUR_MS;
  return startOfDay(tz, localDay(tz, from) + span.amount + 1);
}

/** The ISO date (`YYYY-MM-DD`) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Reads `at`: an ISO date-time is that instant; a plain date is the end of that day in the zone
 * (everything recorded that day counts). Undefined when it is neither.
 */
export function instantOf(at: unknown, tz: string): number | undefined {
  const v = parseDateValue(at);
  if (!v) return undefined;
  if (v.ms !== undefined) return v.ms;
  return startOfDay(tz, v.day + 1) - 1;
}

/** The instant of an ISO date-time (with or without offset); undefined for a plain date or junk. */
export function dateTimeMs(v: unknown): number | undefined {
  return parseDateValue(v)?.ms;
}

/** An instant as an ISO date-time in the zone, with its offset (`2026-12-03T15:00:00+08:00`). */
export function isoInZone(tz: string, ms: number): string {
  const offset = offsetAt(tz, ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset).toISOString().slice(0, 19);
  const minutes = Math.round(offset / MINUTE_MS);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Whole minutes from `from` to `to` (floor), at least zero. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / MINUTE_MS));
}

/** Minutes as an ISO 8601 duration: `PT2H30M`, `P1DT3H`, `PT0M`. */
export function isoDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const time = `${hours ? `${hours}H` : ''}${mins || (!days && !hours) ? `${mins}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
