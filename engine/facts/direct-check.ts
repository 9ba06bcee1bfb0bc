import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isFullDate } from '../conditions/dates.ts';
import { regexOf, regexProblem } from '../conditions/regex.ts';
import type { FactSchema } from './types.ts';

/** A test that holds only where ajv's holds; false means only "not proved". */
export type Proof = (value: unknown) => boolean;

/** Keywords that never change whether a value fits (ajv, with `strict: false`, ignores the rest). */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
  // norma's own declarations: read by the engine, not by the validator.
  'unit',
  'scale',
  'personal',
]);
const KEYWORDS = new Set([
  'type',
  'enum',
  'minimum',
  'maximum',
  'format',
  'pattern',
  'properties',
  'required',
  'items',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

// The formats as the input validators check them (engine/facts/model.ts): `date` by isFullDate,
// `date-time` by ajv-formats' own function. Any other format is not proved.
const dateTime = (fullFormats['date-time'] as { validate: (v: string) => boolean }).validate;
export const FORMATS: Readonly<Record<string, (v: string) => boolean>> = {
  date: isFullDate,
  'date-time': dateTime,
};

/**
 * A proof that a value fits a fact schema, for the subset fact declarations use: `type` (one or a
 * list), `enum` of plain values, `minimum`/`maximum`, `format` date and date-time, `pattern`,
 * `properties`, `required` and `items`, at any depth. Undefined for a schema outside that subset. It holds only
 * where ajv holds (own properties, no coercion; for inputs, once applyDefaults has written the
 * defaults ajv would write), so a value it proves needs no validator: checking fact defaults and
 * output values at load, and the inputs of a document's tests, compiles none for values that fit,
 * and a document whose inputs fit never compiles one. A value it refuses is not known to be wrong:
 * the caller asks ajv, compiled only then, which decides and explains. `direct-check.test.ts` and
 * `model.test.ts` hold it to ajv.
 */
export function directCheck(schema: FactSchema, depth = 0): Proof | undefined {
  if (depth > 32 || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  for (const key of Object.keys(schema)) if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) return undefined;
  const tests: Proof[] = [];
  const type = typeTest(schema.type);
  if (type === undefined) return undefined;
  if (type) tests.push(type);
  if (schema.enum !== undefined) {
    const allowed = schema.enum;
    if (!Array.isArray(allowed) || allowed.length === 0 || !allowed.every(isPlain)) return undefined;
    tests.push((v) => isPlain(v) && allowed.indexOf(v) !== -1);
  }
  const bounds = boundsTest(schema.minimum, schema.maximum);
  if (bounds === undefined) return undefined;
  if (bounds) tests.push(bounds);
  if (schema.format !== undefined) {
    const fits = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
    if (!fits) return undefined;
    tests.push((v) => typeof v !== 'string' || fits(v));
  }
  if (schema.pattern !== undefined) {
    // The expression ajv runs (its `code.regExp` is linearRegExp, which hands out regexOf's).
    if (typeof schema.pattern !== 'string' || regexProblem(schema.pattern) !== undefined) return undefined;
    const re = regexOf(schema.pattern);
    tests.push((v) => typeof v !== 'string' || re.test(v));
  }
  const object = objectTest(schema, depth);
  if (object === undefined) return undefined;
  if (object) tests.push(object);
  if (schema.items !== undefined) {
    const item = directCheck(schema.items, depth + 1);
    if (!item) return undefined;
    tests.push((v) => !Array.isArray(v) || v.every((el) => item(el)));
  }
  return all(tests);
}

/** The `type` test; null when there is none, undefined when a type is not one of JSON's. */
function typeTest(type: unknown): Proof | null | undefined {
  if (type === undefined) return null;
  const names = typeof type === 'string' ? [type] : type;
  if (!Array.isArray(names) || names.length === 0 || !names.every((t) => TYPES.has(t))) return undefined;
  const tests = names.map(isOfType);
  return tests.length === 1 ? (tests[0] as Proof) : (v) => tests.some((t) => t(v));
}

/** ajv's own type checks: a number is finite, an integer has no fraction, an object no array. */
function isOfType(name: string): Proof {
  switch (name) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return (v) => Number.isInteger(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'array':
      return Array.isArray;
    default:
      return isObject;
  }
}

/** `minimum`/`maximum` apply to numbers only; a bound that is no finite number is not proved. */
function boundsTest(minimum: unknown, maximum: unknown): Proof | null | undefined {
  if (minimum === undefined && maximum === undefined) return null;
  if (!isBound(minimum) || !isBound(maximum)) return undefined;
  const min = minimum as number | undefined;
  const max = maximum as number | undefined;
  return (v) => {
    if (typeof v !== 'number') return true;
    if (!Number.isFinite(v)) return false;
    return (min === undefined || v >= min) && (max === undefined || v <= max);
  };
}

/** `properties` and `required` (own properties, as the validators read them) on objects only. */
function objectTest(schema: FactSchema, depth: number): Proof | null | undefined {
  const { properties, required } = schema;
  if (properties === undefined && required === undefined) return null;
  if (properties !== undefined && !isObject(properties)) return undefined;
  if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === 'string'))) {
    return undefined;
  }
  const names = Object.keys(properties ?? {});
  const proofs: Proof[] = [];
  for (const name of names) {
    const proof = directCheck((properties as Record<string, FactSchema>)[name] as FactSchema, depth + 1);
    if (!proof) return undefined;
    proofs.push(proof);
  }
  const needed = required ?? [];
  return (v) => {
    if (!isObject(v)) return true;
    const o = v as Record<string, unknown>;
    for (const name of needed) if (!has(o, name)) return false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (has(o, name) && !(proofs[i] as Proof)(o[name])) return false;
    }
    return true;
  };
}

/** Present as ajv's `ownProperties` reads it: an own property whose value is not undefined. */
function has(o: Record<string, unknown>, name: string): boolean {
  return o[name] !== undefined && Object.hasOwn(o, name);
}

function all(tests: Proof[]): Proof {
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0] as Proof;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
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
