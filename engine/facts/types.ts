/** What a declared fact (or a part of one) holds, as far as operators care. */
export type FactCategory = 'number' | 'string' | 'date' | 'boolean' | 'enum' | 'array' | 'object' | 'any';

/** A JSON Schema of the subset that fact declarations use. */
export interface FactSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: FactSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, FactSchema>;
  required?: string[];
  additionalProperties?: boolean;
  description?: string;
  title?: string;
  [key: string]: unknown;
}

/** The category of a schema, for checking which operators fit it. */
export function categoryOf(schema: FactSchema | undefined): FactCategory {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return 'enum';
  if (schema.const !== undefined) return 'enum';
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string' && t !== 'null',
  );
  const t = types[0];
  if (types.length !== 1 || t === undefined) {
    if (schema.properties) return 'object';
    if (schema.items) return 'array';
    return 'any';
  }
  if (t === 'integer' || t === 'number') return 'number';
  if (t === 'string') return schema.format === 'date' || schema.format === 'date-time' ? 'date' : 'string';
  if (t === 'boolean' || t === 'array' || t === 'object') return t;
  return 'any';
}

/** The values an enum (or const) schema allows. */
export function enumValues(schema: FactSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  return undefined;
}
