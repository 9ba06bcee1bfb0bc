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
import type { Lang } from '../i18n/lang.ts';

const QUANTIFIERS = new Set(['some', 'every', 'none']);

/** The joining words of a condition in each language. */
const WORDS = {
  en: { always: 'always', and: ' and ', or: ' or ', not: (x: string) => `not (${x})` },
  zh: { always: '始终适用', and: ' 且 ', or: ' 或 ', not: (x: string) => `并非(${x})` },
} as const;

/** How a quantifier over a list reads in Chinese: `parts 中有一项满足(…)`. */
const QUANTIFIERS_ZH: Record<string, string> = { some: '有一项', every: '每一项都', none: '没有一项' };

/**
 * A condition (as written in YAML) in one line; `always` when there is none. `at` resolves
 * dates; `lang` is the report's language (English by default, as explain says it).
 */
export function describeCondition(raw: unknown, at?: string, lang: Lang = 'en'): string {
  const words = WORDS[lang];
  if (raw === undefined || raw === null) return words.always;
  if (!isMapping(raw)) return valueText(raw);
  const parts = Object.entries(raw).map(([key, value]) => describeEntry(key, value, at, lang));
  return parts.length > 0 ? parts.join(words.and) : words.always;
}

function describeEntry(key: string, value: unknown, at: string | undefined, lang: Lang): string {
  const words = WORDS[lang];
  if (key === 'all' || key === 'any') {
    const items = Array.isArray(value)
      ? value.map((v) => describeCondition(v, at, lang))
      : [valueText(value)];
    return `(${items.join(key === 'all' ? words.and : words.or)})`;
  }
  if (key === 'not') return words.not(describeCondition(value, at, lang));
  if (!isMapping(value) || isFactRef(value)) return describeTest(key, 'equal', value, at, lang);
  return Object.entries(value)
    .map(([op, operand]) => describeTest(key, op, operand, at, lang))
    .join(words.and);
}

function describeTest(path: string, op: string, raw: unknown, at: string | undefined, lang: Lang): string {
  if (QUANTIFIERS.has(op)) {
    const inner = describeCondition(raw, at, lang);
    return lang === 'zh' ? `${path} 中${QUANTIFIERS_ZH[op]}满足(${inner})` : `${op} ${path}: (${inner})`;
  }
  if (!(operatorNames as readonly string[]).includes(op)) return `${path} ${op} ${valueText(raw)}`;
  const name = op as OperatorName;
  const operand = operandOf(name, raw);
  return testText(path, name, operand, at === undefined ? undefined : resolvedDate(operand, at), lang);
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
