import type { StoredRecord } from './store.ts';

/** The columns of a CSV export: one row per decision, input and result as JSON. */
const CSV_COLUMNS = [
  'decisionId',
  'recordedAt',
  'standard',
  'version',
  'digest',
  'at',
  'kind',
  'outcome',
  'subjectType',
  'subjectId',
  'caseId',
  'caller',
  'requestId',
  'recordClass',
  'keepUntil',
  'matched',
  'input',
  'result',
  'writer',
  'seq',
  'hash',
];

/** One record as a CSV row (without the line end). */
export function csvRow(r: StoredRecord): string {
  const cells = [
    r.decisionId,
    r.recordedAt,
    r.standard.id,
    r.standard.version,
    r.standard.digest,
    r.at,
    r.kind,
    r.outcome,
    r.subject?.type,
    r.subject?.id,
    r.caseId,
    r.caller,
    r.requestId,
    r.retention?.recordClass,
    r.retention?.keepUntil,
    (r.matched as { rule?: string }[]).map((m) => m.rule ?? '').join(';'),
    JSON.stringify(r.input),
    JSON.stringify(r.result),
    r.writer,
    String(r.seq),
    r.hash,
  ];
  return cells.map(csvCell).join(',');
}

/** RFC 4180, and a leading `= + - @` quoted with an apostrophe, so a spreadsheet never runs a cell. */
function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The header row (without the line end). */
export function csvHeader(): string {
  return CSV_COLUMNS.join(',');
}
