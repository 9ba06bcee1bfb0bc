/**
 * Plain json-rules-engine, used the way its documentation shows and the notes recommend: one
 * Engine built once, facts passed as runtime facts, runs awaited one after another, no listeners.
 * Built here directly from the neutral rule specs, not through norma.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Decision, RuleSpec, Test } from './ruleset.ts';

function shiftIso(at: string, days: number, years: number): string {
  const base = new Date(Date.parse(`${at}T00:00:00Z`));
  base.setUTCFullYear(base.getUTCFullYear() + years);
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function condition([path, operator, value]: Test): Record<string, unknown> {
  const [fact, ...rest] = path.split('.');
  return { fact, ...(rest.length > 0 ? { path: `$.${rest.join('.')}` } : {}), operator, value };
}

/** An Engine holding the rules, with the operators json-rules-engine lacks. */
export function jreEngine(specs: readonly RuleSpec[], at: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('between', (a: unknown, b: unknown) => {
    const [lo, hi] = b as [number, number];
    return typeof a === 'number' && a >= lo && a <= hi;
  });
  engine.addOperator(
    'olderThanYears',
    (a: unknown, n: unknown) => String(a) < shiftIso(at, 0, -(n as number)),
  );
  engine.addOperator(
    'olderThanDays',
    (a: unknown, n: unknown) => String(a) < shiftIso(at, -(n as number), 0),
  );
  specs.forEach((spec, index) => {
    engine.addRule({
      name: spec.id,
      priority: 1,
      conditions: { all: spec.when.map(condition) },
      event: { type: spec.id, params: { index, action: spec.action, feePct: spec.feePct ?? 0 } },
    } as unknown as RuleProperties);
  });
  return engine;
}

/** One run of the Engine on one input, as a decision in file order. */
export async function runJre(engine: Engine, facts: Record<string, unknown>): Promise<Decision> {
  const { events } = await engine.run({ discountPct: 0, ...facts });
  const hits = events
    .map((e) => e.params as { index: number; action: string; feePct: number })
    .sort((a, b) => a.index - b.index);
  return {
    action: hits.map((h) => h.action),
    feePct: hits.reduce((s, h) => s + h.feePct, 0),
    matched: hits.map((h) => (h as unknown as { index: number }).index).map(String),
  };
}
