import type { ErrorObject, ValidateFunction } from 'ajv';
import { type Diagnostic, error } from '../diagnostics.ts';
import { createAjv } from '../validate/ajv.ts';
import { type Scope, scopeOf } from './scope.ts';
import type { FactSchema } from './types.ts';

/** A document's declared inputs, compiled once: validation with defaults, and the condition scope. */
export interface FactModel {
  declared: Record<string, FactSchema>;
  scope: Scope;
  /** The JSON Schema of a whole input object, as used by the validator (and by OpenAPI). */
  inputSchema: FactSchema;
  /** Checks an input and returns it with defaults applied, or the problems with JSON paths. */
  prepare(
    input: unknown,
  ): { ok: true; facts: Record<string, unknown> } | { ok: false; details: Diagnostic[] };
}

const inputAjv = createAjv({ useDefaults: true });

/** Compiles fact declarations into a model; call once per document. */
export function compileFacts(declared: Record<string, FactSchema> = {}): FactModel {
  const required = Object.entries(declared)
    .filter(([, s]) => s.default === undefined)
    .map(([name]) => name);
  const inputSchema: FactSchema = { type: 'object', properties: declared, required };
  const validate: ValidateFunction = inputAjv.compile(inputSchema);
  const deepDefaults = Object.values(declared).some((s) => hasDefaults(s, true));
  return {
    declared,
    scope: scopeOf(declared),
    inputSchema,
    prepare(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return {
          ok: false,
          details: [error('type', 'facts must be an object', { path: '', hint: 'send `{"facts": {…}}`' })],
        };
      }
      // Defaults are written into the copy, never into the caller's object.
      const facts = deepDefaults ? structuredClone(input) : { ...(input as Record<string, unknown>) };
      if (validate(facts)) return { ok: true, facts: facts as Record<string, unknown> };
      return { ok: false, details: inputErrors(validate.errors ?? []) };
    },
  };
}

function hasDefaults(schema: FactSchema, top: boolean): boolean {
  if (!top && schema.default !== undefined) return true;
  if (schema.items && hasDefaults(schema.items, false)) return true;
  return Object.values(schema.properties ?? {}).some((s) => hasDefaults(s, false));
}

/** ajv errors on an input, as `facts_invalid` details: a code, a JSON path, a message and a hint. */
export function inputErrors(errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') {
      const path = `${e.instancePath}/${String(params.missingProperty)}`;
      out.push(
        error('required', `\`${path}\` is required`, { path, hint: describeSchema(childSchema(e, params)) }),
      );
      continue;
    }
    if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
    const hint = describeSchema(e.parentSchema as FactSchema | undefined);
    out.push(
      error(e.keyword, `\`${e.instancePath || '/'}\` ${e.message ?? 'is invalid'}`, {
        path: e.instancePath,
        ...(hint ? { hint } : {}),
      }),
    );
  }
  return out;
}

function childSchema(e: ErrorObject, params: Record<string, unknown>): FactSchema | undefined {
  const parent = e.parentSchema as FactSchema | undefined;
  return parent?.properties?.[String(params.missingProperty)];
}

/** A short description of what a schema expects, for hints. */
export function describeSchema(schema: FactSchema | undefined): string | undefined {
  if (!schema) return undefined;
  const parts: string[] = [];
  if (schema.enum) parts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  else if (schema.type) parts.push(`${Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type}`);
  if (schema.format) parts.push(`format ${schema.format}`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (parts.length === 0) return undefined;
  return `expected ${parts.join(', ')}${schema.description ? ` (${schema.description})` : ''}`;
}
