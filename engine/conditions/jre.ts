/**
 * The reference evaluator: conditions run on json-rules-engine. This is the only module that
 * imports it. It is exact and explains itself, but slow (promises and copies on every run), so it
 * serves `explain` requests and the differential tests; everything else takes the closures.
 */
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { jsonRulesEngine } from '../packages.ts';
import type { Cond, Operand } from './ast.ts';
import { shiftInstant } from './dates.ts';
import type { EvalEnv } from './env.ts';
import { readRest } from './env.ts';
import { type ConditionExplain, testText } from './explain.ts';
import { operatorNames, operatorSpecs, operatorTests } from './operators.ts';

/** The outcome of a set of conditions on one scope of facts, with the per-condition detail. */
export interface ReferenceOutcome {
  truths: boolean[];
  explain: ConditionExplain[];
}

interface JreCondition {
  name: string;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  all?: JreCondition[];
  any?: JreCondition[];
  not?: JreCondition;
  result?: boolean;
  factResult?: unknown;
  valueResult?: unknown;
}

const definitions = new WeakMap<Cond, JreCondition>();

/** Evaluates each condition on the scope with json-rules-engine; a new Engine per run. */
export async function evaluateReference(
  conds: readonly Cond[],
  scope: Record<string, unknown>,
  env: EvalEnv,
): Promise<ReferenceOutcome> {
  // A fresh Engine per run: an Engine shared by overlapping runs can silently skip rules.
  const engine = new (jsonRulesEngine().Engine)([], {
    allowUndefinedFacts: true,
    pathResolver: (object: unknown, path: string) => readRest(object, ['', ...path.split('.')]),
  });
  for (const name of operatorNames) {
    if (!operatorSpecs[name].builtin) engine.addOperator(name, operatorTests[name]);
  }
  engine.addFact('$at', () => env.at);
  engine.addFact('$shift', (params) => env.shifted(params.days as number, params.years as number));
  engine.addFact('$window', (params) => env.window(params.days as number));
  engine.addFact('$hours', async (params, almanac) =>
    shiftInstant(
      await almanac.factValue<unknown>(params.fact as string, {}, params.path as string),
      params.hours as number,
    ),
  );
  const quantifiers = new Map<string, Cond & { type: 'quantifier' }>();
  conds.forEach((cond, index) => {
    collectQuantifiers(cond, quantifiers);
    engine.addRule({
      name: String(index),
      conditions: topLevel(definitionOf(cond)),
      event: { type: 'match', params: { index } },
    } as RuleProperties);
  });
  const nested = new Map<string, ConditionExplain[]>();
  for (const [factId, q] of quantifiers) {
    engine.addFact(factId, async (_params, almanac) => {
      const list = await almanac.factValue<unknown>(q.path[0] as string, {}, q.path.slice(1).join('.'));
      const items = Array.isArray(list) ? list : [];
      const found: boolean[] = [];
      const details: ConditionExplain[] = [];
      for (const el of items) {
        const elementScope =
          el !== null && typeof el === 'object' && !Array.isArray(el) ? (el as Record<string, unknown>) : {};
        const inner = await evaluateReference([q.item], elementScope, env);
        found.push(inner.truths[0] === true);
        if (inner.explain[0]) details.push(inner.explain[0]);
      }
      nested.set(factId, details);
      if (q.q === 'some') return found.some(Boolean);
      if (q.q === 'every') return found.every(Boolean);
      return !found.some(Boolean);
    });
  }
  const { results, failureResults } = await engine.run(runtimeFacts(scope));
  const truths: boolean[] = conds.map(() => false);
  const explain: ConditionExplain[] = [];
  for (const r of results) truths[Number(r.name)] = true;
  const byIndex = new Map<number, JreCondition>();
  for (const r of [...results, ...failureResults])
    byIndex.set(Number(r.name), r.conditions as unknown as JreCondition);
  conds.forEach((cond, i) => {
    const root = explainOf(cond, findNode(byIndex.get(i), cond.id), nested);
    // json-rules-engine records no result on a rule's top-level group; the rule's own result is it.
    if (root.outcome === null) root.outcome = truths[i] === true;
    explain.push(root);
  });
  return { truths, explain };
}

/**
 * The scope as json-rules-engine runtime facts. A runtime fact replaces an engine fact of the same
 * name, so an undeclared input such as `$at` would shadow norma's own `$at`, `$shift`, `$window`
 * and `$q…` facts; fact names never start with `$`, so those keys are left out.
 */
function runtimeFacts(scope: Record<string, unknown>): Record<string, unknown> {
  // No prototype: a `__proto__` input stays an ordinary key, as it was in the parsed JSON. A key
  // whose value is `undefined` (a checklist's unanswered item: JSON has no undefined) is no fact.
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(scope)) {
    if (key[0] !== '$' && scope[key] !== undefined) out[key] = scope[key];
  }
  return out;
}

/** The json-rules-engine form of a condition, built once per condition and kept. */
function definitionOf(cond: Cond): JreCondition {
  let def = definitions.get(cond);
  if (!def) {
    def = build(cond);
    definitions.set(cond, def);
  }
  return def;
}

function build(cond: Cond): JreCondition {
  const name = String(cond.id);
  switch (cond.type) {
    case 'all':
    case 'any':
      return { name, [cond.type]: cond.items.map(build) };
    case 'not':
      return { name, not: build(cond.item) };
    case 'quantifier':
      return { name, fact: quantifierFact(cond), operator: 'equal', value: true };
    case 'test': {
      const [head, ...rest] = cond.path;
      return {
        name,
        fact: head as string,
        ...(rest.length > 0 ? { path: rest.join('.') } : {}),
        operator: cond.op,
        value: operandValue(cond.operand),
      };
    }
  }
}

function operandValue(operand: Operand): unknown {
  switch (operand.kind) {
    case 'literal':
      return operand.value;
    case 'fact': {
      const [head, ...rest] = operand.path;
      if (operand.hours !== undefined)
        return { fact: '$hours', params: { fact: head, path: rest.join('.'), hours: operand.hours } };
      return { fact: head, ...(rest.length > 0 ? { path: rest.join('.') } : {}) };
    }
    case 'at':
      return operand.days === 0 && operand.years === 0
        ? { fact: '$at' }
        : { fact: '$shift', params: { days: operand.days, years: operand.years } };
    case 'window':
      return { fact: '$window', params: { days: operand.days } };
  }
}

function quantifierFact(cond: Cond): string {
  return `$q${cond.id}`;
}

function collectQuantifiers(cond: Cond, out: Map<string, Cond & { type: 'quantifier' }>): void {
  if (cond.type === 'quantifier') out.set(quantifierFact(cond), cond);
  else if (cond.type === 'all' || cond.type === 'any') for (const c of cond.items) collectQuantifiers(c, out);
  else if (cond.type === 'not') collectQuantifiers(cond.item, out);
}

/** json-rules-engine wants all/any/not at the top of a rule. */
function topLevel(def: JreCondition): TopLevelCondition {
  if (def.all || def.any || def.not) return def as unknown as TopLevelCondition;
  return { all: [def] } as unknown as TopLevelCondition;
}

function findNode(node: JreCondition | undefined, id: number): JreCondition | undefined {
  if (!node) return undefined;
  if (node.name === String(id)) return node;
  for (const child of [...(node.all ?? []), ...(node.any ?? []), ...(node.not ? [node.not] : [])]) {
    const hit = findNode(child, id);
    if (hit) return hit;
  }
  return undefined;
}

function explainOf(
  cond: Cond,
  node: JreCondition | undefined,
  nested: Map<string, ConditionExplain[]>,
): ConditionExplain {
  const base = { line: cond.origin.line, col: cond.origin.col };
  const outcome = node?.result === undefined ? null : node.result;
  switch (cond.type) {
    case 'all':
    case 'any': {
      // An empty `all` (no `when`) always holds, and json-rules-engine does not mark it.
      const held = cond.items.length === 0 ? true : outcome;
      return {
        op: cond.type,
        outcome: held,
        ...base,
        conditions: cond.items.map((c) => explainOf(c, findNode(node, c.id), nested)),
      };
    }
    case 'not':
      return {
        op: 'not',
        outcome,
        ...base,
        conditions: [explainOf(cond.item, findNode(node, cond.item.id), nested)],
      };
    case 'quantifier':
      return {
        op: cond.q,
        fact: cond.path.join('.'),
        outcome,
        ...base,
        conditions: nested.get(quantifierFact(cond)) ?? [],
      };
    case 'test':
      return {
        op: cond.op,
        fact: cond.path.join('.'),
        ...(node && 'factResult' in node ? { value: node.factResult } : {}),
        ...(node && 'valueResult' in node ? { expected: node.valueResult } : {}),
        text: testText(cond.path.join('.'), cond.op, cond.operand, node?.valueResult),
        outcome,
        ...base,
      };
  }
}
