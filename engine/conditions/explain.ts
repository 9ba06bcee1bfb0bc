import type { Operand } from './ast.ts';
import type { OperatorName } from './operators.ts';

/** How one condition was decided, in the terms of the document (docs/api.md `explain`). */
export interface ConditionExplain {
  /** `all`, `any`, `not`, `some`, `every`, `none`, or the operator of a test. */
  op: string;
  /** The fact path tested (relative to the list element inside some/every/none). */
  fact?: string;
  /** The fact's value at evaluation. */
  value?: unknown;
  /** What it was compared with, after resolving `$at` and `{ fact: … }`. */
  expected?: unknown;
  /**
   * The test in words with the resolved value, for people: `openedOn is on or after 2026-04-02
   * (30 days before the evaluation date)`. The fields above stay the machine-readable form.
   */
  text?: string;
  /** Whether it held; null when it was not needed to decide (short-circuit). */
  outcome: boolean | null;
  line: number;
  col: number;
  conditions?: ConditionExplain[];
}

/** Each operator in words, as reports and explain text say it (`is on or after`, `is one of`). */
export const operatorWords: Record<OperatorName, string> = {
  equal: 'is',
  notEqual: 'is not',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is greater than',
  greaterThanInclusive: 'is at least',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  between: 'is between',
  exists: 'is given',
  filled: 'is filled in',
  matches: 'matches',
  before: 'is before',
  after: 'is after',
  onOrBefore: 'is on or before',
  onOrAfter: 'is on or after',
  withinDays: 'is within',
  olderThanDays: 'is before',
  olderThanYears: 'is before',
};

/** `the evaluation date`, `30 days before the evaluation date`, `1 year after the evaluation date`. */
export function shiftText(days: number, years: number): string {
  const n = years !== 0 ? years : days;
  if (n === 0) return 'the evaluation date';
  const unit = years !== 0 ? 'year' : 'day';
  return `${Math.abs(n)} ${unit}${Math.abs(n) === 1 ? '' : 's'} ${n < 0 ? 'before' : 'after'} the evaluation date`;
}

/**
 * One test in words, with the resolved value when it is known (an evaluation, or a report at a
 * date): `openedOn is on or after 2026-04-02 (30 days before the evaluation date)`; without it,
 * `openedOn is on or after 30 days before the evaluation date`. Never rule syntax such as `$at-30d`.
 */
export function testText(path: string, op: OperatorName, operand: Operand, resolved?: unknown): string {
  const words = operatorWords[op];
  switch (operand.kind) {
    case 'literal':
      return literalText(path, op, operand.value);
    case 'fact': {
      const shift =
        operand.hours === undefined ? '' : ` ${operand.hours < 0 ? '−' : '+'} ${Math.abs(operand.hours)} h`;
      const ref = `${operand.path.join('.')}${shift}`;
      return `${path} ${words} ${ref}${resolved === undefined ? '' : ` (${valueText(resolved)})`}`;
    }
    case 'at': {
      const when = shiftText(operand.days, operand.years);
      return typeof resolved === 'string'
        ? `${path} ${words} ${resolved} (${when})`
        : `${path} ${words} ${when}`;
    }
    case 'window': {
      const span = `the ${operand.days} day${operand.days === 1 ? '' : 's'} before the evaluation date`;
      const w = resolved as { from?: unknown; to?: unknown } | undefined;
      return typeof w?.from === 'string' && typeof w.to === 'string'
        ? `${path} is between ${w.from} and ${w.to} (within ${span})`
        : `${path} is within ${span}`;
    }
  }
}

function literalText(path: string, op: OperatorName, value: unknown): string {
  if (op === 'between' && Array.isArray(value)) {
    return `${path} is between ${valueText(value[0])} and ${valueText(value[1])}`;
  }
  if (op === 'exists') return value === false ? `${path} is absent` : `${path} is given`;
  if (op === 'filled') return value === false ? `${path} is blank or absent` : `${path} is filled in`;
  if ((op === 'in' || op === 'notIn') && Array.isArray(value)) {
    return `${path} ${operatorWords[op]} ${value.map(valueText).join(', ')}`;
  }
  return `${path} ${operatorWords[op]} ${valueText(value)}`;
}

/** A value as people read it: text as it is, lists with commas, anything else as JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
  return JSON.stringify(v) ?? 'nothing';
}
