/**
 * A ruleset as a decision table: one row per rule, one column per fact its conditions test at the
 * top level, one per output; conditions in words (`greater than 20000`), never rule syntax.
 */
import { describeCondition, isText, type Text } from '../../engine/index.ts';

export interface DecisionTable {
  hit: string;
  facts: string[];
  /** Whether some rule has conditions beyond single facts (`any`, `all`, `not`). */
  other: boolean;
  outputs: string[];
  rows: DecisionRow[];
  /** The outputs when no rule applies. */
  otherwise?: Record<string, string>;
}

export interface DecisionRow {
  id: string;
  /** As written: a plain string or `{zh, en}`; empty when there is none. */
  title: Text;
  clause: string;
  /** Fact name → the test on it, in words; absent means "any value". */
  tests: Record<string, string>;
  other?: string;
  then: Record<string, string>;
  message?: string;
}

const COMBINATORS = new Set(['all', 'any', 'not']);

/** The table of a ruleset's plain data (`doc.data`). */
export function decisionTable(data: Record<string, unknown>): DecisionTable {
  const rules = (Array.isArray(data.rules) ? data.rules : []) as Record<string, unknown>[];
  const facts: string[] = [];
  const outputs: string[] = [];
  const add = (list: string[], key: string) => {
    if (!list.includes(key)) list.push(key);
  };
  let other = false;
  const rows = rules.map((rule) => {
    const when = mapping(rule.when);
    const tests: Record<string, string> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(when)) {
      if (COMBINATORS.has(key)) {
        rest[key] = value;
        continue;
      }
      add(facts, key);
      tests[key] = withoutSubject(key, describeCondition({ [key]: value }));
    }
    const then = Object.fromEntries(Object.entries(mapping(rule.then)).map(([k, v]) => [k, valueText(v)]));
    for (const key of Object.keys(then)) add(outputs, key);
    if (Object.keys(rest).length > 0) other = true;
    return {
      id: String(rule.id ?? ''),
      title: isText(rule.title) ? rule.title : '',
      clause: Array.isArray(rule.clause) ? rule.clause.join(', ') : String(rule.clause ?? ''),
      tests,
      ...(Object.keys(rest).length > 0 ? { other: describeCondition(rest) } : {}),
      then,
      ...(typeof rule.message === 'string' ? { message: rule.message } : {}),
    };
  });
  const fallback = mapping(data.default);
  for (const key of Object.keys(fallback)) add(outputs, key);
  return {
    hit: String(data.hit ?? 'first'),
    facts,
    other,
    outputs,
    rows,
    ...(Object.keys(fallback).length > 0
      ? { otherwise: Object.fromEntries(Object.entries(fallback).map(([k, v]) => [k, valueText(v)])) }
      : {}),
  };
}

/** `estimateTotal is greater than 20000` in the estimateTotal column reads `is greater than 20000`. */
function withoutSubject(fact: string, text: string): string {
  return text.startsWith(`${fact} `) ? text.slice(fact.length + 1) : text;
}

function mapping(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Any value as one line people read, never JSON: `name: a mid-sized job; facts: (estimateTotal:
 * 9000, payType: customer)`.
 */
export function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => (isNested(x) ? `(${plainText(x)})` : plainText(x))).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${isNested(x) ? `(${plainText(x)})` : plainText(x)}`)
      .join('; ');
  }
  return String(v);
}

function isNested(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length > 1;
}

/** A value in a table cell: text as it is, lists joined, anything else as compact JSON-free text. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${valueText(x)}`)
      .join('; ');
  }
  return String(v);
}
