import type { FactSchema } from './types.ts';

/** What a masked value reads as. */
export const MASKED = '[personal]';

/**
 * `facts` with every value a declaration marks `personal: true` replaced by `[personal]`, at any
 * depth (object properties, list items). Used where a record is shown to someone who may not see
 * personal data (个人信息保护法): the decision stays readable, the customer's name and phone do not.
 * Values not declared are kept: a document declares every fact it reads.
 */
export function maskPersonal(facts: unknown, declared: Record<string, FactSchema>): unknown {
  return maskObject(facts, declared);
}

/** Whether any declaration, at any depth, is personal: most documents have none, and need no copy. */
export function hasPersonal(declared: Record<string, FactSchema>): boolean {
  return Object.values(declared).some(personalInside);
}

function personalInside(schema: FactSchema): boolean {
  if (schema.personal === true) return true;
  if (schema.items && personalInside(schema.items)) return true;
  return Object.values(schema.properties ?? {}).some(personalInside);
}

function maskObject(value: unknown, properties: Record<string, FactSchema>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const schema = Object.hasOwn(properties, key) ? properties[key] : undefined;
    out[key] = schema ? maskValue(v, schema) : v;
  }
  return out;
}

function maskValue(value: unknown, schema: FactSchema): unknown {
  if (schema.personal === true) return value === undefined || value === null ? value : MASKED;
  if (Array.isArray(value))
    return schema.items ? value.map((v) => maskValue(v, schema.items as FactSchema)) : value;
  if (schema.properties) return maskObject(value, schema.properties);
  return value;
}
