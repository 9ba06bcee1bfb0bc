import type { Cond, Operand } from './ast.ts';
import { shiftInstant } from './dates.ts';
import type { EvalEnv } from './env.ts';
import { readPath, readRest } from './env.ts';
import { conditionTest, isNumberLike, type OperatorName, operatorTests } from './operators.ts';
import { type LinearRegex, regexOf } from './regex.ts';

/** A compiled condition: plain closures over a scope of facts, no promises, no copies. */
export type CondFn = (scope: Record<string, unknown>, env: EvalEnv) => boolean;

/** Compiles a condition tree into a closure (the fast path); call once per document. */
export function compileClosure(cond: Cond): CondFn {
  switch (cond.type) {
    case 'all': {
      const parts = cond.items.map(compileClosure);
      if (parts.length === 0) return () => true;
      if (parts.length === 1) return parts[0] as CondFn;
      if (parts.length === 2) {
        const [first, second] = parts as [CondFn, CondFn];
        return (s, e) => first(s, e) && second(s, e);
      }
      return (s, e) => {
        for (let i = 0; i < parts.length; i++) if (!(parts[i] as CondFn)(s, e)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = cond.items.map(compileClosure);
      // json-rules-engine treats an empty `any` as holding, like an empty `all`.
      if (parts.length === 0) return () => true;
      return (s, e) => {
        for (let i = 0; i < parts.length; i++) if ((parts[i] as CondFn)(s, e)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileClosure(cond.item);
      return (s, e) => !inner(s, e);
    }
    case 'quantifier':
      return compileQuantifier(cond.q, cond.path, compileClosure(cond.item));
    case 'test':
      return compileTest(cond);
  }
}

/** some/every/none over a list fact; a missing list is empty, and a non-object element is `{}`. */
function compileQuantifier(q: 'some' | 'every' | 'none', path: readonly string[], inner: CondFn): CondFn {
  // Loops rather than `list.some(el => …)`: no closure per evaluation.
  const anyHolds = (list: unknown[], e: EvalEnv) => {
    for (let i = 0; i < list.length; i++) if (inner(elementScope(list[i]), e)) return true;
    return false;
  };
  if (q === 'some') {
    return (s, e) => {
      const list = readPath(s, path);
      return Array.isArray(list) && anyHolds(list, e);
    };
  }
  if (q === 'none') {
    return (s, e) => {
      const list = readPath(s, path);
      return !Array.isArray(list) || !anyHolds(list, e);
    };
  }
  return (s, e) => {
    const list = readPath(s, path);
    if (!Array.isArray(list)) return true;
    for (let i = 0; i < list.length; i++) if (!inner(elementScope(list[i]), e)) return false;
    return true;
  };
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export function elementScope(el: unknown): Record<string, unknown> {
  return el !== null && typeof el === 'object' && !Array.isArray(el)
    ? (el as Record<string, unknown>)
    : EMPTY;
}

/**
 * One test, prepared for `runTest`: the operator as a small number (so the hot operators run
 * inline in one switch instead of through a call per operator), the fact path split into its
 * head and the rest, and the operand as a constant when it is a literal.
 */
interface TestPlan {
  code: number;
  head: string;
  /** The whole path when it is longer than the head, else undefined. */
  path: readonly string[] | undefined;
  /** The head is also a name on `Object.prototype` (`constructor`, `toString`, …): read own only. */
  guarded: boolean;
  literal: boolean;
  value: unknown;
  operand: OperandFn;
  test: (fact: unknown, value: unknown) => boolean;
}

type OperandFn = (scope: Record<string, unknown>, env: EvalEnv) => unknown;

function unused(): unknown {
  return undefined;
}

// The operators run inline (here and in generated code); every other one calls its definition in
// operators.ts.
export const TEST_CODES: Partial<Record<OperatorName, number>> = {
  equal: 1,
  notEqual: 2,
  lessThan: 3,
  lessThanInclusive: 4,
  greaterThan: 5,
  greaterThanInclusive: 6,
  in: 7,
  notIn: 8,
  between: 9,
  exists: 10,
};

function compileTest(cond: Cond & { type: 'test' }): CondFn {
  const head = cond.path[0] as string;
  const plan: TestPlan = {
    code: TEST_CODES[cond.op] ?? 0,
    head,
    path: cond.path.length > 1 ? cond.path : undefined,
    guarded: head in Object.prototype,
    literal: cond.operand.kind === 'literal',
    value: cond.operand.kind === 'literal' ? cond.operand.value : undefined,
    // A literal is read from the plan; only other operands need a reader.
    operand: cond.operand.kind === 'literal' ? unused : operandReader(cond.operand),
    test: cond.op === 'matches' ? matchesTest(cond.operand) : conditionTest(cond.op),
  };
  return (s, e) => runTest(plan, s, e);
}

/**
 * `matches` with its expression compiled now, once, not looked up per evaluation. An expression
 * that does not compile is already an `op_regex_invalid` diagnostic, and a document with errors is
 * never evaluated, so it must not throw here.
 */
export function matchesTest(operand: Operand): (fact: unknown, value: unknown) => boolean {
  let regex: LinearRegex;
  try {
    // The same compiled object the reference path's `matches` operator finds by its source.
    regex = regexOf(String((operand as { value: unknown }).value));
  } catch {
    return operatorTests.matches;
  }
  return (a) => typeof a === 'string' && regex.test(a);
}

/** Decides one test; the inline cases repeat operators.ts exactly (the differential tests hold them). */
function runTest(p: TestPlan, s: Record<string, unknown>, e: EvalEnv): boolean {
  let a = p.guarded && !Object.hasOwn(s, p.head) ? undefined : s[p.head];
  if (p.path !== undefined && a !== null && typeof a === 'object') a = readRest(a, p.path);
  const b = p.literal ? p.value : p.operand(s, e);
  switch (p.code) {
    case 1:
      return a === b;
    case 2:
      return a !== b;
    case 3:
      return isNumberLike(a) && (a as number) < (b as number);
    case 4:
      return isNumberLike(a) && (a as number) <= (b as number);
    case 5:
      return isNumberLike(a) && (a as number) > (b as number);
    case 6:
      return isNumberLike(a) && (a as number) >= (b as number);
    case 7:
      return (b as unknown[]).indexOf(a) > -1;
    case 8:
      return (b as unknown[]).indexOf(a) === -1;
    case 9:
      return typeof a === 'number' && a >= (b as [number, number])[0] && a <= (b as [number, number])[1];
    case 10:
      return (a !== undefined && a !== null) === b;
    default:
      return p.test(a, b);
  }
}

/** Reads an operand's value in a scope: a literal, another fact, or a date relative to `$at`. */
export function operandReader(operand: Operand): OperandFn {
  switch (operand.kind) {
    case 'literal': {
      const value = operand.value;
      return () => value;
    }
    case 'fact': {
      const { path, hours } = operand;
      if (hours !== undefined) return (s) => shiftInstant(readPath(s, path), hours);
      return (s) => readPath(s, path);
    }
    // Evaluations at the same date share one environment, so the last answer is kept per
    // condition: replays and batches at one date compute each shifted date once.
    case 'at': {
      const { days, years } = operand;
      let lastEnv: EvalEnv | undefined;
      let last: unknown;
      return (_s, e) => {
        if (e !== lastEnv) {
          last = e.shifted(days, years);
          lastEnv = e;
        }
        return last;
      };
    }
    case 'window': {
      const days = operand.days;
      let lastEnv: EvalEnv | undefined;
      let last: unknown;
      return (_s, e) => {
        if (e !== lastEnv) {
          last = e.window(days);
          lastEnv = e;
        }
        return last;
      };
    }
  }
}
