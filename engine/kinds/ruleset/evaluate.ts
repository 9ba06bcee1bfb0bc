import type { EvalEnv } from '../../conditions/env.ts';
import { NormaError } from '../../diagnostics.ts';
import { capDetails, MAX_DETAILS } from '../../util/details.ts';
import type { Ask, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import { type CompiledRule, type CompiledRuleset, NO_VALUE, type OutputDecl } from './compile.ts';

/** Evaluates a ruleset under its hit policy (DMN): first, unique, any, priority or collect. */
export function* evaluateRuleset(
  rs: CompiledRuleset,
  input: PreparedInput,
  _env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const truths = yield { set: rs.set, scope: input.facts };
  const winners = pick(rs, truths);
  const outputs = winners.length > 0 || !rs.default ? outputsOf(rs, winners) : defaultOutputs(rs, rs.default);
  // Messages render over the facts and the outputs: build that context only when one will render.
  const context = winners.some(hasMessage) ? Object.assign({}, input.facts, outputs) : input.facts;
  const matched: Matched[] = [];
  for (const r of winners) matched.push(matchedOf(rs, r, context));
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
  const all: CompiledRule[] = [];
  for (const r of rs.rules) if (truths.get(r.index)) all.push(r);
  switch (rs.hit) {
    case 'unique':
      if (all.length > 1) {
        throw new NormaError(
          'eval_hit_unique',
          `rules ${idList(all)} ${all.length === 2 ? 'both ' : ''}match, and this ruleset allows one (hit: unique)`,
          capDetails(
            all.slice(0, MAX_DETAILS).map((r) => ({
              code: 'rule_matched',
              message: `rule \`${r.id}\` matched`,
              severity: 'error',
              line: r.line,
              col: r.col,
            })),
            all.length,
          ),
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
  for (let i = 0; i < rs.outputs.length; i++) {
    const o = rs.outputs[i] as OutputDecl;
    // Read by position from each rule's list, not by name from its `then` (one keyed read per
    // rule and output was the largest cost of collecting).
    const values: unknown[] = [];
    for (const r of winners) {
      const v = r.outputValues[i];
      if (v !== NO_VALUE) values.push(v);
    }
    switch (o.aggregate) {
      case 'count':
        out[o.name] = winners.length;
        break;
      case 'sum': {
        // Added left to right from 0, as `reduce` did: the same float result.
        let sum = 0;
        for (const v of values) sum += v as number;
        out[o.name] = sum;
        break;
      }
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

/**
 * The outputs when no rule matched. A default value fits the output's schema like a `then`
 * value, so under `collect` a list output gets it as its one element and an aggregate takes it
 * as it is: the outputs keep the same shape whether or not a rule matched.
 */
function defaultOutputs(rs: CompiledRuleset, def: Record<string, unknown>): Record<string, unknown> {
  if (rs.hit !== 'collect') return { ...def };
  const out = outputsOf(rs, []);
  for (const o of rs.outputs) {
    if (Object.hasOwn(def, o.name)) out[o.name] = o.aggregate ? def[o.name] : [def[o.name]];
  }
  return out;
}

function sameOutputs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** The ids of matching rules for a message: the first few, then how many more. */
function idList(rules: readonly CompiledRule[]): string {
  const shown = rules.slice(0, 5).map((r) => `\`${r.id}\``);
  return rules.length > shown.length
    ? `${shown.join(', ')} and ${rules.length - shown.length} more`
    : shown.join(' and ');
}

function hasMessage(r: CompiledRule): boolean {
  return r.message !== undefined;
}

function matchedOf(rs: CompiledRuleset, r: CompiledRule, context: Record<string, unknown>): Matched {
  // Built key by key (same order as always: rule, clause, title, message), without spreads.
  const m: Matched = { rule: r.id };
  const clause = r.clause ?? rs.clause;
  if (clause !== undefined) m.clause = clause;
  if (r.title) m.title = r.title;
  // The rule's own `then` values come last: under `collect` the outputs are lists and folds.
  // (Object.assign, not `{ ...context, ...r.then }`: spreading a parsed body first is slow on Node 20.)
  if (r.message) m.message = r.message(rs.hit === 'collect' ? Object.assign({}, context, r.then) : context);
  return m;
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
