import type { EvalEnv } from '../../conditions/env.ts';
import { NormaError } from '../../diagnostics.ts';
import type { Ask, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import type { CompiledRule, CompiledRuleset } from './compile.ts';

/** Evaluates a ruleset under its hit policy (DMN): first, unique, any, priority or collect. */
export function* evaluateRuleset(
  rs: CompiledRuleset,
  input: PreparedInput,
  _env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const truths = yield { set: rs.set, scope: input.facts };
  const winners = pick(rs, truths);
  const outputs = winners.length > 0 || !rs.default ? outputsOf(rs, winners) : { ...rs.default };
  const context = Object.assign({}, input.facts, outputs);
  const matched: Matched[] = winners.map((r) => matchedOf(rs, r, context));
  return {
    result: { outputs },
    matched,
    explain: explain ? explainRules(rs, truths, winners) : [],
  };
}

function pick(rs: CompiledRuleset, truths: Truths): CompiledRule[] {
  if (rs.hit === 'first') {
    for (const r of rs.rules) if (truths.get(r.index)) return [r];
    return [];
  }
  const all = rs.rules.filter((r) => truths.get(r.index));
  switch (rs.hit) {
    case 'unique':
      if (all.length > 1) {
        throw new NormaError(
          'eval_hit_unique',
          `rules ${all.map((r) => `\`${r.id}\``).join(' and ')} both match, and this ruleset allows one (hit: unique)`,
          all.map((r) => ({
            code: 'rule_matched',
            message: `rule \`${r.id}\` matched`,
            severity: 'error',
            line: r.line,
            col: r.col,
          })),
        );
      }
      return all;
    case 'any': {
      const first = all[0];
      const conflict = all.find((r) => first && !sameOutputs(r.then, first.then));
      if (first && conflict) {
        throw new NormaError(
          'eval_hit_any_conflict',
          `rules \`${first.id}\` and \`${conflict.id}\` match with different outputs (hit: any requires them to agree)`,
          [first, conflict].map((r) => ({
            code: 'rule_matched',
            message: `rule \`${r.id}\` gives ${JSON.stringify(r.then)}`,
            severity: 'error',
            line: r.line,
            col: r.col,
          })),
        );
      }
      return all;
    }
    case 'priority': {
      let best: CompiledRule | undefined;
      for (const r of all) if (!best || r.priority > best.priority) best = r;
      return best ? [best] : [];
    }
    default:
      return all;
  }
}

function outputsOf(rs: CompiledRuleset, winners: CompiledRule[]): Record<string, unknown> {
  if (rs.hit !== 'collect') {
    const out: Record<string, unknown> = {};
    for (const r of winners) Object.assign(out, r.then);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const o of rs.outputs) {
    const values = winners.filter((r) => Object.hasOwn(r.then, o.name)).map((r) => r.then[o.name]);
    switch (o.aggregate) {
      case 'count':
        out[o.name] = winners.length;
        break;
      case 'sum':
        out[o.name] = values.reduce((a: number, b) => a + (b as number), 0);
        break;
      case 'min':
      case 'max':
        if (values.length > 0)
          out[o.name] = (o.aggregate === 'min' ? Math.min : Math.max)(...(values as number[]));
        break;
      default:
        out[o.name] = values;
    }
  }
  return out;
}

function sameOutputs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

function matchedOf(rs: CompiledRuleset, r: CompiledRule, context: Record<string, unknown>): Matched {
  const clause = r.clause ?? rs.clause;
  return {
    rule: r.id,
    ...(clause !== undefined ? { clause } : {}),
    ...(r.title ? { title: r.title } : {}),
    ...(r.message ? { message: r.message(context) } : {}),
  };
}

function explainRules(rs: CompiledRuleset, truths: Truths, winners: CompiledRule[]): ExplainEntry[] {
  return rs.rules.map((r) => {
    const held = truths.get(r.index);
    const won = winners.includes(r);
    const clause = r.clause ?? rs.clause;
    const conditions = truths.explain?.(r.index);
    return {
      type: 'rule',
      id: r.id,
      applied: won,
      ...(clause !== undefined ? { clause } : {}),
      line: r.line,
      col: r.col,
      reason: !held ? 'conditions_not_met' : won ? 'selected' : `matched_not_selected (hit: ${rs.hit})`,
      ...(conditions ? { conditions } : {}),
    };
  });
}
