/**
 * A record as a row of `decisions` and back. The standard, subject and retention are spread over
 * columns so they can be filtered and indexed; JSON values are kept as canonical JSON text.
 */
import { canonicalJson, type RecordTexts } from './chain.ts';
import type { SqlRow, SqlValue } from './sql.ts';
import type { Destruction, LegalHold, NewRecord, StoredRecord } from './store.ts';

/** The columns an append writes, in the order `recordValues` gives them. */
export const DECISION_COLUMNS = [
  'decision_id',
  'writer',
  'seq',
  'hash',
  'prev_hash',
  'recorded_at',
  'standard_id',
  'standard_version',
  'standard_digest',
  'at',
  'kind',
  'input',
  'result',
  'matched',
  'outcome',
  'caller',
  'request_id',
  'subject_type',
  'subject_id',
  'case_id',
  'retention',
  'record_class',
  'keep_until',
] as const;

/** The columns a destruction empties: everything but the record's place in its chain. */
export const CONTENT_COLUMNS = DECISION_COLUMNS.slice(5);

/**
 * The values of a record's row, in DECISION_COLUMNS order; with the record's texts (storedForm's),
 * its JSON values are stored as those texts, not serialised again.
 */
export function recordValues(r: StoredRecord, texts?: RecordTexts): SqlValue[] {
  return [
    r.decisionId,
    r.writer,
    r.seq,
    r.hash,
    r.prevHash,
    r.recordedAt,
    r.standard.id,
    r.standard.version,
    r.standard.digest,
    r.at,
    r.kind,
    texts?.input ?? canonicalJson(r.input),
    texts?.result ?? canonicalJson(r.result),
    texts?.matched ?? canonicalJson(r.matched),
    r.outcome,
    r.caller,
    r.requestId,
    r.subject?.type ?? null,
    r.subject?.id ?? null,
    r.caseId,
    texts ? texts.retention : r.retention ? canonicalJson(r.retention) : null,
    r.retention?.recordClass ?? null,
    r.retention?.keepUntil ?? null,
  ];
}

/** The record of a (live) row. */
export function recordFromRow(row: SqlRow): StoredRecord {
  const content: NewRecord = {
    decisionId: String(row.decision_id),
    recordedAt: String(row.recorded_at),
    standard: {
      id: String(row.standard_id),
      version: String(row.standard_version),
      digest: String(row.standard_digest),
    },
    at: String(row.at),
    kind: String(row.kind),
    input: parseJson(row.input) as Record<string, unknown>,
    result: parseJson(row.result),
    matched: parseJson(row.matched) as unknown[],
    outcome: nullableText(row.outcome),
    caller: nullableText(row.caller),
    requestId: nullableText(row.request_id),
    subject:
      row.subject_type === null || row.subject_type === undefined
        ? null
        : { type: String(row.subject_type), id: String(row.subject_id) },
    caseId: nullableText(row.case_id),
    retention: row.retention === null || row.retention === undefined ? null : parseJson(row.retention),
  } as NewRecord;
  return {
    ...content,
    writer: String(row.writer),
    seq: Number(row.seq),
    hash: String(row.hash),
    prevHash: String(row.prev_hash),
  };
}

/** A hold of a `holds` row. */
export function holdFromRow(row: SqlRow): LegalHold & { holdId: string } {
  const target: LegalHold['target'] =
    row.decision_id !== null && row.decision_id !== undefined
      ? { decisionId: String(row.decision_id) }
      : row.case_id !== null && row.case_id !== undefined
        ? { caseId: String(row.case_id) }
        : { subject: { type: String(row.subject_type), id: String(row.subject_id) } };
  return {
    holdId: String(row.hold_id),
    target,
    reason: String(row.reason),
    setBy: String(row.set_by),
    setAt: String(row.set_at),
  };
}

/** A destruction of a `destructions` row. */
export function destructionFromRow(row: SqlRow): Destruction {
  return {
    decisionId: String(row.decision_id),
    writer: String(row.writer),
    seq: Number(row.seq),
    hash: String(row.hash),
    recordClass: String(row.record_class),
    rule: String(row.rule),
    approvals: parseJson(row.approvals) as string[],
    destroyedAt: String(row.destroyed_at),
  };
}

function parseJson(value: unknown): unknown {
  // A text column the store wrote; a tampered, unparseable one reads as itself so verify reports it.
  try {
    return JSON.parse(String(value));
  } catch {
    return value;
  }
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
