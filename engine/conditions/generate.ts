import type { Cond, Operand } from './ast.ts';
import { type CondFn, elementScope, matchesTest, operandReader, TEST_CODES } from './closure.ts';
import { readPath, readRest } from './env.ts';
import { conditionTest, isNumberLike } from './operators.ts';

/**
 * Conditions compiled to specialised JavaScript source, as ajv does for schemas: one function per
 * condition, with every test inline (no plan to read, no call per node), so V8 optimises each one
 * on its own. Held to the closures and to json-rules-engine by the differential property
 * (tests/properties/differential.test.ts).
 *
 * The source never contains a document value: every fact name, path, literal, operand reader and
 * operator definition is a constant in an array passed in, and the source names them only by their
 * index (`c0`, `c1`, …). So no text from a document can become code, whatever it holds. Used for
 * served documents only: validation and editor drafts keep the closures (`compileClosure`).
 */
export function generateConditions(conds: readonly Cond[]): CondFn[] {
  const g = new SourceWriter();
  const fns = conds.map((c) => `function (s, e) {\n  let a, b;\n  return ${g.expression(c)};\n}`);
  const source = `"use strict";\n${g.prelude()}\nreturn [\n${fns.join(',\n')}\n];`;
  // The source is built from the condition tree only; every value is passed in through `k`.
  const factory = new Function('k', 'rt', source) as (k: unknown[], rt: Runtime) => CondFn[];
  return factory(g.constants, RUNTIME);
}

/** The helpers generated code calls (the same ones the closures use). */
interface Runtime {
  isNumberLike: (v: unknown) => boolean;
  readPath: (scope: Record<string, unknown>, path: readonly string[]) => unknown;
  readRest: (value: unknown, path: readonly string[]) => unknown;
  elementScope: (el: unknown) => Record<string, unknown>;
}

const RUNTIME: Runtime = { isNumberLike, readPath, readRest, elementScope };

/** Collects constants and helper functions while writing expressions. */
class SourceWriter {
  readonly constants: unknown[] = [];
  private readonly helpers: string[] = [];

  /** A constant's name in the source. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  prelude(): string {
    const lines = [
      'const isNumberLike = rt.isNumberLike, readPath = rt.readPath, readRest = rt.readRest;',
      'const elementScope = rt.elementScope, hasOwn = Object.hasOwn, isArray = Array.isArray;',
    ];
    for (let i = 0; i < this.constants.length; i++) lines.push(`const c${i} = k[${i}];`);
    return `${lines.join('\n')}\n${this.helpers.join('\n')}`;
  }

  /** An expression deciding `cond` on the scope `s` and environment `e` (temporaries `a`, `b`). */
  expression(cond: Cond): string {
    switch (cond.type) {
      case 'all':
        return cond.items.length === 0
          ? 'true'
          : `(${cond.items.map((c) => this.expression(c)).join(' && ')})`;
      case 'any':
        // json-rules-engine treats an empty `any` as holding, like an empty `all`.
        return cond.items.length === 0
          ? 'true'
          : `(${cond.items.map((c) => this.expression(c)).join(' || ')})`;
      case 'not':
        return `!${this.expression(cond.item)}`;
      case 'quantifier':
        return this.quantifier(cond);
      case 'test':
        return this.test(cond);
    }
  }

  /** some/every/none: a helper looping over the list, each element as the scope `s`. */
  private quantifier(cond: Cond & { type: 'quantifier' }): string {
    // Named after its inner expression is written, which may add helpers of its own.
    const inner = this.expression(cond.item);
    const name = `q${this.helpers.length}`;
    const every = cond.q === 'every';
    this.helpers.push(
      `function ${name}(list, e) {\n  let a, b;\n  for (let i = 0; i < list.length; i++) {\n    const s = elementScope(list[i]);\n    if (${every ? `!${inner}` : inner}) return ${every ? 'false' : 'true'};\n  }\n  return ${every ? 'true' : 'false'};\n}`,
    );
    const list = `(a = readPath(s, ${this.constant(cond.path)}))`;
    switch (cond.q) {
      case 'some':
        return `(${list}, isArray(a) && ${name}(a, e))`;
      case 'none':
        return `(${list}, !isArray(a) || !${name}(a, e))`;
      case 'every':
        return `(${list}, !isArray(a) || ${name}(a, e))`;
    }
  }

  /** One test, exactly as `runTest` in closure.ts decides it. */
  private test(cond: Cond & { type: 'test' }): string {
    const head = this.constant(cond.path[0] as string);
    const read =
      (cond.path[0] as string) in Object.prototype
        ? `(hasOwn(s, ${head}) ? s[${head}] : undefined)`
        : `s[${head}]`;
    // The rest of the path as readRest in env.ts reads it (own properties only), inline for the
    // common two-name path; a head that is not an object answers for any deeper path.
    const isObject = `a !== null && typeof a === 'object'`;
    let rest = '';
    if (cond.path.length === 2) {
      const key = this.constant(cond.path[1] as string);
      rest = `, a = ${isObject} ? (hasOwn(a, ${key}) ? a[${key}] : undefined) : a`;
    } else if (cond.path.length > 2) {
      rest = `, a = ${isObject} ? readRest(a, ${this.constant(cond.path)}) : a`;
    }
    const b = this.operand(cond.operand);
    return `(a = ${read}${rest}, b = ${b}, ${this.decide(cond)})`;
  }

  private operand(operand: Operand): string {
    return operand.kind === 'literal'
      ? this.constant(operand.value)
      : `${this.constant(operandReader(operand))}(s, e)`;
  }

  /** The operator on `a` (the fact) and `b` (the operand), inline for the common ones. */
  private decide(cond: Cond & { type: 'test' }): string {
    // For a number, `isNumberLike(a)` is "not NaN", and a comparison with NaN is false anyway.
    const compare = (op: string) => `(typeof a === 'number' ? a ${op} b : isNumberLike(a) && a ${op} b)`;
    switch (TEST_CODES[cond.op]) {
      case 1:
        return 'a === b';
      case 2:
        return 'a !== b';
      case 3:
        return compare('<');
      case 4:
        return compare('<=');
      case 5:
        return compare('>');
      case 6:
        return compare('>=');
      case 7:
        return 'b.indexOf(a) > -1';
      case 8:
        return 'b.indexOf(a) === -1';
      case 9:
        return "typeof a === 'number' && a >= b[0] && a <= b[1]";
      case 10:
        return '(a !== undefined && a !== null) === b';
      default: {
        const test = cond.op === 'matches' ? matchesTest(cond.operand) : conditionTest(cond.op);
        return `${this.constant(test)}(a, b)`;
      }
    }
  }
}
