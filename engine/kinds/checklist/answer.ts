/**
 * A checklist item's answer: its declared type, the schema that types `expect` at load, and the
 * check of a submitted value. One place, so load-time and request-time checks agree.
 */
import { alwaysTrue, type Cond } from '../../conditions/ast.ts';
import { parseDateValue } from '../../conditions/dates.ts';
import { type ParseContext, parseOperators } from '../../conditions/parse.ts';
import type { ResolvedPath, Scope } from '../../facts/scope.ts';
import { categoryOf, type FactSchema } from '../../facts/types.ts';
import { positionOf } from '../../load/yaml.ts';
import { quoted, quotedList } from '../../util/text.ts';

export const answerTypes = ['boolean', 'number', 'choice', 'text', 'date'] as const;
export type AnswerType = (typeof answerTypes)[number];

/** A choice value as written in `choices`. */
export type Choice = string | number;

/** The JSON Schema an answer of this type satisfies; `choices` become an enum. */
export function answerSchema(type: AnswerType, choices: readonly Choice[] | undefined): FactSchema {
  switch (type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: 'number' };
    case 'choice':
      // Without choices (reported at load) the answer is left untyped so no second error follows.
      return choices && choices.length > 0 ? { enum: [...choices] } : {};
    case 'text':
      return { type: 'string' };
    case 'date':
      return { type: 'string', format: 'date' };
  }
}

/**
 * Parses an item's `expect` as operators on its answer. The answer is a synthetic fact named by
 * the item's key (`ppe.goggles`): keys always contain a dot and fact names never do, so answers
 * and facts share one scope without clashing, and `{ fact: name }` operands can compare with facts.
 */
export function parseExpect(
  raw: unknown,
  key: string,
  type: AnswerType,
  choices: readonly Choice[] | undefined,
  pointer: string,
  facts: Scope,
  ctx: ParseContext,
): Cond {
  const schema = answerSchema(type, choices);
  const resolved: ResolvedPath = { ok: true, schema, category: categoryOf(schema) };
  if (raw === undefined) {
    if (type === 'boolean') return parseOperators([key], resolved, { equal: true }, pointer, facts, ctx);
    const pos = positionOf(ctx.map, pointer);
    return alwaysTrue({ pointer, line: pos.line, col: pos.col }, ctx.nextId());
  }
  const ops = isMapping(raw) ? raw : { equal: raw };
  return parseOperators([key], resolved, ops, pointer, facts, ctx);
}

/** How `expect` reads in a message: `greaterThanInclusive 1.6`, `equal true`, or `answered`. */
export function expectText(raw: unknown, type: AnswerType): string {
  if (raw === undefined) return type === 'boolean' ? 'equal true' : 'answered';
  const ops = isMapping(raw) ? raw : { equal: raw };
  return Object.entries(ops)
    .map(([op, v]) => `${op} ${JSON.stringify(v)}`)
    .join(', ');
}

/** Why a submitted value does not fit the item's answer type: a detail code and message, or undefined. */
export function answerProblem(
  value: unknown,
  type: AnswerType,
  choices: readonly Choice[] | undefined,
): { code: 'answer_type' | 'answer_choice'; message: string } | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType(value, 'true or false');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrongType(value, 'a number');
    case 'text':
      return typeof value === 'string' ? undefined : wrongType(value, 'text');
    case 'date':
      return parseDateValue(value) !== undefined
        ? undefined
        : wrongType(value, 'an ISO date such as 2026-03-01');
    case 'choice':
      if (typeof value !== 'string' && typeof value !== 'number') {
        return wrongType(value, 'one of the choices');
      }
      if (choices?.includes(value)) return undefined;
      return {
        code: 'answer_choice',
        message: `${quoted(value)} is not one of ${quotedList(choices ?? [])}`,
      };
  }
}

function wrongType(value: unknown, want: string): { code: 'answer_type'; message: string } {
  return { code: 'answer_type', message: `must be ${want}, not ${describe(value)}` };
}

/** True for a plain mapping. */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `text \`${v}\``;
  return `${typeof v} \`${String(v)}\``;
}
