import type { FactCategory } from '../facts/types.ts';
import { compareDates, operandDateComparer } from './dates.ts';
import { regexOf } from './regex.ts';

/** The operators a condition may use (dsl.md), with the fact categories each fits. */
export const operatorNames = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'between',
  'exists',
  'filled',
  'matches',
  'before',
  'after',
  'onOrBefore',
  'onOrAfter',
  'withinDays',
  'olderThanDays',
  'olderThanYears',
] as const;

export type OperatorName = (typeof operatorNames)[number];

/** The shape an operator's value must have. */
export type ValueShape = 'scalar' | 'number' | 'list' | 'pair' | 'boolean' | 'regex' | 'date' | 'days';

export interface OperatorSpec {
  fits: readonly FactCategory[];
  value: ValueShape;
  /** json-rules-engine ships this operator; the others are registered by norma. */
  builtin: boolean;
}

const scalarish: readonly FactCategory[] = ['number', 'string', 'date', 'boolean', 'enum', 'any'];
const numeric: readonly FactCategory[] = ['number', 'any'];
const dates: readonly FactCategory[] = ['date', 'any'];

export const operatorSpecs: Record<OperatorName, OperatorSpec> = {
  equal: { fits: scalarish, value: 'scalar', builtin: true },
  notEqual: { fits: scalarish, value: 'scalar', builtin: true },
  lessThan: { fits: numeric, value: 'number', builtin: true },
  lessThanInclusive: { fits: numeric, value: 'number', builtin: true },
  greaterThan: { fits: numeric, value: 'number', builtin: true },
  greaterThanInclusive: { fits: numeric, value: 'number', builtin: true },
  in: { fits: scalarish, value: 'list', builtin: true },
  notIn: { fits: scalarish, value: 'list', builtin: true },
  contains: { fits: ['array', 'any'], value: 'scalar', builtin: true },
  doesNotContain: { fits: ['array', 'any'], value: 'scalar', builtin: true },
  between: { fits: numeric, value: 'pair', builtin: false },
  exists: { fits: [...scalarish, 'array', 'object'], value: 'boolean', builtin: false },
  filled: { fits: [...scalarish, 'array', 'object'], value: 'boolean', builtin: false },
  matches: { fits: ['string', 'enum', 'date', 'any'], value: 'regex', builtin: false },
  before: { fits: dates, value: 'date', builtin: false },
  after: { fits: dates, value: 'date', builtin: false },
  onOrBefore: { fits: dates, value: 'date', builtin: false },
  onOrAfter: { fits: dates, value: 'date', builtin: false },
  withinDays: { fits: dates, value: 'days', builtin: false },
  olderThanDays: { fits: dates, value: 'days', builtin: false },
  olderThanYears: { fits: dates, value: 'days', builtin: false },
};

/**
 * json-rules-engine's own number check, `Number.parseFloat(v).toString() !== 'NaN'`, kept
 * identical so both evaluators agree, without making a string: a number's text reads back as
 * the same number, so for numbers the check is "not NaN".
 */
export function isNumberLike(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isNaN(v);
  return !Number.isNaN(Number.parseFloat(v as string));
}

/** A window of dates, inclusive at both ends, as `withinDays` compares with. */
export interface DateWindow {
  from: string;
  to: string;
}

/**
 * The test of each operator, on a fact value and an already resolved operand. The built-ins
 * repeat json-rules-engine's definitions exactly (including its loose number check); the
 * differential tests hold the two to the same answers.
 */
export const operatorTests: Record<OperatorName, (fact: unknown, value: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  between: (a, b) => {
    const [lo, hi] = b as [number, number];
    return typeof a === 'number' && a >= lo && a <= hi;
  },
  exists: (a, b) => (a !== undefined && a !== null) === b,
  filled: (a, b) => isFilled(a) === b,
  // The same compiled expression as the closures (regex.ts keeps one per source).
  matches: (a, b) => typeof a === 'string' && regexOf(b as string).test(a),
  before: (a, b) => compareDates(a, b) < 0,
  after: (a, b) => compareDates(a, b) > 0,
  onOrBefore: (a, b) => compareDates(a, b) <= 0,
  onOrAfter: (a, b) => compareDates(a, b) >= 0,
  withinDays: (a, b) =>
    compareDates(a, (b as DateWindow).from) >= 0 && compareDates(a, (b as DateWindow).to) <= 0,
  olderThanDays: (a, b) => compareDates(a, b) < 0,
  olderThanYears: (a, b) => compareDates(a, b) < 0,
};

/**
 * The test of one condition's operator: `operatorTests`' own, but for the date operators, which
 * get a test of their own that reads the operand's day once while it stays the same
 * (`operandDateComparer`). Called once per condition when it is compiled.
 */
export function conditionTest(op: OperatorName): (fact: unknown, value: unknown) => boolean {
  switch (op) {
    case 'before':
    case 'olderThanDays':
    case 'olderThanYears': {
      const compare = operandDateComparer();
      return (a, b) => compare(a, b) < 0;
    }
    case 'after': {
      const compare = operandDateComparer();
      return (a, b) => compare(a, b) > 0;
    }
    case 'onOrBefore': {
      const compare = operandDateComparer();
      return (a, b) => compare(a, b) <= 0;
    }
    case 'onOrAfter': {
      const compare = operandDateComparer();
      return (a, b) => compare(a, b) >= 0;
    }
    case 'withinDays': {
      const from = operandDateComparer();
      const to = operandDateComparer();
      return (a, b) => from(a, (b as DateWindow).from) >= 0 && to(a, (b as DateWindow).to) <= 0;
    }
    default:
      return operatorTests[op];
  }
}

/**
 * Whether a value is filled in: present, and not blank. Text needs a character other than white
 * space (the ideographic space U+3000 is white space too), a list an element, a mapping a field;
 * numbers and yes/no values are filled whenever present. A form field sent as `""` is not filled.
 */
export function isFilled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return /\S/u.test(v);
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
