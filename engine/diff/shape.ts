/**
 * What the semantic diff knows about each kind: which lists hold elements with an identity (and
 * under which field), and where the order of a list decides outcomes (first-match lists).
 * Everything else is compared generically as plain JSON.
 */

/** How one list is compared across versions. */
export interface ListShape {
  /** The field that names an element (`id`, `grade`, `name`); undefined: matched by position. */
  key?: string;
  /** Whether moving an element changes outcomes (and so is reported as a move). */
  ordered: boolean;
}

/** The parents of a list in both versions, for shapes that depend on a setting next to the list. */
export interface ListContext {
  kind: string;
  /** The list's path with ids and indexes replaced by `[]`: `rules`, `criteria[].bands`. */
  pattern: string;
  fromDoc: Record<string, unknown>;
  toDoc: Record<string, unknown>;
  fromParent: Record<string, unknown>;
  toParent: Record<string, unknown>;
}

// Hit policies where the file order of rules decides: `first` (first match), `priority` (ties go
// to the earlier rule) and `collect` (outputs are lists in file order).
const ORDERED_HITS = new Set(['first', 'priority', 'collect', undefined]);

const ORDERED: Record<string, (c: ListContext) => boolean> = {
  'ruleset:rules': (c) => ORDERED_HITS.has(hitOf(c.fromDoc)) || ORDERED_HITS.has(hitOf(c.toDoc)),
  'checklist:sections[].items': (c) =>
    c.fromParent.order === 'sequential' || c.toParent.order === 'sequential',
  'scorecard:criteria[].bands': () => true,
  'scorecard:grades': () => true,
  'fees:labourRate': () => true,
  'fees:partsMarkupPct': () => true,
};

const KEYS: Record<string, string> = {
  grades: 'grade',
  tests: 'name',
  invariants: 'name',
};

/** The shape of the list at `context.pattern`, given both versions' elements. */
export function listShape(context: ListContext, from: unknown[], to: unknown[]): ListShape {
  const ordered = ORDERED[`${context.kind}:${context.pattern}`]?.(context) ?? false;
  const named = KEYS[context.pattern];
  const key = named ?? 'id';
  const keyed = hasUniqueKeys(from, key) && hasUniqueKeys(to, key);
  return keyed ? { key, ordered } : { ordered };
}

function hitOf(doc: Record<string, unknown>): string | undefined {
  return typeof doc.hit === 'string' ? doc.hit : undefined;
}

/** Whether every element is a mapping with a distinct text or number under `key`. */
function hasUniqueKeys(list: unknown[], key: string): boolean {
  const seen = new Set<string>();
  for (const el of list) {
    if (el === null || typeof el !== 'object' || Array.isArray(el)) return false;
    const v = (el as Record<string, unknown>)[key];
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    if (seen.has(String(v))) return false;
    seen.add(String(v));
  }
  return true;
}
