/**
 * What the records pages show, as plain data: a record's input as name/value rows (nested facts
 * as dotted names, masked values marked), the evidence hashes its answers hold, and the search
 * form's query turned back into links (the next page, the exports).
 */
import { MASKED } from '../../engine/index.ts';

export interface InputRow {
  name: string;
  value: string;
  masked: boolean;
}

/** Facts (or answers) flattened into rows; arrays of scalars are joined, objects go one level deeper. */
export function inputRows(value: unknown, prefix = ''): InputRow[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return prefix ? [row(prefix, value)] : [];
  }
  const rows: InputRow[] = [];
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) rows.push(...inputRows(v, name));
    else rows.push(row(name, v));
  }
  return rows;
}

function row(name: string, value: unknown): InputRow {
  if (value === MASKED) return { name, value: '', masked: true };
  const text =
    typeof value === 'string'
      ? value
      : Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)
        ? value.join(', ')
        : JSON.stringify(value);
  return { name, value: text ?? '', masked: false };
}

const HASH = /^sha256:[0-9a-f]{64}$/;

/** The evidence photos a checklist's answers refer to by content hash: `[{item, hash}]`. */
export function evidenceHashes(answers: unknown): { item: string; hash: string }[] {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return [];
  const out: { item: string; hash: string }[] = [];
  for (const [item, answer] of Object.entries(answers)) {
    const evidence = (answer as { evidence?: unknown } | null)?.evidence;
    if (!Array.isArray(evidence)) continue;
    for (const e of evidence) if (typeof e === 'string' && HASH.test(e)) out.push({ item, hash: e });
  }
  return out;
}

/** The search fields a records page keeps in its links. */
export const SEARCH_FIELDS = [
  'subjectType',
  'subjectId',
  'standard',
  'version',
  'outcome',
  'since',
  'until',
] as const;

export type Search = Partial<Record<(typeof SEARCH_FIELDS)[number], string>>;

/** The search a query asks for (empty fields left out). */
export function searchOf(query: (name: string) => string | undefined): Search {
  const search: Search = {};
  for (const name of SEARCH_FIELDS) {
    const v = query(name)?.trim();
    if (v) search[name] = v;
  }
  return search;
}

/** A path with the search (and extra parameters) as its query. */
export function withSearch(path: string, search: Search, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...search, ...extra })) if (v) params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
