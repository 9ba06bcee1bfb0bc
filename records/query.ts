/**
 * DecisionFilter as SQL, and the opaque keyset cursor of `list`. Every filter is an equality or a
 * range on an indexed column; pages are keyed on decision_id (time-ordered UUIDv7), so a page costs
 * the same however deep it is.
 */
import { NormaError } from '../engine/index.ts';
import type { SqlValue } from './sql.ts';
import type { DecisionFilter } from './store.ts';

/** The most records one page holds, whatever the caller asks for. */
export const MAX_PAGE = 1000;

const EQUALS: [keyof DecisionFilter, string][] = [
  ['standard', 'standard_id'],
  ['version', 'standard_version'],
  ['digest', 'standard_digest'],
  ['subjectType', 'subject_type'],
  ['subjectId', 'subject_id'],
  ['caseId', 'case_id'],
  ['outcome', 'outcome'],
];

/** A WHERE clause (without the keyword) and its parameters; tombstones never match. */
export function filterSql(filter: DecisionFilter, after?: string): { where: string; params: SqlValue[] } {
  const clauses = ['destroyed_at IS NULL'];
  const params: SqlValue[] = [];
  for (const [field, column] of EQUALS) {
    const value = filter[field];
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.since !== undefined) {
    clauses.push('recorded_at >= ?');
    params.push(timeBound('since', filter.since));
  }
  if (filter.until !== undefined) {
    clauses.push('recorded_at < ?');
    params.push(timeBound('until', filter.until));
  }
  if (after !== undefined) {
    clauses.push('decision_id > ?');
    params.push(after);
  }
  return { where: clauses.join(' AND '), params };
}

/**
 * A bound comparable with stored `recordedAt` text: a date stays a date (it sorts before every
 * instant of that day), an instant becomes UTC with milliseconds, the form records are stored in.
 */
function timeBound(name: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new NormaError(
      'records_filter_invalid',
      `\`${name}\` must be a date (2026-11-01) or an ISO instant, not \`${value}\``,
    );
  }
  return new Date(ms).toISOString();
}

/** The page size actually used: at least 1, at most MAX_PAGE. */
export function pageLimit(limit: number): number {
  if (!Number.isFinite(limit)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}

const CURSOR_PREFIX = 'k1:';

/** The cursor that continues after the given decision. */
export function encodeCursor(decisionId: string): string {
  return Buffer.from(CURSOR_PREFIX + decisionId, 'utf8').toString('base64url');
}

/** The decisionId a cursor continues after; a cursor this store did not make is refused. */
export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length) {
    throw new NormaError('records_cursor_invalid', `\`${cursor}\` is not a cursor of this list`);
  }
  return text.slice(CURSOR_PREFIX.length);
}
