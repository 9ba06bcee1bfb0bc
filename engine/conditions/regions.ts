/**
 * Cheap, deterministic reasoning about conditions, for the dead-weight warnings at load: which
 * values of each fact a condition lets through, as an interval of numbers and a set of allowed or
 * excluded values. Only literal comparisons joined by `all` are read; anything else (`any`,
 * `not`, quantifiers, `matches`, dates relative to `$at`, one fact against another) is skipped
 * and marks the reading inexact, and every question is answered "no" unless the answer is
 * certain either way, so a warning is only ever given when it is.
 * Linear in the size of the conditions.
 */
import type { FactSchema } from '../facts/types.ts';
import type { Cond } from './ast.ts';

/** The values of one fact that a conjunction lets through. */
interface Region {
  /** Set when a numeric comparison requires a number. */
  numeric?: Interval;
  /** Set when `equal`/`in` restrict the fact to these values. */
  allowed?: Set<unknown>;
  /** Values that `notEqual`/`notIn` exclude. */
  excluded: Set<unknown>;
}

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

/**
 * A conjunction read as one region per fact path (`vehicle.mileageKm`). `exact` is false when some
 * conjuncts could not be read (`any`, `matches`, a date relative to `$at`…): the regions then
 * let through more than the condition does, which still proves it empty, but not that it covers
 * another.
 */
export type Regions = Map<string, Region> & { exact?: boolean };

const WHOLE: Interval = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };

/** The regions of a condition, or undefined when it is not a conjunction of literal comparisons. */
export function regionsOf(cond: Cond, declared: Record<string, FactSchema> = {}): Regions {
  const regions: Regions = new Map();
  regions.exact = addTo(regions, cond, declared);
  return regions;
}

/** Adds a conjunct's constraints; false when some part of it could not be read (it is skipped). */
function addTo(regions: Regions, cond: Cond, declared: Record<string, FactSchema>): boolean {
  if (cond.type === 'all') {
    let exact = true;
    for (const item of cond.items) exact = addTo(regions, item, declared) && exact;
    return exact;
  }
  if (cond.type !== 'test' || cond.operand.kind !== 'literal') return false;
  const name = cond.path.join('.');
  const region = regions.get(name) ?? initialRegion(cond.path, declared);
  const read = narrow(region, cond.op, cond.operand.value);
  if (read) regions.set(name, region);
  return read;
}

/**
 * What the declaration alone allows: its enum, and for a fact declared a number its range (a
 * request whose value is outside it is refused, so no condition decides on such a value).
 */
function initialRegion(path: readonly string[], declared: Record<string, FactSchema>): Region {
  const schema = path.length === 1 ? declared[path[0] as string] : undefined;
  const region: Region = { excluded: new Set() };
  if (Array.isArray(schema?.enum)) region.allowed = new Set(schema.enum);
  const range = schema ? declaredRange(schema) : undefined;
  if (range) region.numeric = range;
  return region;
}

/** The interval a fact declared `number` or `integer` is held to, when it declares bounds. */
function declaredRange(schema: FactSchema): Interval | undefined {
  if (schema.type !== 'number' && schema.type !== 'integer') return undefined;
  let range = WHOLE;
  const bound = (key: string) => {
    const v = (schema as Record<string, unknown>)[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const bounds: [string, string][] = [
    ['minimum', 'greaterThanInclusive'],
    ['exclusiveMinimum', 'greaterThan'],
    ['maximum', 'lessThanInclusive'],
    ['exclusiveMaximum', 'lessThan'],
  ];
  let any = false;
  for (const [key, op] of bounds) {
    const v = bound(key);
    if (v === undefined) continue;
    range = clip(range, boundOf(op, v));
    any = true;
  }
  return any ? range : undefined;
}

/** Narrows a region by one comparison; false when the operator is not one this reasoning reads. */
function narrow(region: Region, op: string, value: unknown): boolean {
  switch (op) {
    case 'equal':
      region.allowed = intersect(region.allowed, [value]);
      return true;
    case 'in':
      if (!Array.isArray(value)) return false;
      region.allowed = intersect(region.allowed, value);
      return true;
    case 'notEqual':
      region.excluded.add(value);
      return true;
    case 'notIn':
      if (!Array.isArray(value)) return false;
      for (const v of value) region.excluded.add(v);
      return true;
    case 'greaterThan':
    case 'greaterThanInclusive':
    case 'lessThan':
    case 'lessThanInclusive':
      if (typeof value !== 'number') return false;
      region.numeric = clip(region.numeric ?? WHOLE, boundOf(op, value));
      return true;
    case 'between': {
      if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'number') return false;
      const pair = { lo: value[0], loOpen: false, hi: value[1], hiOpen: false };
      region.numeric = clip(region.numeric ?? WHOLE, pair);
      return true;
    }
    default:
      return false;
  }
}

function boundOf(op: string, value: number): Interval {
  if (op === 'greaterThan') return { ...WHOLE, lo: value, loOpen: true };
  if (op === 'greaterThanInclusive') return { ...WHOLE, lo: value, loOpen: false };
  if (op === 'lessThan') return { ...WHOLE, hi: value, hiOpen: true };
  return { ...WHOLE, hi: value, hiOpen: false };
}

function intersect(current: Set<unknown> | undefined, values: readonly unknown[]): Set<unknown> {
  if (!current) return new Set(values);
  return new Set(values.filter((v) => current.has(v)));
}

function clip(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { ...a, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { ...a, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}

function inInterval(v: unknown, i: Interval): boolean {
  if (typeof v !== 'number') return false;
  return (i.loOpen ? v > i.lo : v >= i.lo) && (i.hiOpen ? v < i.hi : v <= i.hi);
}

/** The fact path whose region no value can satisfy, if any: then the condition never holds. */
export function emptyRegion(regions: Regions): string | undefined {
  for (const [name, region] of regions) if (isEmptyRegion(region)) return name;
  return undefined;
}

function isEmptyRegion(r: Region): boolean {
  if (r.numeric && isEmpty(r.numeric)) return true;
  if (!r.allowed) return false;
  const left = [...r.allowed].filter((v) => !r.excluded.has(v) && (!r.numeric || inInterval(v, r.numeric)));
  return left.length === 0;
}

/**
 * Whether every input that satisfies `inner` also satisfies `outer` (so `outer`, decided first,
 * leaves nothing for `inner`). Only certain answers are "yes".
 */
export function covers(outer: Regions, inner: Regions): boolean {
  // An outer condition with parts not read may be narrower than its regions say.
  if (outer.exact === false) return false;
  for (const [name, o] of outer) {
    const i = inner.get(name);
    if (!i || !regionWithin(i, o)) return false;
  }
  return true;
}

/** Whether every value region `i` lets through is let through by `o`. */
function regionWithin(i: Region, o: Region): boolean {
  // The values `i` allows, when it lists them; otherwise what its interval says.
  const listed = i.allowed ? [...i.allowed].filter((v) => !i.excluded.has(v)) : undefined;
  if (listed)
    return listed.every((v) => admits(o, v) || (i.numeric !== undefined && !inInterval(v, i.numeric)));
  if (o.allowed) return false;
  if (o.numeric) {
    if (!i.numeric || !intervalWithin(i.numeric, o.numeric)) return false;
  }
  // Excluded by `o`: `i` must exclude it too, or rule it out by its interval.
  for (const v of o.excluded) {
    if (!i.excluded.has(v) && !(i.numeric && !inInterval(v, i.numeric))) return false;
  }
  return true;
}

function admits(o: Region, v: unknown): boolean {
  if (o.allowed && !o.allowed.has(v)) return false;
  if (o.excluded.has(v)) return false;
  return !o.numeric || inInterval(v, o.numeric);
}

function intervalWithin(i: Interval, o: Interval): boolean {
  const loOk = i.lo > o.lo || (i.lo === o.lo && (!o.loOpen || i.loOpen));
  const hiOk = i.hi < o.hi || (i.hi === o.hi && (!o.hiOpen || i.hiOpen));
  return loOk && hiOk;
}
