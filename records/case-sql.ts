/**
 * The queries of cases and their entries, shared by both databases (the subset of SQL SQLite and
 * PostgreSQL both accept, JSON as text). The store (sql-store.ts) hands them its connection.
 */
import { NormaError } from '../engine/diagnostics.ts';
import type { CaseEntry, CaseEntryBody, CaseFilter, CasePlace, NewCase, StoredCase } from './case-model.ts';
import { decodeCursor, encodeCursor, pageLimit } from './query.ts';
import type { SqlExecutor, SqlRow, SqlValue } from './sql.ts';
import type { Page } from './store.ts';

export async function insertCase(sql: SqlExecutor, c: NewCase): Promise<StoredCase> {
  await sql.query(
    `INSERT INTO cases (case_id, process_id, process_version, process_digest, subject_type, subject_id, facts,
     opened_at, opened_by, stage, complete, next_due, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      c.caseId,
      c.process.id,
      c.process.version,
      c.process.digest,
      c.subject.type,
      c.subject.id,
      JSON.stringify(c.facts),
      c.openedAt,
      c.openedBy,
      c.stage,
      c.complete ? 1 : 0,
      c.nextDue,
      c.openedAt,
    ],
  );
  return { ...structuredClone(c), updatedAt: c.openedAt };
}

export async function selectCase(sql: SqlExecutor, caseId: string): Promise<StoredCase | undefined> {
  const [row] = await sql.query('SELECT * FROM cases WHERE case_id = ?', [caseId]);
  return row ? caseFromRow(row) : undefined;
}

/**
 * Appends an entry and writes the case's new place (and facts, for a facts entry) in one
 * transaction, so the listing never disagrees with the entries. Refuses an unknown case.
 */
export async function appendEntry(
  sql: SqlExecutor,
  entry: CaseEntry,
  place: CasePlace,
  facts?: Record<string, unknown>,
): Promise<CaseEntry> {
  const { entryId, caseId, recordedAt, actor, ...body } = entry;
  const updated = await sql.query(
    `UPDATE cases SET stage = ?, complete = ?, next_due = ?, updated_at = ?${facts ? ', facts = ?' : ''}
     WHERE case_id = ? RETURNING case_id`,
    [
      place.stage,
      place.complete ? 1 : 0,
      place.nextDue,
      recordedAt,
      ...(facts ? [JSON.stringify(facts)] : []),
      caseId,
    ],
  );
  if (updated.length === 0) throw new NormaError('case_unknown', `no case \`${caseId}\``);
  await sql.query(
    'INSERT INTO case_entries (entry_id, case_id, kind, recorded_at, actor, body) VALUES (?, ?, ?, ?, ?, ?)',
    [entryId, caseId, body.kind, recordedAt, actor, JSON.stringify(body)],
  );
  return structuredClone(entry);
}

/** Writes where a case stands after a step (a decision record, not an entry); false for an unknown case. */
export async function updatePlace(
  sql: SqlExecutor,
  caseId: string,
  place: CasePlace,
  at: string,
): Promise<boolean> {
  const rows = await sql.query(
    'UPDATE cases SET stage = ?, complete = ?, next_due = ?, updated_at = ? WHERE case_id = ? RETURNING case_id',
    [place.stage, place.complete ? 1 : 0, place.nextDue, at, caseId],
  );
  return rows.length > 0;
}

export async function selectEntries(sql: SqlExecutor, caseId: string): Promise<CaseEntry[]> {
  const rows = await sql.query('SELECT * FROM case_entries WHERE case_id = ? ORDER BY entry_id', [caseId]);
  return rows.map(entryFromRow);
}

export async function selectCases(
  sql: SqlExecutor,
  filter: CaseFilter,
  page: { after?: string; limit: number },
): Promise<Page<StoredCase>> {
  const limit = pageLimit(page.limit);
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('process_id', filter.process);
  equal('stage', filter.stage);
  equal('subject_type', filter.subjectType);
  equal('subject_id', filter.subjectId);
  if (filter.overdueAt !== undefined) {
    clauses.push('next_due IS NOT NULL AND next_due < ?');
    params.push(filter.overdueAt);
  }
  if (page.after !== undefined) {
    clauses.push('case_id > ?');
    params.push(decodeCursor(page.after));
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = await sql.query(`SELECT * FROM cases ${where} ORDER BY case_id LIMIT ?`, [
    ...params,
    limit + 1,
  ]);
  const items = rows.slice(0, limit).map(caseFromRow);
  const last = items.at(-1);
  return rows.length > limit && last ? { items, next: encodeCursor(last.caseId) } : { items };
}

function caseFromRow(row: SqlRow): StoredCase {
  return {
    caseId: String(row.case_id),
    process: {
      id: String(row.process_id),
      version: String(row.process_version),
      digest: String(row.process_digest),
    },
    subject: { type: String(row.subject_type), id: String(row.subject_id) },
    facts: JSON.parse(String(row.facts)) as Record<string, unknown>,
    openedAt: String(row.opened_at),
    openedBy: row.opened_by === null ? null : String(row.opened_by),
    stage: row.stage === null ? null : String(row.stage),
    complete: Number(row.complete) === 1,
    nextDue: row.next_due === null ? null : String(row.next_due),
    updatedAt: String(row.updated_at),
  };
}

function entryFromRow(row: SqlRow): CaseEntry {
  const body = JSON.parse(String(row.body)) as CaseEntryBody;
  return {
    ...body,
    entryId: String(row.entry_id),
    caseId: String(row.case_id),
    recordedAt: String(row.recorded_at),
    actor: row.actor === null ? null : String(row.actor),
  };
}
