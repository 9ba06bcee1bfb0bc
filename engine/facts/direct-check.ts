import type { FactSchema } from './types.ts';

/** Keywords that never change whether a value fits. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples']);

/**
 * A test that holds only where ajv's holds, for the commonest small schemas: one `type` of string,
 * number, integer or boolean and/or one `enum` of plain values, with `minimum`/`maximum` on
 * numbers. Undefined for any other schema. A value it refuses is not known to be wrong: the caller
 * asks ajv, which compiles the schema only then. So checking values at load that nearly always fit
 * (output values, fact defaults) compiles no validator for them.
 */
export function directCheck(schema: FactSchema): ((value: unknown) => boolean) | undefined {
  const s = schema as Record<string, unknown>;
  let tests = 0;
  for (const key of Object.keys(s)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key !== 'type' && key !== 'enum' && key !== 'minimum' && key !== 'maximum') return undefined;
    tests++;
  }
  if (tests === 0) return undefined;
  const { type, enum: allowed, minimum, maximum } = s;
  if (
    type !== undefined &&
    type !== 'string' &&
    type !== 'number' &&
    type !== 'integer' &&
    type !== 'boolean'
  )
    return undefined;
  if (allowed !== undefined && !(Array.isArray(allowed) && allowed.length > 0 && allowed.every(isPlain)))
    return undefined;
  if (!isBound(minimum) || !isBound(maximum)) return undefined;
  const numeric = minimum !== undefined || maximum !== undefined;
  return (value) => {
    if (!isPlain(value)) return false;
    if (type === 'string' && typeof value !== 'string') return false;
    if (type === 'boolean' && typeof value !== 'boolean') return false;
    if (type === 'number' && !(typeof value === 'number' && Number.isFinite(value))) return false;
    if (type === 'integer' && !Number.isInteger(value)) return false;
    // ajv compares plain enum values with ===, as indexOf does (NaN fits nothing).
    if (allowed !== undefined && (allowed as unknown[]).indexOf(value) === -1) return false;
    if (numeric) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (minimum !== undefined && !(value >= (minimum as number))) return false;
      if (maximum !== undefined && !(value <= (maximum as number))) return false;
    }
    return true;
  };
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isBound(v: unknown): boolean {
  return v === undefined || (typeof v === 'number' && Number.isFinite(v));
}

const EMPTY_OBJECT = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'maxProperties',
  'required',
]);
const EMPTY_LIST = new Set([...ANNOTATIONS, 'type', 'items', 'uniqueItems', 'maxItems']);
const NULL = new Set([
  ...ANNOTATIONS,
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
]);

/**
 * Whether an empty value is proved to fit, as the usual defaults of lists and objects are: `[]`
 * against a list type (its items, uniqueness and maximum cannot refuse it), `{}` against an
 * object type with no required properties, and `null` against a type list naming `null` (formats,
 * patterns, lengths and bounds apply to other types only). False means only "not proved".
 */
export function emptyFits(schema: FactSchema, value: unknown): boolean {
  const s = schema as Record<string, unknown>;
  const only = (allowed: ReadonlySet<string>) => Object.keys(s).every((k) => allowed.has(k));
  if (value === null) {
    const type = s.type;
    const named = type === 'null' || (Array.isArray(type) && type.includes('null'));
    return named && only(NULL);
  }
  if (Array.isArray(value)) return value.length === 0 && s.type === 'array' && only(EMPTY_LIST);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.keys(value as object).length !== 0 || s.type !== 'object' || !only(EMPTY_OBJECT)) return false;
  return s.required === undefined || (Array.isArray(s.required) && s.required.length === 0);
}
