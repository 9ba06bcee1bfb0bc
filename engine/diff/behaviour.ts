/**
 * The behavioural diff: both versions evaluated on the same inputs (generated from the union of
 * their fact declarations, biased to the boundaries of both, and optionally real ones), reporting
 * how often the outcome changes, by transition, with the smallest example of each.
 */
import fc from 'fast-check';
import { answersArbitrary } from '../assurance/answers.ts';
import { assuranceAt, boundariesOf, schemaArbitrary } from '../assurance/generate.ts';
import type { CompiledDocument } from '../document.ts';
import type { FactSchema } from '../facts/types.ts';
import { canonicalJson } from '../load/digest.ts';
import { type DiffInput, outcomeOf, type Projection, transitionOf } from './projection.ts';

/** The most generated inputs one behavioural diff may ask for: more is a long wait, not more insight. */
export const MAX_DIFF_RUNS = 100_000;

export interface BehaviourOptions {
  /** How many generated inputs (default 1000, at most `MAX_DIFF_RUNS`). */
  runs?: number;
  /** The generator's seed; the same seed gives the same report. Random when absent. */
  seed?: number;
  /** The evaluation date (default: the newer version's effective date, so runs replay). */
  at?: string;
  /** Real inputs to compare on as well (a JSON Lines file, a request body). */
  inputs?: DiffInput[];
}

/** One kind of outcome change, how often it happened and an example of it. */
export interface Transition {
  label: string;
  count: number;
  /** Share of all inputs, 0–1. */
  share: number;
  /** The smallest input found (shrunk for generated inputs; the first one for real inputs). */
  example: { input: DiffInput; from: Projection; to: Projection; line?: number };
}

/** The comparison over one set of inputs. */
export interface BehaviourSample {
  total: number;
  changed: number;
  /** Share of inputs whose outcome changed, 0–1. */
  share: number;
  /** Inputs neither version accepts (counted in `total`, never as a change). */
  invalidForBoth: number;
  transitions: Transition[];
}

export interface BehaviouralDiff {
  at: string;
  seed: number;
  runs: number;
  generated: BehaviourSample;
  real?: BehaviourSample;
}

/** Evaluates both versions on generated (and given) inputs and compares their outcomes. */
export function behaviouralDiff(
  from: CompiledDocument,
  to: CompiledDocument,
  options: BehaviourOptions = {},
): BehaviouralDiff {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? (Math.random() * 2 ** 31) | 0;
  const at = options.at ?? assuranceAt(to);
  const askedFrom = askedOf(from);
  const askedTo = askedOf(to);
  const compare = (input: DiffInput) => {
    const a = outcomeOf(from, only(input, askedFrom), at);
    const b = outcomeOf(to, only(input, askedTo), at);
    return { a, b, label: transitionOf(a, b), invalid: 'error' in a && 'error' in b };
  };
  const arbitrary = unionArbitrary(from, to, at);
  const sampled = fc.sample(arbitrary, { numRuns: runs, seed });
  const generated = summarise(sampled, compare);
  for (const t of generated.transitions) {
    const shrunk = smallestFor(t.label, arbitrary, compare, runs, seed);
    if (shrunk) t.example = shrunk;
  }
  return {
    at,
    seed,
    runs,
    generated,
    ...(options.inputs ? { real: summarise(options.inputs, compare, true) } : {}),
  };
}

/** The answer keys a version asks (a checklist's `section.item`); undefined for kinds without answers. */
function askedOf(doc: CompiledDocument): Set<string> | undefined {
  const items = doc.module.answerItems?.(doc.compiled);
  return items ? new Set(items.map((item) => item.key)) : undefined;
}

/**
 * The input as one version sees it: answers to items it does not have are left out, as a form of
 * that version would not ask them (otherwise every answer to a new item would read as a rejection).
 */
function only(input: DiffInput, asked: Set<string> | undefined): DiffInput {
  if (!asked || !input.answers) return input;
  const answers = Object.fromEntries(Object.entries(input.answers).filter(([key]) => asked.has(key)));
  return { ...input, answers };
}

type Compare = (input: DiffInput) => {
  a: Projection;
  b: Projection;
  label?: string | undefined;
  invalid: boolean;
};

function summarise(inputs: readonly DiffInput[], compare: Compare, numbered = false): BehaviourSample {
  const byLabel = new Map<string, Transition>();
  let changed = 0;
  let invalidForBoth = 0;
  inputs.forEach((input, n) => {
    const { a, b, label, invalid } = compare(input);
    if (invalid && !label) invalidForBoth++;
    if (!label) return;
    changed++;
    const seen = byLabel.get(label);
    if (seen) seen.count++;
    else
      byLabel.set(label, {
        label,
        count: 1,
        share: 0,
        example: { input, from: a, to: b, ...(numbered ? { line: n + 1 } : {}) },
      });
  });
  const total = inputs.length;
  const transitions = [...byLabel.values()]
    .map((t) => ({ ...t, share: total > 0 ? t.count / total : 0 }))
    .sort((x, y) => y.count - x.count || (x.label < y.label ? -1 : 1));
  return { total, changed, share: total > 0 ? changed / total : 0, invalidForBoth, transitions };
}

/**
 * The smallest input showing a transition: fast-check runs the same seed looking for it and
 * shrinks the first one it meets.
 */
function smallestFor(
  label: string,
  arbitrary: fc.Arbitrary<DiffInput>,
  compare: Compare,
  runs: number,
  seed: number,
): Transition['example'] | undefined {
  const details = fc.check(
    fc.property(arbitrary, (input) => compare(input).label !== label),
    { numRuns: runs, seed },
  );
  const found = details.counterexample?.[0];
  if (!found) return undefined;
  const { a, b } = compare(found);
  return { input: found, from: a, to: b };
}

/**
 * Inputs for either version: every fact either declares (required only where both require it, so
 * a newly required fact shows up as `valid → facts_invalid`), a fact declared differently drawn
 * from either declaration, biased to both versions' boundaries; a checklist's answers for either.
 */
export function unionArbitrary(
  from: CompiledDocument,
  to: CompiledDocument,
  at: string,
): fc.Arbitrary<DiffInput> {
  const boundaries = mergeBoundaries(boundariesOf(from, at), boundariesOf(to, at));
  const a = from.facts.declared;
  const b = to.facts.declared;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const schemas = [a[name], b[name]].filter((s): s is FactSchema => s !== undefined);
    const distinct = schemas.filter(
      (s, i) => schemas.findIndex((t) => canonicalJson(t) === canonicalJson(s)) === i,
    );
    const arbs = distinct.map((s) => schemaArbitrary(s, name, boundaries));
    model[name] = arbs.length === 1 ? (arbs[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbs);
    if (schemas.length === 2 && schemas.every((s) => s.default === undefined)) required.push(name);
  }
  const facts = fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  // A process's histories, generated from either version's stages.
  const extras = [from, to].flatMap((d) => d.module.requestArbitrary?.(d.compiled, at) ?? []);
  if (extras.length > 0) {
    const extra = extras.length === 1 ? (extras[0] as (typeof extras)[number]) : fc.oneof(...extras);
    return fc.tuple(facts, extra).map(([f, e]) => ({ facts: f, ...e }) as DiffInput);
  }
  const answers = [answersArbitrary(from), answersArbitrary(to)].filter(
    (x): x is fc.Arbitrary<Record<string, unknown>> => x !== undefined,
  );
  if (answers.length === 0) return facts.map((f) => ({ facts: f }));
  const either =
    answers.length === 1 ? (answers[0] as fc.Arbitrary<Record<string, unknown>>) : fc.oneof(...answers);
  return fc.record({ facts, answers: either });
}

function mergeBoundaries(x: Map<string, unknown[]>, y: Map<string, unknown[]>): Map<string, unknown[]> {
  const out = new Map(x);
  for (const [path, values] of y) {
    const list = [...(out.get(path) ?? [])];
    for (const v of values) if (!list.some((w) => Object.is(w, v))) list.push(v);
    out.set(path, list);
  }
  return out;
}
