import type { Lang } from '../i18n/lang.ts';
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

/** Each operator in Chinese, as printed reports say it (`不早于`, `属于`): path, words, value. */
export const operatorWordsZh: Record<OperatorName, string> = {
  equal: '为',
  notEqual: '不为',
  lessThan: '小于',
  lessThanInclusive: '不超过',
  greaterThan: '大于',
  greaterThanInclusive: '不少于',
  in: '属于',
  notIn: '不属于',
  contains: '包含',
  doesNotContain: '不包含',
  between: '介于',
  exists: '已提供',
  filled: '已填写',
  matches: '符合',
  before: '早于',
  after: '晚于',
  onOrBefore: '不晚于',
  onOrAfter: '不早于',
  withinDays: '在',
  olderThanDays: '早于',
  olderThanYears: '早于',
};

/** `the evaluation date`, `30 days before the evaluation date`, `1 year after the evaluation date`. */
export function shiftText(days: number, years: number, lang: Lang = 'en'): string {
  const n = years !== 0 ? years : days;
  if (lang === 'zh') {
    if (n === 0) return '评估日';
    return `评估日${n < 0 ? '前' : '后'} ${Math.abs(n)} ${years !== 0 ? '年' : '天'}`;
  }
  if (n === 0) return 'the evaluation date';
  const unit = years !== 0 ? 'year' : 'day';
  return `${Math.abs(n)} ${unit}${Math.abs(n) === 1 ? '' : 's'} ${n < 0 ? 'before' : 'after'} the evaluation date`;
}

/**
 * One test in words, with the resolved value when it is known (an evaluation, or a report at a
 * date): `openedOn is on or after 2026-04-02 (30 days before the evaluation date)`; without it,
 * `openedOn is on or after 30 days before the evaluation date`. Never rule syntax such as `$at-30d`.
 */
export function testText(
  path: string,
  op: OperatorName,
  operand: Operand,
  resolved?: unknown,
  lang: Lang = 'en',
): string {
  if (lang === 'zh') return testTextZh(path, op, operand, resolved);
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

/** testText in Chinese, for reports printed in Chinese: `openedOn 不早于 2026-04-02(评估日前 30 天)`. */
function testTextZh(path: string, op: OperatorName, operand: Operand, resolved?: unknown): string {
  const words = operatorWordsZh[op];
  switch (operand.kind) {
    case 'literal':
      return literalTextZh(path, op, operand.value);
    case 'fact': {
      const shift =
        operand.hours === undefined
          ? ''
          : ` ${operand.hours < 0 ? '−' : '+'} ${Math.abs(operand.hours)} 小时`;
      const ref = `${operand.path.join('.')}${shift}`;
      return `${path} ${words} ${ref}${resolved === undefined ? '' : `(${valueText(resolved)})`}`;
    }
    case 'at': {
      const when = shiftText(operand.days, operand.years, 'zh');
      return typeof resolved === 'string'
        ? `${path} ${words} ${resolved}(${when})`
        : `${path} ${words} ${when}`;
    }
    case 'window': {
      const span = `评估日前 ${operand.days} 天内`;
      const w = resolved as { from?: unknown; to?: unknown } | undefined;
      return typeof w?.from === 'string' && typeof w.to === 'string'
        ? `${path} 介于 ${w.from} 与 ${w.to} 之间(${span})`
        : `${path} 在${span}`;
    }
  }
}

function literalTextZh(path: string, op: OperatorName, value: unknown): string {
  if (op === 'between' && Array.isArray(value)) {
    return `${path} 介于 ${valueText(value[0])} 与 ${valueText(value[1])} 之间`;
  }
  if (op === 'exists') return value === false ? `${path} 未提供` : `${path} 已提供`;
  if (op === 'filled') return value === false ? `${path} 为空或未提供` : `${path} 已填写`;
  if ((op === 'in' || op === 'notIn') && Array.isArray(value)) {
    return `${path} ${operatorWordsZh[op]} ${value.map(valueText).join('、')}`;
  }
  return `${path} ${operatorWordsZh[op]} ${valueText(value)}`;
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
