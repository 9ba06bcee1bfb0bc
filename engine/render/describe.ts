/**
 * Conditions as people read them in reports: `estimateTotal is greater than 20000 and payType is
 * customer`, operators in words and dates resolved (`on or after 2026-04-02 (30 days before the
 * evaluation date)` when the report has an evaluation date), never rule syntax such as `$at-30d`.
 */
import type { Operand } from '../conditions/ast.ts';
import { evalEnv } from '../conditions/env.ts';
import { testText, valueText } from '../conditions/explain.ts';
import { type OperatorName, operatorNames } from '../conditions/operators.ts';
import { atOperand } from '../conditions/parse.ts';

const QUANTIFIERS = new Set(['some', 'every', 'none']);

/** A condition (as written in YAML) in one line; `always` when there is none. `at` resolves dates. */
export function describeCondition(raw: unknown, at?: string): string {
  if (raw === undefined || raw === null) return 'always';
  if (!isMapping(raw)) return valueText(raw);
  const parts = Object.entries(raw).map(([key, value]) => describeEntry(key, value, at));
  return parts.length > 0 ? parts.join(' and ') : 'always';
}

function describeEntry(key: string, value: unknown, at: string | undefined): string {
  if (key === 'all' || key === 'any') {
    const items = Array.isArray(value) ? value.map((v) => describeCondition(v, at)) : [valueText(value)];
    return `(${items.join(key === 'all' ? ' and ' : ' or ')})`;
  }
  if (key === 'not') return `not (${describeCondition(value, at)})`;
  if (!isMapping(value) || isFactRef(value)) return describeTest(key, 'equal', value, at);
  return Object.entries(value)
    .map(([op, operand]) => describeTest(key, op, operand, at))
    .join(' and ');
}

function describeTest(path: string, op: string, raw: unknown, at: string | undefined): string {
  if (QUANTIFIERS.has(op)) return `${op} ${path}: (${describeCondition(raw, at)})`;
  if (!(operatorNames as readonly string[]).includes(op)) return `${path} ${op} ${valueText(raw)}`;
  const name = op as OperatorName;
  const operand = operandOf(name, raw);
  return testText(path, name, operand, at === undefined ? undefined : resolvedDate(operand, at));
}

/** The operand as the parser reads it, so reports and explain say the same words. */
function operandOf(op: OperatorName, raw: unknown): Operand {
  if (isFactRef(raw)) return { kind: 'fact', path: raw.fact.split('.') };
  const n = typeof raw === 'number' ? raw : Number.NaN;
  if (op === 'withinDays' && Number.isInteger(n)) return { kind: 'window', days: n };
  if (op === 'olderThanDays' && Number.isInteger(n)) return { kind: 'at', days: -n, years: 0 };
  if (op === 'olderThanYears' && Number.isInteger(n)) return { kind: 'at', days: 0, years: -n };
  return atOperand(raw) ?? { kind: 'literal', value: raw };
}

/** The date (or window) an evaluation-date operand stands for at `at`. */
function resolvedDate(operand: Operand, at: string): unknown {
  if (operand.kind === 'at') return evalEnv(at).shifted(operand.days, operand.years);
  if (operand.kind === 'window') return evalEnv(at).window(operand.days);
  return undefined;
}

function isFactRef(v: unknown): v is { fact: string } {
  return isMapping(v) && typeof v.fact === 'string' && Object.keys(v).length === 1;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
