import type { Cond } from '../conditions/ast.ts';
import { parseDateValue, shiftDate } from '../conditions/dates.ts';
import type { CompiledDocument } from '../document.ts';
import { enumValues, type FactSchema } from '../facts/types.ts';

const COND_TYPES = new Set(['all', 'any', 'not', 'test', 'quantifier']);

/** The evaluation date generated inputs are checked at: fixed per document so runs replay. */
export function assuranceAt(doc: CompiledDocument): string {
  return doc.effective ?? '2026-01-01';
}

/**
 * For each fact path the conditions read (dotted; `list[].prop` inside some/every/none), the
 * values they compare with and their neighbours: 5000 → 4999, 5000, 5001; dates ± 1 day; enum
 * members. Generators bias inputs towards these, where decisions flip.
 */
export function boundariesOf(doc: CompiledDocument, at = assuranceAt(doc)): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const add = (path: string, values: unknown[]) => {
    const list = out.get(path) ?? [];
    for (const v of values) if (!list.some((x) => Object.is(x, v))) list.push(v);
    out.set(path, list);
  };
  for (const cond of condsIn(doc.compiled)) addBoundaries(cond, at, add);
  for (const path of [...out.keys()]) {
    const schema = schemaAt(doc.facts.declared, path);
    const members = schema ? enumValues(schema) : undefined;
    // Members in declared order: fast-check shrinks towards the first, the schema's first.
    if (members) out.set(path, [...members]);
  }
  return out;
}

/** Every condition tree reachable from a compiled document, each once, outermost first. */
export function condsIn(compiled: unknown): Cond[] {
  const found: Cond[] = [];
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 40 || seen.has(v)) return;
    seen.add(v);
    if (isCond(v)) {
      found.push(v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v instanceof Map) for (const x of v.values()) walk(x, depth + 1);
    else for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(compiled, 0);
  return found;
}

function isCond(v: object): v is Cond {
  const o = v as { type?: unknown; origin?: unknown };
  return typeof o.type === 'string' && COND_TYPES.has(o.type) && typeof o.origin === 'object';
}

type Add = (path: string, values: unknown[]) => void;

/** Adds the boundaries of one condition (e.g. an invariant's `forall.when`) through `add`. */
export function addBoundaries(cond: Cond, at: string, add: Add): void {
  collect(cond, '', at, add);
}

function collect(cond: Cond, prefix: string, at: string, add: Add): void {
  switch (cond.type) {
    case 'all':
    case 'any':
      for (const c of cond.items) collect(c, prefix, at, add);
      return;
    case 'not':
      collect(cond.item, prefix, at, add);
      return;
    case 'quantifier':
      collect(cond.item, `${prefix}${cond.path.join('.')}[].`, at, add);
      return;
    case 'test': {
      const path = `${prefix}${cond.path.join('.')}`;
      const operand = cond.operand;
      if (operand.kind === 'at') {
        add(path, dateNeighbours(shiftDate(at, { days: operand.days, years: operand.years })));
      } else if (operand.kind === 'window') {
        add(path, [...dateNeighbours(shiftDate(at, { days: -operand.days })), ...dateNeighbours(at)]);
      } else if (operand.kind === 'literal') {
        const values = Array.isArray(operand.value) ? operand.value : [operand.value];
        const target = cond.op === 'contains' || cond.op === 'doesNotContain' ? `${path}[]` : path;
        for (const v of values) add(target, neighbours(v));
      }
      return;
    }
  }
}

/** A value and the values just either side of it. */
export function neighbours(v: unknown): unknown[] {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const step = Number.isInteger(v) ? 1 : 0.01;
    return [round(v - step), v, round(v + step)];
  }
  if (typeof v === 'string' && parseDateValue(v)) return dateNeighbours(v);
  if (v === null || typeof v === 'object') return [];
  return [v];
}

function dateNeighbours(date: string): string[] {
  const parsed = parseDateValue(date);
  if (!parsed) return [date];
  // A date-time keeps its form; its neighbours are the same time on the days around it.
  const ms = parsed.ms;
  if (ms !== undefined) {
    const shift = (days: number) => new Date(ms + days * 86_400_000).toISOString();
    return [shift(-1), date, shift(1)];
  }
  return [shiftDate(date, { days: -1 }), date, shiftDate(date, { days: 1 })];
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The declared schema at a boundary path (`a.b`, `list[].prop`), if there is one. */
export function schemaAt(declared: Record<string, FactSchema>, path: string): FactSchema | undefined {
  let props: Record<string, FactSchema> | undefined = declared;
  let current: FactSchema | undefined;
  for (const raw of path.split('.')) {
    const name = raw.replace(/(\[\])+$/, '');
    current = props && Object.hasOwn(props, name) ? props[name] : undefined;
    if (!current) return undefined;
    for (let n = (raw.length - name.length) / 2; n > 0; n--) current = current?.items;
    if (!current) return undefined;
    props = current.properties;
  }
  return current;
}
