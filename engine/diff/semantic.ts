/**
 * The semantic diff: two versions of a document compared by identity, not by line. Works on the
 * documents' plain data, so it covers every kind; `shape.ts` says which lists are keyed by id and
 * where order matters, `classify.ts` what each change means for the reader.
 */
import type { CompiledDocument } from '../document.ts';
import { canonicalJson } from '../load/digest.ts';
import { type ChangeClass, classify } from './classify.ts';
import { pairRenames } from './renames.ts';
import { type ListContext, type ListShape, listShape } from './shape.ts';

/** One step of a change's path: a field, an element named by its key, or an element by position. */
export type Segment = { field: string } | { id: string } | { index: number };

/** One difference between two versions. */
export interface Change {
  /** `renamed`: an element keyed by id whose id changed (`from` old id, `to` new id). */
  op: 'added' | 'removed' | 'changed' | 'moved' | 'renamed';
  /** Readable path: `rules[manager-over-5000].when.estimateTotal.greaterThan`. */
  path: string;
  class: ChangeClass;
  /** The old value (changed, removed). */
  from?: unknown;
  /** The new value (changed, added). */
  to?: unknown;
  /** For moves: the 1-based positions before and after. */
  fromPosition?: number;
  toPosition?: number;
}

/** Every change from one version to another, in document order. */
export interface SemanticDiff {
  id: string;
  kind: string;
  from: { version: string; digest: string; status: string; effective?: string };
  to: { version: string; digest: string; status: string; effective?: string };
  changes: Change[];
  counts: Record<ChangeClass, number>;
}

// Identity fields: `version` always differs and names the diff itself; `kind` and `id` cannot.
const SKIPPED = new Set(['version', 'kind', 'id']);

/** Compares two versions of one document field by field, lists matched by identity. */
export function semanticDiff(from: CompiledDocument, to: CompiledDocument): SemanticDiff {
  const walker = new Walker(to.kind, from.data, to.data);
  const keys = unionKeys(from.data, to.data).filter((k) => !SKIPPED.has(k));
  for (const key of keys) walker.value(from.data[key], to.data[key], [{ field: key }], from.data, to.data);
  const counts: Record<ChangeClass, number> = { outcome: 0, input: 0, wording: 0 };
  for (const c of walker.changes) counts[c.class]++;
  return {
    id: to.id,
    kind: to.kind,
    from: versionInfo(from),
    to: versionInfo(to),
    changes: walker.changes,
    counts,
  };
}

function versionInfo(doc: CompiledDocument): SemanticDiff['from'] {
  return {
    version: doc.version,
    digest: doc.digest,
    status: doc.status,
    ...(doc.effective !== undefined ? { effective: doc.effective } : {}),
  };
}

class Walker {
  readonly changes: Change[] = [];
  constructor(
    private readonly kind: string,
    private readonly fromDoc: Record<string, unknown>,
    private readonly toDoc: Record<string, unknown>,
  ) {}

  /** Compares two values at a path; `parents` are the mappings that hold them. */
  value(a: unknown, b: unknown, path: Segment[], fromParent: unknown, toParent: unknown): void {
    if (a === undefined && b === undefined) return;
    if (a === undefined || b === undefined) {
      this.add(a === undefined ? { op: 'added', to: b } : { op: 'removed', from: a }, path);
      return;
    }
    if (canonicalJson(a) === canonicalJson(b)) return;
    if (isMapping(a) && isMapping(b)) {
      for (const key of unionKeys(a, b)) this.value(a[key], b[key], [...path, { field: key }], a, b);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.every(isMapping) && b.every(isMapping)) {
      const context: ListContext = {
        kind: this.kind,
        pattern: patternOf(path),
        fromDoc: this.fromDoc,
        toDoc: this.toDoc,
        fromParent: isMapping(fromParent) ? fromParent : {},
        toParent: isMapping(toParent) ? toParent : {},
      };
      this.list(a, b, path, listShape(context, a, b));
      return;
    }
    this.add({ op: 'changed', from: a, to: b }, path);
  }

  /** Compares two lists of mappings: matched by key (or content, then position), then moves. */
  private list(
    a: Record<string, unknown>[],
    b: Record<string, unknown>[],
    path: Segment[],
    shape: ListShape,
  ) {
    const key = shape.key;
    const pairs = key ? pairByKey(a, b, key) : pairByContent(a, b);
    const renamed = key ? renamesAmong(a, b, key, pairs) : new Set<number>();
    const name = (el: Record<string, unknown>, index: number): Segment =>
      key ? { id: String(el[key]) } : { index };
    const matchedFrom = new Set(pairs.map(([i]) => i));
    const matchedTo = new Set(pairs.map(([, j]) => j));
    a.forEach((el, i) => {
      if (!matchedFrom.has(i)) this.add({ op: 'removed', from: el }, [...path, name(el, i)]);
    });
    const stay = shape.ordered ? inOrder(pairs) : new Set(pairs.map((_, n) => n));
    pairs.forEach(([i, j], n) => {
      const el = b[j] as Record<string, unknown>;
      const at = [...path, name(el, j)];
      let old = a[i] as Record<string, unknown>;
      if (key && renamed.has(j)) {
        this.add({ op: 'renamed', from: old[key], to: el[key] }, at);
        // The body is compared as if the key had not changed: the rename is said once.
        old = { ...old, [key]: el[key] };
      }
      if (!stay.has(n)) this.add({ op: 'moved', fromPosition: i + 1, toPosition: j + 1 }, at);
      this.value(old, el, at, old, el);
    });
    b.forEach((el, j) => {
      if (!matchedTo.has(j)) this.add({ op: 'added', to: el }, [...path, name(el, j)]);
    });
  }

  private add(change: Omit<Change, 'path' | 'class'>, path: Segment[]): void {
    const keys = path.flatMap((s) => ('field' in s ? [s.field] : []));
    this.changes.push({ op: change.op, path: formatPath(path), class: classify(keys), ...rest(change) });
  }
}

function rest(change: Omit<Change, 'path' | 'class'>): Partial<Change> {
  const { op: _op, ...others } = change;
  return others;
}

/** Pairs elements with the same key, in the order of the new version. */
function pairByKey(
  a: Record<string, unknown>[],
  b: Record<string, unknown>[],
  key: string,
): [number, number][] {
  const where = new Map(a.map((el, i) => [String(el[key]), i]));
  const pairs: [number, number][] = [];
  b.forEach((el, j) => {
    const i = where.get(String(el[key]));
    if (i !== undefined) pairs.push([i, j]);
  });
  return pairs;
}

/**
 * Adds the renamed pairs (elements whose key changed but whose body is equal or nearly so) to
 * `pairs`, kept in the order of the new version; returns the new indexes that were renamed.
 */
function renamesAmong(
  a: Record<string, unknown>[],
  b: Record<string, unknown>[],
  key: string,
  pairs: [number, number][],
): Set<number> {
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));
  const restA = a.map((_, i) => i).filter((i) => !matchedA.has(i));
  const restB = b.map((_, j) => j).filter((j) => !matchedB.has(j));
  const renames = pairRenames(a, b, key, restA, restB);
  pairs.push(...renames);
  pairs.sort((x, y) => x[1] - y[1]);
  return new Set(renames.map(([, j]) => j));
}

/**
 * Pairs elements without ids: identical elements first (so a moved band is a move, not two
 * edits), then the rest by position among the unpaired ones.
 */
function pairByContent(a: Record<string, unknown>[], b: Record<string, unknown>[]): [number, number][] {
  const textA = a.map(canonicalJson);
  const textB = b.map(canonicalJson);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  textB.forEach((t, j) => {
    const i = textA.findIndex((s, k) => s === t && !usedA.has(k));
    if (i >= 0) {
      usedA.add(i);
      usedB.add(j);
      pairs.push([i, j]);
    }
  });
  const restA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  for (let n = 0; n < Math.min(restA.length, restB.length); n++) {
    pairs.push([restA[n] as number, restB[n] as number]);
  }
  return pairs.sort((x, y) => x[1] - y[1]);
}

/**
 * The pairs that kept their relative order (a longest increasing run of old positions, taken in
 * new order); the others moved. Inserting or removing an element moves nothing. Among runs of the
 * same length the one that displaces least is kept, so "c moved to the top" rather than "a and b
 * moved down"; on a tie the element now earlier is the one reported as moved (up, where it wins).
 */
function inOrder(pairs: [number, number][]): Set<number> {
  const n = pairs.length;
  const length = new Array<number>(n).fill(1);
  const cost = pairs.map(([i, j]) => Math.abs(i - j));
  const prev = new Array<number>(n).fill(-1);
  for (let x = 0; x < n; x++) {
    const [ix, jx] = pairs[x] as [number, number];
    for (let y = 0; y < x; y++) {
      if ((pairs[y] as [number, number])[0] >= ix) continue;
      const len = (length[y] as number) + 1;
      const c = (cost[y] as number) + Math.abs(ix - jx);
      if (len > (length[x] as number) || (len === length[x] && c <= (cost[x] as number))) {
        length[x] = len;
        cost[x] = c;
        prev[x] = y;
      }
    }
  }
  let best = -1;
  for (let x = 0; x < n; x++) {
    if (best < 0) best = x;
    else if ((length[x] as number) > (length[best] as number)) best = x;
    else if (length[x] === length[best] && (cost[x] as number) <= (cost[best] as number)) best = x;
  }
  const keep = new Set<number>();
  for (let x = best; x >= 0; x = prev[x] as number) keep.add(x);
  return keep;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The keys of the new mapping in order, then those only the old one has. */
function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(b);
  for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) keys.push(k);
  return keys;
}

/** `rules[manager-over-5000].when.estimateTotal.greaterThan`; elements without key as `[2]`. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if ('field' in s) out += out === '' ? s.field : `.${s.field}`;
    else if ('id' in s) out += `[${s.id}]`;
    else out += `[${s.index}]`;
  }
  return out;
}

/** A list's path with element names replaced by `[]`, as `shape.ts` knows it. */
function patternOf(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if ('field' in s) out += out === '' ? s.field : `.${s.field}`;
    else out += '[]';
  }
  return out;
}
