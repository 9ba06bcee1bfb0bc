/**
 * What the invariants need to know about a document's kind, read from its module's `outputs`
 * (engine/kinds/<kind>/): where an output sits in a result, in which order its values rank (for
 * `monotone`), what "something always applies" means (`complete`), and which outputs exist at
 * all, so a test or invariant naming an unknown one fails instead of holding.
 */
import { compareDates, parseDateValue } from '../conditions/dates.ts';
import type { CompiledDocument } from '../document.ts';
import type { Envelope } from '../evaluate.ts';
import { enumValues, type FactSchema } from '../facts/types.ts';
import type { KindOutputs } from '../kinds/kind.ts';
import { expandDotted, isMapping, readDotted } from './outcome.ts';

/** Compares two values: negative, zero or positive; undefined when they cannot be ordered. */
export type Order = (a: unknown, b: unknown) => number | undefined;

function outputsOf(doc: CompiledDocument): KindOutputs<unknown> {
  return doc.module.outputs;
}

/** Where an output an invariant names sits in a result (a ruleset's `approver` → `outputs.approver`). */
export function resultPath(doc: CompiledDocument, output: string): string {
  return outputsOf(doc).resolve?.(output) ?? output;
}

/** An output of a result: a ruleset's `outputs.<name>`, or a dotted path into any result. */
export function outputValue(doc: CompiledDocument, result: unknown, output: string): unknown {
  return readDotted(result, resultPath(doc, output));
}

/**
 * Why an output (a dotted path, as an invariant names it) is not one this document's results
 * have, or undefined when it is: `appprover` in a ruleset with outputs `approver`, `level`.
 */
export function unknownOutput(doc: CompiledDocument, output: string): string | undefined {
  return unknownPath(doc, resultPath(doc, output).split('.'), output);
}

/**
 * Why an `expect:` mapping (a test's or a `forall`'s) names a key this document's results do not
 * have, or undefined when every key is known. `dotted`: keys like `totals.total` are paths.
 */
export function unknownExpectKey(
  doc: CompiledDocument,
  expect: unknown,
  dotted: boolean,
): string | undefined {
  if (!isMapping(expect)) return undefined;
  const want = dotted ? expandDotted(expect) : expect;
  for (const [key, value] of Object.entries(want)) {
    const inner = isMapping(value) ? Object.keys(value) : [];
    const paths = inner.length > 0 ? inner.map((k) => [key, k]) : [[key]];
    for (const path of paths) {
      const problem = unknownPath(doc, path, path.join('.'));
      if (problem) return problem;
    }
  }
  return undefined;
}

function unknownPath(doc: CompiledDocument, path: readonly string[], shown: string): string | undefined {
  const keys = outputsOf(doc).keys(doc.compiled);
  const [top = '', sub] = path;
  if (!Object.hasOwn(keys, top)) {
    return `\`${shown}\` is not an output of a ${doc.kind}: its results have ${listed(Object.keys(keys))}`;
  }
  const inside = keys[top];
  if (sub !== undefined && inside && !inside.includes(sub)) {
    return `\`${shown}\` is not an output of this ${doc.kind}: \`${top}\` has ${listed(inside)}`;
  }
  return undefined;
}

function listed(names: readonly string[]): string {
  return names.length === 0 ? 'nothing' : names.map((n) => `\`${n}\``).join(', ');
}

/**
 * How an output's values rank: as the kind ranks them (a ruleset output by its declared enum
 * order, a scorecard grade from worst to best, a checklist status fail < incomplete < pass), else
 * numbers, booleans and dates naturally.
 */
export function outputOrder(doc: CompiledDocument, output: string): Order {
  const listed = outputsOf(doc).ranks?.(doc.compiled, output);
  return listed ? byList(listed) : naturalOrder;
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
  return outputsOf(doc).incomplete(doc.compiled, envelope);
}

/** The result keys a `complete` counterexample pastes (undefined: the whole result). */
export function completeKeys(doc: CompiledDocument): string[] | undefined {
  const keys = outputsOf(doc).completeKeys;
  return keys ? [...keys] : undefined;
}

/** Whether this document can have gaps worth searching for (inputs no element matches). */
export function searchesGaps(doc: CompiledDocument): boolean {
  return outputsOf(doc).searchesGaps?.(doc.compiled) ?? false;
}

/** The built-in error search's finding kind and title, when the kind names it (overlaps). */
export function errorSearchOf(doc: CompiledDocument): { kind: 'overlap'; name: string } | undefined {
  return outputsOf(doc).errorSearch?.(doc.compiled);
}

/** Evaluation errors that mean "nothing applied": `complete` reports them, not the error search. */
export function ownedByComplete(doc: CompiledDocument, code: string): boolean {
  return outputsOf(doc).incompleteCodes?.includes(code) ?? false;
}
