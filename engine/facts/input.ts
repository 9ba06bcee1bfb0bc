import { error } from '../diagnostics.ts';
import { escapePointer } from '../load/yaml.ts';
import type { DetailCollector } from '../util/details.ts';

/**
 * How many objects and lists a request value may nest (the facts object itself is the first):
 * deeper values are refused before anything walks them recursively (validation, explain,
 * rendering, JSON.stringify of a report would overflow the stack on a few thousand levels).
 */
export const MAX_INPUT_DEPTH = 32;

/** How a request value is read: only checked, copied one level, or copied all the way down. */
export type InputCopy = 'none' | 'shallow' | 'deep';

/**
 * Checks a request value (facts or answers) in one linear walk: nesting at most `MAX_INPUT_DEPTH`
 * levels (`too_deep`) and every number finite (`not_finite`: JSON reads `1e400` as Infinity).
 * Returns the value, or a copy (`__proto__` stays an own key in it). With `bare`, the copy's
 * objects have no prototype, so that names such as `constructor` are plain keys: a default for a
 * missing one is applied and a present one is read, never `Object.prototype`'s. Bare objects are
 * slower to read in V8, so they are made only for documents that declare such names. Problems
 * go to `details` with JSON pointers under `base`.
 */
export function readInput(
  value: unknown,
  base: string,
  copy: InputCopy,
  details: DetailCollector,
  bare = false,
): unknown {
  // Nearly every request is fine and most are only checked, not copied: check without keeping a
  // path (one push and pop per value), and walk with the path only to say where a problem is.
  if (isClean(value, 1)) {
    if (copy === 'none') return value;
    if (!bare && isPlainObject(value)) return copy === 'shallow' ? shallowCopy(value) : deepCopy(value);
  }
  const levels = copy === 'none' ? 0 : copy === 'shallow' ? 1 : MAX_INPUT_DEPTH;
  return walk(value, 1, { levels, bare, base, details }, []);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The top level of a clean object copied, as `walk` copies it (`__proto__` an own key). */
function shallowCopy(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    set(out, key, value[key]);
  }
  return out;
}

/**
 * A clean value copied all the way down, as `walk` copies it with every level copied (a clean
 * value nests at most `MAX_INPUT_DEPTH` levels, all of which `deep` copies).
 */
function deepCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepCopy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    set(out, key, deepCopy((value as Record<string, unknown>)[key]));
  }
  return out;
}

/** Whether `walk` would find nothing to report in a value (at nesting `level`). */
export function isClean(value: unknown, level: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (level > MAX_INPUT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isClean(value[i], level + 1)) return false;
    return true;
  }
  const object = value as Record<string, unknown>;
  // A parsed body's objects: for…in reads their own keys without making a list of them (it would
  // also read keys added to Object.prototype, which can only make this say no, never yes).
  if (Object.getPrototypeOf(object) === Object.prototype) {
    for (const key in object) if (!isClean(object[key], level + 1)) return false;
    return true;
  }
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    if (!isClean(object[keys[i] as string], level + 1)) return false;
  }
  return true;
}

/** What stays the same through one walk. */
interface Walk {
  /** How many levels are copied. */
  levels: number;
  bare: boolean;
  base: string;
  details: DetailCollector;
}

function walk(value: unknown, level: number, w: Walk, path: string[]): unknown {
  const { base, details } = w;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      details.add(() =>
        error('not_finite', `\`${pointer(base, path)}\` is not a finite number`, {
          path: pointer(base, path),
          hint: 'send a number within ±1.7976931348623157e308 (JSON has no NaN or Infinity)',
        }),
      );
    }
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (level > MAX_INPUT_DEPTH) {
    details.add(() =>
      error('too_deep', `\`${pointer(base, path)}\` is nested more than ${MAX_INPUT_DEPTH} levels deep`, {
        path: pointer(base, path),
        hint: `objects and lists may nest at most ${MAX_INPUT_DEPTH} levels`,
      }),
    );
    return value;
  }
  const copying = level <= w.levels;
  if (Array.isArray(value)) {
    const out: unknown[] | undefined = copying ? new Array(value.length) : undefined;
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const v = walk(value[i], level + 1, w, path);
      path.pop();
      if (out) out[i] = v;
    }
    return out ?? value;
  }
  const out: Record<string, unknown> | undefined = copying ? (w.bare ? Object.create(null) : {}) : undefined;
  for (const key of Object.keys(value)) {
    path.push(key);
    const v = walk((value as Record<string, unknown>)[key], level + 1, w, path);
    path.pop();
    if (out) set(out, key, v);
  }
  return out ?? value;
}

/** Sets a key; `__proto__` as an own property, never through the prototype setter. */
function set(out: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
  else out[key] = v;
}

function pointer(base: string, path: readonly string[]): string {
  let out = base;
  for (const p of path) out += `/${escapePointer(p)}`;
  return out;
}
