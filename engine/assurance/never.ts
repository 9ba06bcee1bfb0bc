/**
 * `never:` invariants: a condition on the *result* that no generated input may meet ("delivery is
 * never reachable while quality control has not passed"). The condition is written like any
 * other (dsl.md) and names result paths instead of facts, checked at load against the shape the
 * kind declares for its results (`outputs.result`: a process's stage and step states); a kind
 * that declares none does not take `never`.
 */
import { type Cond, factsRead } from '../conditions/ast.ts';
import { compileClosure } from '../conditions/closure.ts';
import { evalEnv } from '../conditions/env.ts';
import { type ParseContext, parseCondition, parseContext, report } from '../conditions/parse.ts';
import type { CompiledDocument } from '../document.ts';
import { type Scope, scopeOf } from '../facts/scope.ts';
import type { KindModule } from '../kinds/kind.ts';
import { boundariesOf } from './boundaries.ts';
import type { Check } from './check.ts';
import { pasteTest } from './counterexample.ts';
import { type GeneratedInput, inputArbitrary } from './generate.ts';
import { evaluateOutcome, isMapping } from './outcome.ts';

// Result paths name stage, step and deadline ids, which may hold `-` (`quality-control.inspect`).
const RESULT_PATH = /^[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_-]*)*$/;

/** The scope a `never` condition names: the kind's results, or undefined when it declares none. */
export function resultScope(module: KindModule<unknown>, compiled: unknown): Scope | undefined {
  const declared = module.outputs.result?.(compiled);
  return declared ? { ...scopeOf(declared, 'result key'), paths: RESULT_PATH } : undefined;
}

/** Checks every `never` condition of a document at load, like any condition, against its results. */
export function checkNeverAtLoad(
  data: Record<string, unknown>,
  module: KindModule<unknown>,
  compiled: unknown,
  ctx: ParseContext,
): void {
  const list = Array.isArray(data.invariants) ? data.invariants : [];
  let scope: Scope | undefined | null = null;
  list.forEach((inv, i) => {
    if (!isMapping(inv) || inv.never === undefined) return;
    const pointer = `/invariants/${i}/never`;
    if (scope === null) scope = resultScope(module, compiled);
    if (!scope) {
      report(
        ctx,
        'invariant_never_unsupported',
        `a ${module.kind} does not take \`never\` invariants`,
        pointer,
        {
          prefer: 'key',
          hint: 'state it with `forall: { when, expect }`; `never` conditions on results are for processes',
        },
      );
      return;
    }
    parseCondition(inv.never, pointer, scope, ctx);
  });
}

/** The check of one `never` invariant over generated inputs. */
export function neverCheck(
  doc: CompiledDocument,
  at: string,
  where: Pick<Check<unknown>, 'kind' | 'severity' | 'name' | 'line' | 'col'>,
  raw: unknown,
  pointer: string,
): Check<GeneratedInput> {
  const cond = neverCondition(doc, raw, pointer);
  const holds = compileClosure(cond);
  const env = evalEnv(at.slice(0, 10));
  const paths = [...factsRead(cond)];
  return {
    ...where,
    arbitrary: inputArbitrary(doc, boundariesOf(doc, at)),
    problem(input) {
      const outcome = evaluateOutcome(doc, { ...input, at });
      if (!outcome.ok) return undefined;
      const result = outcome.envelope.result as Record<string, unknown>;
      if (!holds(result, env)) return undefined;
      const values = paths.map((p) => `\`${p}\` is ${JSON.stringify(read(result, p)) ?? 'absent'}`);
      return `the result meets what \`never\` excludes: ${values.join(', ')}`;
    },
    tests: (input) => [pasteTest(doc, where.name, { ...input, at }, paths)],
  };
}

/** Parses a `never` condition again (it was checked at load) against the document's results. */
function neverCondition(doc: CompiledDocument, raw: unknown, pointer: string): Cond {
  const scope = resultScope(doc.module as KindModule<unknown>, doc.compiled) ?? scopeOf({});
  return parseCondition(raw, pointer, scope, parseContext(doc.file, doc.map));
}

function read(v: unknown, path: string): unknown {
  let cur = v;
  for (const key of path.split('.')) {
    if (!isMapping(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}
