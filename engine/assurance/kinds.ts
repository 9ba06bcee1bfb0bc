/**
 * What the invariants need to know about each kind: where an output sits in a result, in which
 * order its values rank (for `monotone`), and what "something always applies" means (`complete`).
 */
import { compareDates, parseDateValue } from '../conditions/dates.ts';
import type { CompiledDocument } from '../document.ts';
import type { Envelope } from '../evaluate.ts';
import { enumValues, type FactSchema } from '../facts/types.ts';
import { isMapping, readDotted } from './outcome.ts';

/** Compares two values: negative, zero or positive; undefined when they cannot be ordered. */
export type Order = (a: unknown, b: unknown) => number | undefined;

/** An output of a result: a ruleset's `outputs.<name>`, or a dotted path into any result. */
export function outputValue(doc: CompiledDocument, result: unknown, output: string): unknown {
  if (doc.kind === 'ruleset' && !output.includes('.')) {
    const outputs = isMapping(result) ? result.outputs : undefined;
    return readDotted(outputs, output);
  }
  return readDotted(result, output);
}

/**
 * How an output's values rank: a ruleset output by its declared enum order, a scorecard grade
 * from worst to best, a checklist status fail < incomplete < pass; numbers, booleans and dates
 * naturally. Undefined when the output has no order (then `monotone` cannot apply).
 */
export function outputOrder(doc: CompiledDocument, output: string): Order | undefined {
  const listed = listedOrder(doc, output);
  if (listed) return byList(listed);
  return naturalOrder;
}

function listedOrder(doc: CompiledDocument, output: string): unknown[] | undefined {
  const compiled = doc.compiled as Record<string, unknown>;
  if (doc.kind === 'ruleset') {
    const outputs = (compiled.outputs ?? []) as { name: string; schema: FactSchema }[];
    const decl = outputs.find((o) => o.name === output);
    return decl ? enumValues(decl.schema) : undefined;
  }
  if (doc.kind === 'scorecard' && (output === 'grade' || output === 'gradeByScore')) {
    // Grades are written best first; rank them worst first so "increasing" means better.
    return ((compiled.grades ?? []) as { grade: string }[]).map((g) => g.grade).reverse();
  }
  if (doc.kind === 'checklist' && output === 'status') return ['fail', 'incomplete', 'pass'];
  return undefined;
}

function byList(list: unknown[]): Order {
  return (a, b) => {
    const i = list.indexOf(a);
    const j = list.indexOf(b);
    return i === -1 || j === -1 ? undefined : i - j;
  };
}

/** Numbers, booleans (false < true), dates; anything else is unordered. */
export const naturalOrder: Order = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (parseDateValue(a) && parseDateValue(b)) return compareDates(a, b);
  return undefined;
};

/** The order of a fact's values: enum members in declared order, else the natural order. */
export function factOrder(schema: FactSchema): Order {
  const members = enumValues(schema);
  return members ? byList(members) : naturalOrder;
}

/** Why nothing applied to this evaluation, or undefined when some rule, band or item did. */
export function completeProblem(doc: CompiledDocument, envelope: Envelope): string | undefined {
  const result = envelope.result;
  switch (doc.kind) {
    case 'ruleset': {
      const hasDefault = (doc.compiled as { default?: unknown }).default !== undefined;
      return envelope.matched.length > 0 || hasDefault
        ? undefined
        : 'no rule matched and there is no default';
    }
    case 'scorecard': {
      const criteria = (isMapping(result) ? result.criteria : []) as { id: string; band: unknown }[];
      const bare = criteria.filter((c) => c.band === null || c.band === undefined).map((c) => `\`${c.id}\``);
      return bare.length === 0 ? undefined : `no band applies to criterion ${bare.join(', ')}`;
    }
    case 'checklist': {
      const items = (isMapping(result) ? result.items : []) as { status: string }[];
      return items.some((i) => i.status !== 'na') ? undefined : 'no item of the checklist applies';
    }
    case 'fees':
      // A line no rate or markup prices raises `eval_fees_unpriced`: see ownedByComplete.
      return undefined;
    default:
      return envelope.matched.length > 0 ? undefined : 'nothing matched';
  }
}

/**
 * Whether this document can have gaps worth searching for: a ruleset with no default whose hit
 * policy yields nothing when no rule matches (`collect` legitimately yields empty lists).
 */
export function searchesGaps(doc: CompiledDocument): boolean {
  if (doc.kind !== 'ruleset') return false;
  const rs = doc.compiled as { default?: unknown; hit?: string };
  return rs.default === undefined && rs.hit !== 'collect';
}

/** Evaluation errors that mean "nothing applied": `complete` reports them, not the error search. */
export function ownedByComplete(code: string): boolean {
  return code === 'eval_fees_unpriced';
}
