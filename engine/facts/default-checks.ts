/**
 * A fact's `default` must satisfy its own declaration: a default outside its enum, range, format
 * or pattern would make every request that omits the fact fail with `facts_invalid`, blaming the
 * caller for the document's mistake. Checked once at load, at the default's position.
 */
import type { ErrorObject } from 'ajv';
import { type ParseContext, report } from '../conditions/parse.ts';
import { escapePointer } from '../load/yaml.ts';
import { inlineValue } from '../util/text.ts';
import { createAjv } from '../validate/ajv.ts';
import { directCheck, emptyFits } from './direct-check.ts';
import { describeSchema } from './model.ts';
import type { FactSchema } from './types.ts';
import { ValidatorCache } from './validators.ts';

/**
 * One validator per distinct declaration (default included), shared by every document that
 * writes it alike: versions of a standard repeat their declarations, and compiling one costs
 * milliseconds. Bounded, so reloads free the old ones.
 */
const validators = new ValidatorCache(() => createAjv());

/** Reports every `default` in the declarations (nested ones included) that its schema refuses. */
export function checkFactDefaults(declared: Record<string, FactSchema>, ctx: ParseContext): void {
  for (const [name, schema] of Object.entries(declared))
    walk(schema, `/facts/${escapePointer(name)}`, name, ctx);
}

function walk(schema: FactSchema, pointer: string, name: string, ctx: ParseContext): void {
  if (schema === null || typeof schema !== 'object') return;
  if (schema.default !== undefined) checkOne(schema, pointer, name, ctx);
  for (const [key, inner] of Object.entries(schema.properties ?? {})) {
    walk(inner, `${pointer}/properties/${escapePointer(key)}`, `${name}.${key}`, ctx);
  }
  if (schema.items && typeof schema.items === 'object')
    walk(schema.items, `${pointer}/items`, `${name}[]`, ctx);
}

function checkOne(schema: FactSchema, pointer: string, name: string, ctx: ParseContext): void {
  const errors = errorsOf(schema, schema.default);
  const first = errors?.[0];
  if (!first) return;
  const where = first.instancePath ? ` at \`${first.instancePath}\`` : '';
  const expected = describeSchema(first.parentSchema as FactSchema | undefined);
  report(
    ctx,
    'fact_default_invalid',
    `the default \`${inlineValue(schema.default)}\` of \`${name}\` does not fit its own declaration${where}: ${first.message ?? 'is invalid'}`,
    `${pointer}/default`,
    {
      hint: `${expected ? `${expected}; ` : ''}every request that omits \`${name}\` would fail with facts_invalid`,
    },
  );
}

/** ajv's errors for a value against one declaration; undefined when it fits or cannot compile. */
function errorsOf(schema: FactSchema, value: unknown): readonly ErrorObject[] | undefined {
  // Nearly every default fits a small schema: proved directly, without compiling one.
  if (directCheck(schema)?.(value) || emptyFits(schema, value)) return undefined;
  try {
    const validate = validators.get(schema);
    return validate(value) ? undefined : (validate.errors ?? undefined);
  } catch {
    // A declaration ajv cannot compile is reported as facts_schema_invalid already.
    return undefined;
  }
}
