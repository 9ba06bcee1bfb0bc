/**
 * What the semantic diff knows about each kind (its `diff.ordered` and `diff.keys`): which lists
 * hold elements with an identity (and under which field), and where the order of a list decides
 * outcomes (first-match lists). Everything else is compared generically as plain JSON.
 */
import { kinds } from '../kinds/registry.ts';

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

// Lists every kind's header has, whose elements are named by a field other than `id`.
const HEADER_KEYS: Record<string, string> = {
  tests: 'name',
  invariants: 'name',
};

/** The shape of the list at `context.pattern`, given both versions' elements. */
export function listShape(context: ListContext, from: unknown[], to: unknown[]): ListShape {
  const diff = Object.hasOwn(kinds, context.kind) ? kinds[context.kind]?.diff : undefined;
  const ordered = diff?.ordered?.[context.pattern]?.(context) ?? false;
  const key = diff?.keys?.[context.pattern] ?? HEADER_KEYS[context.pattern] ?? 'id';
  const keyed = hasUniqueKeys(from, key) && hasUniqueKeys(to, key);
  return keyed ? { key, ordered } : { ordered };
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
