/**
 * What completes a step: tests on the result of the decision recorded for it (`status: pass`,
 * `outputs.allowed: true`, `outputs.problems: { atMost: 0 }`). They read another standard's
 * result, not the case's facts, so they are plain data tests rather than conditions on facts.
 */
import { mapAt } from '../common.ts';

export type CompletionOp =
  | 'equals'
  | 'in'
  | 'notIn'
  | 'exists'
  | 'atLeast'
  | 'atMost'
  | 'includes'
  | 'excludes';

/** One test on a decision's result: the value at `path` and what it must be. */
export interface Completion {
  /** The dotted path as written (`outputs.allowed`). */
  written: string;
  path: string[];
  op: CompletionOp;
  value: unknown;
  pointer: string;
}

const OPS: readonly CompletionOp[] = ['in', 'notIn', 'exists', 'atLeast', 'atMost', 'includes', 'excludes'];

/** Compiles `path: value` or `path: { op: value }`. */
export function compileCompletion(written: string, raw: unknown, pointer: string): Completion {
  const path = written.split('.');
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const [op, value] = Object.entries(mapAt(raw))[0] ?? ['equals', undefined];
    return {
      written,
      path,
      op: OPS.includes(op as CompletionOp) ? (op as CompletionOp) : 'equals',
      value,
      pointer,
    };
  }
  return { written, path, op: 'equals', value: raw, pointer };
}

/** The value at a dotted path of a result. */
export function valueAt(result: unknown, path: readonly string[]): unknown {
  let v = result;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Whether a result passes one test. */
export function holds(c: Completion, result: unknown): boolean {
  const v = valueAt(result, c.path);
  switch (c.op) {
    case 'equals':
      return same(v, c.value);
    case 'in':
      return Array.isArray(c.value) && c.value.some((x) => same(v, x));
    case 'notIn':
      return v !== undefined && Array.isArray(c.value) && !c.value.some((x) => same(v, x));
    case 'exists':
      return (v !== undefined && v !== null) === (c.value === true);
    case 'atLeast':
      return typeof v === 'number' && typeof c.value === 'number' && v >= c.value;
    case 'atMost':
      return typeof v === 'number' && typeof c.value === 'number' && v <= c.value;
    // A list output (a `collect` ruleset's): holds the value, or none of the values.
    case 'includes':
      return Array.isArray(v) && v.some((x) => same(x, c.value));
    case 'excludes':
      return (
        Array.isArray(v) &&
        !v.some((x) => (Array.isArray(c.value) ? c.value : [c.value]).some((y) => same(x, y)))
      );
  }
}

/** The first test a result fails (why it does not complete a step), or undefined when it passes all. */
export function unmet(
  tests: readonly Completion[],
  result: unknown,
): { test: Completion; actual: unknown } | undefined {
  for (const c of tests) {
    if (!holds(c, result)) return { test: c, actual: valueAt(result, c.path) };
  }
  return undefined;
}

/** `pass`, `one of [a, b]`, `at most 0`. */
export function describe(c: Completion): string {
  const show = showValue;
  switch (c.op) {
    case 'equals':
      return show(c.value);
    case 'in':
      return `one of ${show(c.value)}`;
    case 'notIn':
      return `none of ${show(c.value)}`;
    case 'exists':
      return c.value === true ? 'a value' : 'no value';
    case 'atLeast':
      return `at least ${show(c.value)}`;
    case 'atMost':
      return `at most ${show(c.value)}`;
    case 'includes':
      return `a list with ${show(c.value)}`;
    case 'excludes':
      return `a list without ${show(c.value)}`;
  }
}

/** What a value must be, in Chinese, read after 须: `为 "pass"`, `为 [a, b] 之一`, `不大于 0`. */
export function describeZh(c: Completion): string {
  const show = showValueZh;
  switch (c.op) {
    case 'equals':
      return `为 ${show(c.value)}`;
    case 'in':
      return `为 ${show(c.value)} 之一`;
    case 'notIn':
      return `不为 ${show(c.value)} 中的任一值`;
    case 'exists':
      return c.value === true ? '有值' : '无值';
    case 'atLeast':
      return `不小于 ${show(c.value)}`;
    case 'atMost':
      return `不大于 ${show(c.value)}`;
    case 'includes':
      return `为包含 ${show(c.value)} 的列表`;
    case 'excludes':
      return `为不含 ${show(c.value)} 的列表`;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return false;
}

/** A result's value as JSON, or `absent`. */
export function showValue(v: unknown): string {
  return v === undefined ? 'absent' : JSON.stringify(v);
}

/** A result's value as JSON, or 无 (absent). */
export function showValueZh(v: unknown): string {
  return v === undefined ? '无' : JSON.stringify(v);
}
