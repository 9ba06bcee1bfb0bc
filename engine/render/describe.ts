/** Conditions as people read them in reports: `estimateTotal > 20000 and payType = customer`. */

const SYMBOLS: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'in',
  notIn: 'not in',
  before: 'before',
  after: 'after',
  onOrBefore: 'on or before',
  onOrAfter: 'on or after',
};

const QUANTIFIERS = new Set(['some', 'every', 'none']);

/** A condition (as written in YAML) in one line; `always` when there is none. */
export function describeCondition(raw: unknown): string {
  if (raw === undefined || raw === null) return 'always';
  if (!isMapping(raw)) return show(raw);
  const parts = Object.entries(raw).map(([key, value]) => describeEntry(key, value));
  return parts.length > 0 ? parts.join(' and ') : 'always';
}

function describeEntry(key: string, value: unknown): string {
  if (key === 'all' || key === 'any') {
    const items = Array.isArray(value) ? value.map(describeCondition) : [show(value)];
    return `(${items.join(key === 'all' ? ' and ' : ' or ')})`;
  }
  if (key === 'not') return `not (${describeCondition(value)})`;
  if (!isMapping(value) || 'fact' in value) return `${key} = ${show(value)}`;
  return Object.entries(value)
    .map(([op, operand]) => describeTest(key, op, operand))
    .join(' and ');
}

function describeTest(path: string, op: string, operand: unknown): string {
  if (QUANTIFIERS.has(op)) return `${op} ${path}: (${describeCondition(operand)})`;
  if (op === 'between' && Array.isArray(operand))
    return `${path} between ${show(operand[0])} and ${show(operand[1])}`;
  if (op === 'exists') return operand === false ? `${path} is absent` : `${path} is given`;
  if (op === 'withinDays') return `${path} within ${show(operand)} days before the evaluation date`;
  if (op === 'olderThanDays') return `${path} more than ${show(operand)} days before the evaluation date`;
  if (op === 'olderThanYears') return `${path} more than ${show(operand)} years before the evaluation date`;
  return `${path} ${SYMBOLS[op] ?? op} ${show(operand)}`;
}

function show(v: unknown): string {
  if (v === '$at') return 'the evaluation date';
  if (isMapping(v) && typeof v.fact === 'string') return v.fact;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
