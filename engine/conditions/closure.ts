import type { Cond, Operand } from './ast.ts';
import type { EvalEnv } from './env.ts';
import { readPath } from './env.ts';
import { operatorTests, regexOf } from './operators.ts';

/** A compiled condition: plain closures over a scope of facts, no promises, no copies. */
export type CondFn = (scope: Record<string, unknown>, env: EvalEnv) => boolean;

/** Compiles a condition tree into a closure (the fast path); call once per document. */
export function compileClosure(cond: Cond): CondFn {
  switch (cond.type) {
    case 'all': {
      const parts = cond.items.map(compileClosure);
      if (parts.length === 0) return () => true;
      if (parts.length === 1) return parts[0] as CondFn;
      return (s, e) => {
        for (const p of parts) if (!p(s, e)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = cond.items.map(compileClosure);
      // json-rules-engine treats an empty `any` as holding, like an empty `all`.
      if (parts.length === 0) return () => true;
      return (s, e) => {
        for (const p of parts) if (p(s, e)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileClosure(cond.item);
      return (s, e) => !inner(s, e);
    }
    case 'quantifier': {
      const inner = compileClosure(cond.item);
      const path = cond.path;
      const onElement = (el: unknown, e: EvalEnv) =>
        inner(
          el !== null && typeof el === 'object' && !Array.isArray(el) ? (el as Record<string, unknown>) : {},
          e,
        );
      if (cond.q === 'some') {
        return (s, e) => {
          const list = readPath(s, path);
          return Array.isArray(list) && list.some((el) => onElement(el, e));
        };
      }
      if (cond.q === 'every') {
        return (s, e) => {
          const list = readPath(s, path);
          return !Array.isArray(list) || list.every((el) => onElement(el, e));
        };
      }
      return (s, e) => {
        const list = readPath(s, path);
        return !Array.isArray(list) || !list.some((el) => onElement(el, e));
      };
    }
    case 'test': {
      const test = operatorTests[cond.op];
      const path = cond.path;
      const operand = operandReader(cond.operand);
      if (cond.op === 'matches') regexOf(String((cond.operand as { value: unknown }).value));
      if (path.length === 1) {
        const name = path[0] as string;
        return (s, e) => test(Object.hasOwn(s, name) ? s[name] : undefined, operand(s, e));
      }
      return (s, e) => test(readPath(s, path), operand(s, e));
    }
  }
}

/** Reads an operand's value in a scope: a literal, another fact, or a date relative to `$at`. */
export function operandReader(operand: Operand): (scope: Record<string, unknown>, env: EvalEnv) => unknown {
  switch (operand.kind) {
    case 'literal': {
      const value = operand.value;
      return () => value;
    }
    case 'fact': {
      const path = operand.path;
      return (s) => readPath(s, path);
    }
    case 'at': {
      const { days, years } = operand;
      return (_s, e) => e.shifted(days, years);
    }
    case 'window': {
      const days = operand.days;
      return (_s, e) => e.window(days);
    }
  }
}
