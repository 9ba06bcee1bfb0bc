/**
 * @gorules/zen-engine (a native rules engine on npm) on the same decision table: one decision
 * table node with hit policy `collect`, one input column per fact the rules read, built here
 * directly from the neutral rule specs, not through norma. Used as its documentation shows: one
 * decision created once, evaluations awaited one after another, no trace.
 */
import { type ZenDecision, ZenEngine } from '@gorules/zen-engine';
import type { Decision, RuleSpec, Test } from './ruleset.ts';

function shiftIso(at: string, days: number, years: number): string {
  const base = new Date(Date.parse(`${at}T00:00:00Z`));
  base.setUTCFullYear(base.getUTCFullYear() + years);
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const COMPARE: Record<string, string> = {
  equal: '==',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
};

/** One test as a zen unary expression over the column's value `$`. */
function expression([, op, value]: Test, at: string): string {
  const symbol = COMPARE[op];
  if (symbol) return `$ ${symbol} ${JSON.stringify(value)}`;
  switch (op) {
    case 'in':
      return `$ in ${JSON.stringify(value)}`;
    case 'between': {
      const [lo, hi] = value as [number, number];
      return `$ >= ${lo} and $ <= ${hi}`;
    }
    case 'olderThanYears':
      return `date($) < date(${JSON.stringify(shiftIso(at, 0, -(value as number)))})`;
    case 'olderThanDays':
      return `date($) < date(${JSON.stringify(shiftIso(at, -(value as number), 0))})`;
  }
  throw new Error(`no zen expression for ${op}`);
}

/** The JSON decision model (JDM) of the rules: input → decision table (collect) → output. */
export function zenContent(specs: readonly RuleSpec[], at: string): Record<string, unknown> {
  const fields = [...new Set(specs.flatMap((s) => s.when.map(([path]) => path)))];
  const column = (field: string) => `c${fields.indexOf(field)}`;
  const rules = specs.map((spec, index) => {
    const row: Record<string, string> = { _id: `r${index}` };
    for (const field of fields) {
      const tests = spec.when.filter(([path]) => path === field);
      row[column(field)] = tests.map((t) => expression(t, at)).join(' and ');
    }
    row.action = JSON.stringify(spec.action);
    row.feePct = String(spec.feePct ?? 0);
    row.index = String(index);
    return row;
  });
  const position = { x: 0, y: 0 };
  return {
    nodes: [
      { id: 'input', type: 'inputNode', name: 'input', position },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'work order',
        position,
        content: {
          hitPolicy: 'collect',
          inputs: fields.map((field) => ({ id: column(field), field, name: field })),
          outputs: ['action', 'feePct', 'index'].map((f) => ({ id: f, field: f, name: f })),
          rules,
        },
      },
      { id: 'output', type: 'outputNode', name: 'output', position },
    ],
    edges: [
      { id: 'e1', sourceId: 'input', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'output', type: 'edge' },
    ],
  };
}

const engine = new ZenEngine();

/** A zen decision holding the rules. */
export function zenDecision(specs: readonly RuleSpec[], at: string): ZenDecision {
  return engine.createDecision(zenContent(specs, at));
}

/** One evaluation, as a decision in file order (rule indices as matched ids). */
export async function runZen(decision: ZenDecision, facts: Record<string, unknown>): Promise<Decision> {
  const { result } = await decision.evaluate({ discountPct: 0, ...facts });
  const hits = (result as Array<{ action: string; feePct: number; index: number }>)
    .slice()
    .sort((a, b) => a.index - b.index);
  return {
    action: hits.map((h) => h.action),
    feePct: hits.reduce((s, h) => s + h.feePct, 0),
    matched: hits.map((h) => String(h.index)),
  };
}
