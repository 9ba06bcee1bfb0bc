import type { ValidateFunction } from 'ajv';
import { report } from '../../conditions/parse.ts';
import { directCheck } from '../../facts/direct-check.ts';
import type { FactSchema } from '../../facts/types.ts';
import { ValidatorCache } from '../../facts/validators.ts';
import { didYouMean } from '../../util/suggest.ts';
import { quotedList } from '../../util/text.ts';
import { createAjv } from '../../validate/ajv.ts';
import {
  checkUniqueIds,
  child,
  compileMessage,
  humanAt,
  listAt,
  type MessageFn,
  mapAt,
  numberAt,
  textAt,
  whenAt,
} from '../common.ts';
import { warnDeadWeight } from '../dead.ts';
import { type CompileInput, type CondSet, condSet } from '../kind.ts';

export type HitPolicy = 'first' | 'unique' | 'any' | 'priority' | 'collect';
export type Aggregate = 'sum' | 'min' | 'max' | 'count';

export interface OutputDecl {
  name: string;
  schema: FactSchema;
  aggregate?: Aggregate;
}

export interface CompiledRule {
  index: number;
  id: string;
  title?: string;
  clause?: string | string[];
  priority: number;
  then: Record<string, unknown>;
  /** Its `then` value of each declared output, in `outputs` order; NO_VALUE where it sets none. */
  outputValues: readonly unknown[];
  message?: MessageFn;
  line: number;
  col: number;
}

/** What a rule's `outputValues` holds for an output its `then` does not set. */
export const NO_VALUE: unique symbol = Symbol('no value');

/** A ruleset ready to evaluate: rules in file order, one condition set for all of them. */
export interface CompiledRuleset {
  hit: HitPolicy;
  outputs: OutputDecl[];
  default?: Record<string, unknown>;
  rules: CompiledRule[];
  set: CondSet;
  clause?: string | string[];
}

// Output schemas repeat across documents and versions (`{ type: string }`, the same enum), and
// compiling one costs milliseconds: one validator per distinct schema, kept out of ajv's own cache
// (which holds every schema object it ever compiled), and bounded so reloads free old ones.
const outputValidators = new ValidatorCache(() => createAjv());

/**
 * The check of `then` values against an output's schema. The commonest output schemas (an enum of
 * plain values, or one of `string`, `number`, `boolean`) are checked directly, and ajv compiles
 * the schema only when a value fails that check, for its error: a standard of thousands of
 * documents with outputs of their own no longer compiles a validator per document at load.
 */
function outputValidator(schema: FactSchema): ValidateFunction {
  const direct = directCheck(schema);
  if (!direct) return outputValidators.get(schema);
  const check = ((value: unknown) => {
    if (direct(value)) {
      check.errors = null;
      return true;
    }
    const validate = outputValidators.get(schema);
    const ok = validate(value);
    check.errors = validate.errors ?? null;
    return ok;
  }) as ValidateFunction;
  return check;
}

/** Checks a ruleset beyond its schema and compiles it. */
export function compileRuleset({ data, ctx, facts }: CompileInput): CompiledRuleset {
  const hit = (textAt(data.hit) ?? 'first') as HitPolicy;
  const outputs = Object.entries(mapAt(data.outputs)).map(([name, raw]) => {
    const decl = mapAt(raw);
    const { aggregate, ...schema } = decl;
    return {
      name,
      schema: schema as FactSchema,
      ...(aggregate ? { aggregate: aggregate as Aggregate } : {}),
    };
  });
  const validators = new Map<string, ValidateFunction>();
  for (const o of outputs) {
    try {
      validators.set(o.name, outputValidator(o.schema));
    } catch (e) {
      report(
        ctx,
        'schema_invalid',
        `output \`${o.name}\` has an invalid schema: ${(e as Error).message}`,
        `/outputs/${o.name}`,
      );
    }
    checkAggregate(o, hit, ctx);
  }
  const checkThen = (then: Record<string, unknown>, pointer: string) => {
    for (const [name, value] of Object.entries(then)) {
      const at = child(pointer, name);
      const validate = validators.get(name);
      if (!outputs.some((o) => o.name === name)) {
        report(ctx, 'ref_unknown_output', `unknown output \`${name}\``, at, {
          prefer: 'key',
          hint:
            didYouMean(
              name,
              outputs.map((o) => o.name),
            ) ?? `declare it under \`outputs:\``,
        });
      } else if (validate && !validate(value)) {
        const first = validate.errors?.[0];
        const allowed = outputs.find((o) => o.name === name)?.schema.enum;
        const why =
          first?.keyword === 'enum' && allowed
            ? `is not one of ${quotedList(allowed)}`
            : `${first?.instancePath ? `at \`${first.instancePath}\` ` : ''}${first?.message ?? 'does not fit'}`;
        const hint =
          allowed && typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
        report(ctx, 'then_invalid', `\`${name}: ${JSON.stringify(value)}\` ${why}`, at, {
          hint: hint ?? `\`${name}\` is declared under \`outputs:\`; give a value that fits it`,
        });
      }
    }
  };
  const rawRules = listAt(data.rules);
  checkUniqueIds(rawRules, '/rules', ctx, 'rule_duplicate_id', 'rule');
  // Each rule with its condition tree, which only the condition set keeps (a served document lets
  // go of it once its code is generated: kind.ts `treeRelease`).
  const compiledRules = rawRules.map((raw, index) => {
    const r = mapAt(raw);
    const pointer = `/rules/${index}`;
    const then = mapAt(r.then);
    checkThen(then, `${pointer}/then`);
    const priority = numberAt(r.priority);
    if (priority !== undefined && hit !== 'priority') {
      report(
        ctx,
        'rule_priority_ignored',
        `\`priority\` only matters with \`hit: priority\` (this ruleset uses \`${hit}\`)`,
        `${pointer}/priority`,
        {
          prefer: 'key',
          severity: 'warning',
        },
      );
    }
    const message = compileMessage(r.message, `${pointer}/message`, ctx);
    const when = whenAt(r.when, `${pointer}/when`, facts.scope, ctx);
    const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
    const rule: CompiledRule = {
      index,
      id: textAt(r.id) ?? `#${index + 1}`,
      ...(humanAt(r.title, ctx) ? { title: humanAt(r.title, ctx) as string } : {}),
      ...(r.clause !== undefined ? { clause: r.clause as string | string[] } : {}),
      priority: priority ?? 0,
      then,
      outputValues: outputs.map((o) => (Object.hasOwn(then, o.name) ? then[o.name] : NO_VALUE)),
      ...(message ? { message } : {}),
      line: pos.line,
      col: pos.col,
    };
    return { rule, when };
  });
  const rules = compiledRules.map((c) => c.rule);
  warnDeadWeight(
    compiledRules.map(({ rule: r, when }) => ({
      when,
      pointer: `/rules/${r.index}`,
      label: `rule \`${r.id}\``,
      priority: r.priority,
    })),
    hit === 'first' || hit === 'priority' ? hit : 'every',
    facts.declared,
    ctx,
  );
  const def = data.default === undefined ? undefined : mapAt(data.default);
  if (def) checkThen(def, '/default');
  return {
    hit,
    outputs,
    ...(def ? { default: def } : {}),
    rules,
    set: condSet(compiledRules.map((c) => c.when)),
    ...(data.clause !== undefined ? { clause: data.clause as string | string[] } : {}),
  };
}

function checkAggregate(o: OutputDecl, hit: HitPolicy, ctx: CompileInput['ctx']): void {
  if (!o.aggregate) return;
  const at = `/outputs/${o.name}/aggregate`;
  if (hit !== 'collect') {
    report(ctx, 'output_aggregate_ignored', '`aggregate` only applies with `hit: collect`', at, {
      prefer: 'key',
      severity: 'warning',
    });
  }
  const t = o.schema.type;
  const numeric = t === 'number' || t === 'integer';
  if (o.aggregate !== 'count' && !numeric) {
    report(
      ctx,
      'output_aggregate_type',
      `\`aggregate: ${o.aggregate}\` needs a number output; \`${o.name}\` is not declared \`type: number\``,
      at,
      {
        hint: 'declare `type: number` (or `integer`), or use `count`',
      },
    );
  }
}
