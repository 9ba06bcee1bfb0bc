/** What a ruleset's `labels:` may name (its outputs) and the codes of its results. */
import type { LabelSink } from '../../i18n/labels.ts';
import { mapAt } from '../common.ts';
import type { CompiledRuleset } from './compile.ts';

/**
 * Each output, with the values it can take: its `enum` or `const` when declared, else every
 * value a rule's `then` or the `default` sets (any value of an output that declares neither and
 * is set from facts: none listed, so any is accepted).
 */
export function rulesetLabelTargets(rs: CompiledRuleset): ReadonlyMap<string, readonly string[] | undefined> {
  const out = new Map<string, readonly string[] | undefined>();
  for (const o of rs.outputs) {
    const schema = o.schema as { enum?: unknown[]; const?: unknown };
    if (Array.isArray(schema.enum)) out.set(o.name, schema.enum.map(String));
    else if (schema.const !== undefined) out.set(o.name, [String(schema.const)]);
    else {
      const set = new Set<string>();
      for (const then of [...rs.rules.map((r) => r.then), rs.default ?? {}]) {
        const v = mapAt(then)[o.name];
        for (const x of Array.isArray(v) ? v : [v]) {
          if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') set.add(String(x));
        }
      }
      out.set(o.name, set.size > 0 ? [...set] : undefined);
    }
  }
  return out;
}

/** The outputs' values (each element of a `collect` list). */
export function rulesetLabelsIn(result: unknown, sink: LabelSink): void {
  const outputs = mapAt(mapAt(result).outputs);
  for (const name in outputs) {
    const v = outputs[name];
    if (Array.isArray(v)) for (const x of v) sink.value(name, x);
    else sink.value(name, v);
  }
}
