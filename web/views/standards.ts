/**
 * The standards page's view: every document with the version in force, grouped by the chapter
 * of its clause (`§2.1` is in chapter 2), filtered by a search over id, title and clause.
 */
import {
  type CompiledDocument,
  historyOf,
  isText,
  type StandardsIndex,
  type Text,
  wordings,
} from '../../engine/index.ts';

export interface StandardRow {
  id: string;
  kind: string;
  /** As written: a plain string or `{zh, en}` (pages show it with `textIn`). */
  title: Text;
  clause: string;
  inForce?: string;
  /** The status of the version in force, else of the latest; `withheld` when the lock withholds it. */
  status: string;
  /** A newer draft waiting for approval. */
  draft?: string;
  owner: string;
  warnings: number;
}

export interface Chapter {
  /** The chapter number (`2`), or empty for documents without a clause. */
  number: string;
  rows: StandardRow[];
}

/** The rows of every standard at `at`, in chapter and clause order, those matching `query` only. */
export function standardsView(index: StandardsIndex, at: string, query = ''): Chapter[] {
  const ids = new Set([...index.documents.keys(), ...index.withheld.keys()]);
  const rows = [...ids].map((id) => rowOf(index, id, at)).filter((row) => matches(row, query));
  const chapters = new Map<string, StandardRow[]>();
  for (const row of rows.sort(byClause)) {
    const number = /§\s*(\d+)/.exec(row.clause)?.[1] ?? '';
    chapters.set(number, [...(chapters.get(number) ?? []), row]);
  }
  return [...chapters]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : Number(a) - Number(b)))
    .map(([number, rows]) => ({ number, rows }));
}

function rowOf(index: StandardsIndex, id: string, at: string): StandardRow {
  const history = historyOf(index, id, at);
  const served = index.documents.get(id) ?? [];
  const shown: CompiledDocument | undefined =
    served.find((d) => d.version === history.inForce) ??
    served.at(-1) ??
    index.withheld.get(id)?.[0]?.document;
  const entry = history.versions.find((v) => v.version === (history.inForce ?? shown?.version));
  const latest = history.versions.at(-1);
  const draft =
    latest && latest.status === 'draft' && latest.version !== history.inForce ? latest.version : undefined;
  const lockProblems = history.versions.filter((v) => v.withheld || v.lock).length;
  return {
    id,
    kind: history.kind,
    title: isText(shown?.data.title) ? shown.data.title : history.title,
    clause: clauseText(shown?.clause),
    ...(history.inForce ? { inForce: history.inForce } : {}),
    status: entry?.withheld ? 'withheld' : (entry?.status ?? 'draft'),
    ...(draft ? { draft } : {}),
    owner: shown?.owner ?? '',
    warnings: (shown?.warnings.length ?? 0) + lockProblems,
  };
}

/** A clause as written, several joined by commas. */
export function clauseText(clause: string | string[] | undefined): string {
  if (clause === undefined) return '';
  return Array.isArray(clause) ? clause.join(', ') : clause;
}

function matches(row: StandardRow, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^§/, '');
  if (q === '') return true;
  return [row.id, ...wordings(row.title), row.clause].some((field) => field.toLowerCase().includes(q));
}

/** `§2.10` after `§2.9`: clauses compared number by number; documents without one last. */
function byClause(a: StandardRow, b: StandardRow): number {
  const na = (a.clause.match(/\d+/g) ?? []).map(Number);
  const nb = (b.clause.match(/\d+/g) ?? []).map(Number);
  if (na.length === 0 || nb.length === 0) return nb.length - na.length || a.id.localeCompare(b.id);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.id.localeCompare(b.id);
}
