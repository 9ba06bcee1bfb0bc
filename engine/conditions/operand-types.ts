/**
 * Whether a `{ fact: … }` operand can ever be compared with what an operator tests: the same
 * check a literal gets (a number for `greaterThan`, a date for `before`, a value of the tested
 * fact's type for `equal`), made on the other fact's declaration instead of on a value.
 */
import type { ResolvedPath } from '../facts/scope.ts';
import { categoryOf, enumValues, type FactCategory, type FactSchema } from '../facts/types.ts';
import { quotedList } from '../util/text.ts';
import { parseDateValue } from './dates.ts';
import type { ValueShape } from './operators.ts';

/** What one side of a comparison may hold: a category, and the exact values of an enum. */
interface Side {
  category: FactCategory;
  values?: readonly unknown[];
}

/** Why a fact operand never fits, as a message and a hint; undefined when it can. */
export interface OperandProblem {
  message: string;
  hint: string;
}

/**
 * Checks the fact `ref` (resolved to `other`) as the operand of `op` (value shape `shape`) on
 * the tested fact `name` (resolved to `tested`).
 */
export function factOperandProblem(
  op: string,
  shape: ValueShape,
  name: string,
  tested: ResolvedPath,
  ref: string,
  other: ResolvedPath,
): OperandProblem | undefined {
  const got = sideOf(other.schema, other.category);
  const want = wantedSide(op, shape, tested);
  if (!want || compatible(want, got)) return undefined;
  const operand = `\`{ fact: ${ref} }\``;
  if (want.values && got.values) {
    return {
      message: `\`${name}\` and ${operand} share no value: ${quotedList(want.values)} against ${quotedList(got.values)}`,
      hint: `\`${op}\` could never hold; compare with a fact of the same choices, or list the values`,
    };
  }
  return {
    message: `${operand} is ${describeSide(got)}, and \`${op}\` on \`${name}\` needs ${describeSide(want)}`,
    hint: `compare with a fact that is ${describeSide(want)}, or with a literal value`,
  };
}

/** What the operand must hold: fixed by the operator, or the tested fact's own type for `equal`. */
function wantedSide(op: string, shape: ValueShape, tested: ResolvedPath): Side | undefined {
  if (shape === 'number') return { category: 'number' };
  if (shape === 'date') return { category: 'date' };
  if (shape === 'boolean') return { category: 'boolean' };
  if (shape !== 'scalar') return undefined;
  if (op === 'contains' || op === 'doesNotContain') {
    if (tested.category !== 'array') return undefined;
    const items = tested.schema?.items;
    return sideOf(items, categoryOf(items));
  }
  // An operator that does not fit the tested fact is reported already (op_type_mismatch).
  if (tested.category === 'array' || tested.category === 'object') return undefined;
  return sideOf(tested.schema, tested.category);
}

function sideOf(schema: FactSchema | undefined, category: FactCategory): Side {
  const values = schema ? enumValues(schema) : undefined;
  return values ? { category: 'enum', values } : { category };
}

function compatible(want: Side, got: Side): boolean {
  if (want.category === 'any' || got.category === 'any') return true;
  if (want.values && got.values) return want.values.some((v) => got.values?.includes(v));
  if (want.values) return want.values.some((v) => valueFits(v, got.category));
  if (got.values) return got.values.some((v) => valueFits(v, want.category));
  return want.category === got.category && want.category !== 'array' && want.category !== 'object';
}

function valueFits(value: unknown, category: FactCategory): boolean {
  switch (category) {
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return parseDateValue(value) !== undefined;
    default:
      return false;
  }
}

function describeSide(side: Side): string {
  if (side.values) return `a choice of ${quotedList(side.values)}`;
  return categoryText(side.category);
}

/** A category as a message says it: `a number`, `text`, `a date`, … */
export function categoryText(category: string): string {
  return (
    {
      number: 'a number',
      string: 'text',
      date: 'a date',
      boolean: 'a yes/no value',
      enum: 'a choice from a list (enum)',
      array: 'a list',
      object: 'an object',
      any: 'an untyped value',
    }[category] ?? category
  );
}
