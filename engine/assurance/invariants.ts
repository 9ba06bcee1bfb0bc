/**
 * The authored invariants of dsl.md as fast-check properties over generated inputs: `monotone`,
 * `complete`, `forall` and (never.ts) `never`. Inputs that raise an evaluation error are left to the error search
 * (searches.ts), so one overlap is reported once, not by every invariant.
 */
import fc from 'fast-check';
import type { Cond } from '../conditions/ast.ts';
import { compileClosure } from '../conditions/closure.ts';
import { evalEnv } from '../conditions/env.ts';
import { parseCondition, parseContext } from '../conditions/parse.ts';
import type { CompiledDocument } from '../document.ts';
import { positionOf } from '../load/yaml.ts';
import { partialMatch } from '../util/match.ts';
import { addBoundaries, boundariesOf, schemaAt } from './boundaries.ts';
import type { Check } from './check.ts';
import { pasteTest } from './counterexample.ts';
import { type GeneratedInput, inputArbitrary, schemaArbitrary } from './generate.ts';
import {
  completeKeys,
  completeProblem,
  factOrder,
  outputOrder,
  outputValue,
  ownedByComplete,
  resultPath,
  unknownExpectKey,
  unknownOutput,
} from './kinds.ts';
import { neverCheck } from './never.ts';
import { evaluateOutcome, expandDotted, isMapping, withFact } from './outcome.ts';

interface InvariantContext {
  doc: CompiledDocument;
  at: string;
  name: string;
  line: number;
  col: number;
  pointer: string;
}

/** One check per invariant the document declares, in file order. */
export function invariantChecks(doc: CompiledDocument, at: string): Check<unknown>[] {
  const list = Array.isArray(doc.data.invariants) ? doc.data.invariants : [];
  return list.map((raw, i) => {
    const inv = isMapping(raw) ? raw : {};
    const pointer = `/invariants/${i}`;
    const pos = positionOf(doc.map, pointer);
    const ctx: InvariantContext = {
      doc,
      at,
      name: typeof inv.name === 'string' ? inv.name : `invariant ${i + 1}`,
      line: pos.line,
      col: pos.col,
      pointer,
    };
    const misnamed = misnamedOutput(doc, inv);
    if (misnamed) return misnamedCheck(ctx, misnamed) as Check<unknown>;
    if (isMapping(inv.monotone)) return monotoneCheck(ctx, inv.monotone) as Check<unknown>;
    if (isMapping(inv.forall)) return forallCheck(ctx, inv.forall) as Check<unknown>;
    if (inv.never !== undefined)
      return neverCheck(doc, at, where(ctx, 'invariant'), inv.never, `${pointer}/never`) as Check<unknown>;
    return completeCheck(ctx) as Check<unknown>;
  });
}

/** Why an invariant names an output the document's results do not have, if it does. */
function misnamedOutput(doc: CompiledDocument, inv: Record<string, unknown>): string | undefined {
  if (isMapping(inv.monotone)) return unknownOutput(doc, String(inv.monotone.output));
  if (isMapping(inv.forall)) return unknownExpectKey(doc, inv.forall.expect, true);
  return undefined;
}

/** An invariant about an output that does not exist fails on any input: it would otherwise "hold". */
function misnamedCheck(ctx: InvariantContext, problem: string): Check<null> {
  return {
    ...where(ctx, 'invariant'),
    arbitrary: fc.constant(null),
    problem: () => problem,
    tests: () => [],
  };
}

type MonotoneValue = [GeneratedInput, unknown, unknown];

function monotoneCheck(ctx: InvariantContext, spec: Record<string, unknown>): Check<MonotoneValue> {
  const { doc, at } = ctx;
  const fact = String(spec.fact);
  const output = String(spec.output);
  const increasing = spec.direction !== 'decreasing';
  const schema = schemaAt(doc.facts.declared, fact) ?? {};
  const boundaries = boundariesOf(doc, at);
  const outputs = outputOrder(doc, output);
  const factCompare = factOrder(schema);
  const valueArb = schemaArbitrary(schema, fact, boundaries);
  const ordered = (value: MonotoneValue) => {
    const [input, a, b] = value;
    const c = factCompare(a, b);
    if (c === undefined || c === 0) return undefined;
    const [lo, hi] = c < 0 ? [a, b] : [b, a];
    const low = withFact(input.facts, fact, lo);
    const high = withFact(input.facts, fact, hi);
    if (!low || !high) return undefined;
    const request = (facts: Record<string, unknown>) => ({ ...input, facts, at });
    return { lo, hi, low: request(low), high: request(high) };
  };
  const resultKey = resultPath(doc, output);
  return {
    ...where(ctx, 'invariant'),
    arbitrary: fc.tuple(inputArbitrary(doc, boundaries), valueArb, valueArb),
    problem(value) {
      const pair = ordered(value);
      if (!pair) return undefined;
      const first = evaluateOutcome(doc, pair.low);
      const second = evaluateOutcome(doc, pair.high);
      if (!first.ok || !second.ok) return undefined;
      const v1 = outputValue(doc, first.envelope.result, output);
      const v2 = outputValue(doc, second.envelope.result, output);
      if (v1 === undefined || v2 === undefined) return undefined;
      const c = outputs?.(v1, v2);
      if (c === undefined) {
        return `\`${output}\` values ${show(v1)} and ${show(v2)} have no order: declare the output as an enum in rank order, or use a number`;
      }
      if (increasing ? c <= 0 : c >= 0) return undefined;
      return `\`${output}\` went ${increasing ? 'down' : 'up'} from ${show(v1)} to ${show(v2)} as \`${fact}\` grew from ${show(pair.lo)} to ${show(pair.hi)}`;
    },
    tests(value) {
      const pair = ordered(value);
      if (!pair) return [];
      return [
        pasteTest(doc, `${ctx.name}: ${fact} = ${show(pair.lo)}`, pair.low, [resultKey]),
        pasteTest(doc, `${ctx.name}: ${fact} = ${show(pair.hi)}`, pair.high, [resultKey]),
      ];
    },
  };
}

function completeCheck(ctx: InvariantContext): Check<GeneratedInput> {
  const { doc, at } = ctx;
  return {
    ...where(ctx, 'invariant'),
    arbitrary: inputArbitrary(doc, boundariesOf(doc, at)),
    problem(input) {
      const outcome = evaluateOutcome(doc, { ...input, at });
      if (outcome.ok) return completeProblem(doc, outcome.envelope);
      return ownedByComplete(doc, outcome.code) ? outcome.message : undefined;
    },
    tests: (input) => [pasteTest(doc, ctx.name, { ...input, at }, completeKeys(doc))],
  };
}

function forallCheck(ctx: InvariantContext, spec: Record<string, unknown>): Check<GeneratedInput> {
  const { doc, at } = ctx;
  const boundaries = boundariesOf(doc, at);
  const when = spec.when === undefined ? undefined : whenOf(doc, spec.when, `${ctx.pointer}/forall/when`);
  if (when) {
    addBoundaries(when, at, (path, values) => {
      const list = boundaries.get(path) ?? [];
      boundaries.set(path, [...list, ...values.filter((v) => !list.includes(v))]);
    });
  }
  const holds = when ? compileClosure(when) : () => true;
  const env = evalEnv(at);
  const want = expandDotted(isMapping(spec.expect) ? spec.expect : {});
  const keys = Object.keys(isMapping(spec.expect) ? spec.expect : {});
  return {
    ...where(ctx, 'invariant'),
    arbitrary: inputArbitrary(doc, boundaries),
    problem(input) {
      const prepared = doc.facts.prepare(input.facts);
      if (!prepared.ok || !holds(prepared.facts, env)) return undefined;
      const outcome = evaluateOutcome(doc, { ...input, at });
      if (!outcome.ok) return undefined;
      const mismatches = partialMatch(outcome.envelope.result, want);
      return mismatches.length === 0 ? undefined : mismatches.join('; ');
    },
    tests: (input) => [pasteTest(doc, ctx.name, { ...input, at }, keys)],
  };
}

/** Parses a `forall.when` again (it was checked at load) into a condition over the facts. */
function whenOf(doc: CompiledDocument, raw: unknown, pointer: string): Cond {
  return parseCondition(raw, pointer, doc.facts.scope, parseContext(doc.file, doc.map));
}

function where(ctx: InvariantContext, kind: 'invariant') {
  return { kind, severity: 'error' as const, name: ctx.name, line: ctx.line, col: ctx.col };
}

function show(v: unknown): string {
  return typeof v === 'string' ? `\`${v}\`` : JSON.stringify(v);
}
