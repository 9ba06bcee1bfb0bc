/**
 * How cost grows: the work-order ruleset repeated to 10, 100 and 1,000 rules (cost per rule should
 * stay flat), and a ruleset over a list of lines with 10, 100 and 1,000 lines (cost per line should
 * stay flat: input validation and some/every/none are each one pass over the list).
 */
import { type CompiledDocument, compileDocument, evaluateFast } from '../engine/index.ts';
import { draw, measure, prng } from './harness.ts';
import { AT, manyRules, rulesetYaml, workOrders } from './workloads/ruleset.ts';

export interface ScalePoint {
  size: number;
  microseconds: number;
  /** Microseconds divided by the size: flat when cost is linear. */
  perUnit: number;
}

export interface ScalingResult {
  rules: ScalePoint[];
  lines: ScalePoint[];
}

function compiled(text: string, file: string): CompiledDocument {
  const result = compileDocument(text, file);
  if (!result.document) throw new Error(`${file}: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  return result.document;
}

const linesYaml = `kind: ruleset
id: bench.lines
version: 1.0.0
status: draft
title: work-order lines
facts:
  lines:
    type: array
    items:
      type: object
      required: [kind, amount]
      properties:
        kind: { enum: [labour, part, sublet] }
        amount: { type: number, minimum: 0 }
        warranty: { type: boolean }
hit: collect
outputs:
  flag: { type: string }
rules:
  - id: big-line
    when: { lines: { some: { amount: { greaterThan: 9990 } } } }
    then: { flag: big-line }
  - id: all-warranty
    when: { lines: { every: { warranty: true } } }
    then: { flag: all-warranty }
  - id: no-sublet
    when: { lines: { none: { kind: sublet } } }
    then: { flag: no-sublet }
  - id: warranty-part
    when: { lines: { some: { kind: part, warranty: true, amount: { greaterThan: 9999 } } } }
    then: { flag: warranty-part }
`;

function lineInputs(size: number, count: number): Array<{ facts: Record<string, unknown>; at: string }> {
  const d = draw(prng(size));
  return Array.from({ length: count }, () => ({
    facts: {
      lines: Array.from({ length: size }, () => ({
        kind: d.chance(0.001) ? 'sublet' : d.pick(['labour', 'part'] as const),
        amount: d.int(0, 9999),
        warranty: d.chance(0.999),
      })),
    },
    at: AT,
  }));
}

/** Measures both scaling series. */
export function scalingBenchmark(): ScalingResult {
  const orders = workOrders(2000, 21).map((facts) => ({ facts, at: AT }));
  const rules = [10, 100, 1000].map((n) => {
    const doc = compiled(rulesetYaml(manyRules(n), 'bench.scale'), 'scale.yaml');
    const inputs = n >= 1000 ? orders.slice(0, 300) : orders;
    const speed = measure((q) => evaluateFast(doc, q), inputs, { passes: 5, warmup: 2 });
    return { size: n, microseconds: speed.microseconds, perUnit: speed.microseconds / n };
  });
  const doc = compiled(linesYaml, 'lines.yaml');
  const lines = [10, 100, 1000].map((n) => {
    const inputs = lineInputs(n, Math.max(50, Math.floor(20_000 / n)));
    const speed = measure((q) => evaluateFast(doc, q), inputs, { passes: 5, warmup: 2 });
    return { size: n, microseconds: speed.microseconds, perUnit: speed.microseconds / n };
  });
  return { rules, lines };
}
