import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { shiftDate } from '../conditions/dates.ts';
import type { FactSchema } from '../facts/types.ts';
import { createAjv } from '../validate/ajv.ts';

// Unbounded numbers stay in a range where business thresholds live, so boundaries are reachable.
const NUMBER_SPAN = 1_000_000;
const MAX_ITEMS = 4;
const DATE_FROM = '2018-01-01';
const DATE_DAYS = 365 * 12;

let ajv: ReturnType<typeof createAjv> | undefined;
const validators = new WeakMap<object, ValidateFunction | null>();

/** Whether a value fits a (sub-)schema; used to keep only the boundaries an input may take. */
export function fits(schema: FactSchema, value: unknown): boolean {
  const quick = quickFits(schema, value);
  if (quick !== undefined) return quick;
  let validate = validators.get(schema);
  if (validate === undefined) {
    try {
      ajv ??= createAjv();
      validate = ajv.compile(schema);
    } catch {
      validate = null;
    }
    validators.set(schema, validate);
  }
  return validate ? validate(value) === true : true;
}

const SIMPLE_KEYS = new Set([
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
  'description',
  'title',
]);

/**
 * The common leaf schemas (a type, an enum, a range) checked by hand: compiling each with ajv
 * would cost more than generating the inputs. Undefined for anything else (ajv decides).
 */
function quickFits(schema: FactSchema, value: unknown): boolean | undefined {
  if (!Object.keys(schema).every((k) => SIMPLE_KEYS.has(k))) return undefined;
  if (schema.const !== undefined && value !== schema.const) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((t) => typeFits(t, value))) return false;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  return true;
}

function typeFits(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * Inputs that satisfy the fact declarations (types, enums, ranges, formats, lengths, patterns,
 * nested objects and arrays), biased 3:1 towards the given boundary values. Facts with a default
 * are sometimes omitted.
 */
export function factsArbitrary(
  declared: Record<string, FactSchema>,
  boundaries: Map<string, unknown[]> = new Map(),
): fc.Arbitrary<Record<string, unknown>> {
  return objectArbitrary(
    declared,
    Object.keys(declared).filter((k) => declared[k]?.default === undefined),
    '',
    boundaries,
  );
}

/** The arbitrary for one schema at a boundary path. */
export function schemaArbitrary(
  schema: FactSchema,
  path: string,
  boundaries: Map<string, unknown[]> = new Map(),
): fc.Arbitrary<unknown> {
  const general = generalArbitrary(schema, path, boundaries);
  const edges = (boundaries.get(path) ?? []).filter((v) => fits(schema, v));
  if (edges.length === 0) return general;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edges) }, { weight: 1, arbitrary: general });
}

function generalArbitrary(
  schema: FactSchema,
  path: string,
  boundaries: Map<string, unknown[]>,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string',
  );
  const nonNull = types.filter((t) => t !== 'null');
  const main = typedArbitrary(schema, nonNull[0] ?? guessType(schema), path, boundaries);
  return types.includes('null') ? fc.oneof({ weight: 4, arbitrary: main }, fc.constant(null)) : main;
}

function guessType(schema: FactSchema): string {
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  if (schema.format === 'date' || schema.format === 'date-time') return 'string';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return 'any';
}

function typedArbitrary(
  schema: FactSchema,
  type: string,
  path: string,
  boundaries: Map<string, unknown[]>,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'string':
      return stringArbitrary(schema);
    case 'array':
      return fc.array(schemaArbitrary(schema.items ?? {}, `${path}[]`, boundaries), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case 'object':
      return objectArbitrary(schema.properties ?? {}, schema.required ?? [], `${path}.`, boundaries);
    default:
      return fc.oneof(fc.integer({ min: -100, max: 100 }), fc.string({ maxLength: 8 }), fc.boolean());
  }
}

function objectArbitrary(
  props: Record<string, FactSchema>,
  required: string[],
  prefix: string,
  boundaries: Map<string, unknown[]>,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of Object.entries(props)) {
    model[name] = schemaArbitrary(schema, `${prefix}${name}`, boundaries);
  }
  const requiredKeys = required.filter((k) => Object.hasOwn(model, k));
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

function bounds(schema: FactSchema): { min: number; max: number } {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  const min = low ?? (high !== undefined ? Math.min(0, high) - NUMBER_SPAN : -NUMBER_SPAN);
  const max = high ?? Math.max(min, 0) + NUMBER_SPAN;
  return { min, max };
}

function integerArbitrary(schema: FactSchema): fc.Arbitrary<number> {
  const { min, max } = bounds(schema);
  const lo = Math.ceil(schema.exclusiveMinimum !== undefined ? min + 1e-9 : min);
  const hi = Math.floor(schema.exclusiveMaximum !== undefined ? max - 1e-9 : max);
  const step = schema.multipleOf;
  if (step && Number.isInteger(step) && step > 0) {
    return fc.integer({ min: Math.ceil(lo / step), max: Math.floor(hi / step) }).map((k) => k * step);
  }
  return fc.integer({ min: lo, max: Math.max(lo, hi) });
}

function numberArbitrary(schema: FactSchema): fc.Arbitrary<number> {
  const { min, max } = bounds(schema);
  if (schema.multipleOf) {
    const step = schema.multipleOf;
    const kMin = Math.ceil(min / step);
    const kMax = Math.max(kMin, Math.floor(max / step));
    return fc
      .integer({ min: kMin, max: kMax })
      .map((k) => Math.round(k * step * 1e9) / 1e9)
      .filter((n) => fits(schema, n));
  }
  // Amounts people write: whole numbers and two decimals, never 1e-300.
  const whole = fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  const cents = fc
    .integer({ min: Math.ceil(min * 100), max: Math.max(Math.ceil(min * 100), Math.floor(max * 100)) })
    .map((c) => c / 100);
  const arb = fc.oneof(whole, cents);
  return schema.exclusiveMinimum !== undefined || schema.exclusiveMaximum !== undefined
    ? arb.filter((n) => fits(schema, n))
    : arb;
}

function stringArbitrary(schema: FactSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return dateArbitrary();
  if (schema.format === 'date-time') {
    return fc
      .tuple(dateArbitrary(), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([d, h, m]) => `${d}T${pad(h)}:${pad(m)}:00Z`);
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, schema.maxLength ?? Math.max(minLength, 12));
  if (typeof schema.pattern === 'string') return patternArbitrary(schema, minLength, maxLength);
  return fc.string({ minLength, maxLength });
}

/**
 * Strings for a `pattern`. fast-check generates from a JavaScript RegExp (it reads the pattern,
 * never runs it), and the document dialect is RE2, which differs in places (`\s` is ASCII in RE2;
 * `(?i)` and `\x{41}` are RE2 only), so a string is kept only when it fits as validation sees it.
 * A filter that rarely passes would loop for ever inside fast-check: a sample decides first.
 */
function patternArbitrary(schema: FactSchema, minLength: number, maxLength: number): fc.Arbitrary<string> {
  const generated = jsGenerator(schema) ?? fc.string({ minLength, maxLength });
  const sample = fc.sample(generated, { numRuns: PATTERN_SAMPLE, seed: 1 });
  const pool = [...new Set([...sample, ...writtenStrings(schema)])].filter((s) => fits(schema, s));
  const passing = sample.filter((s) => fits(schema, s)).length;
  if (passing >= PATTERN_SAMPLE * 0.9) return generated.filter((s) => fits(schema, s));
  // Few generated strings fit: the ones that did, and the document's own examples and default.
  return pool.length > 0 ? fc.constantFrom(...pool) : generated;
}

const PATTERN_SAMPLE = 50;

/** fast-check's generator for the pattern read as a JavaScript RegExp, if it can read it. */
function jsGenerator(schema: FactSchema): fc.Arbitrary<string> | undefined {
  try {
    const constraints = schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {};
    return fc.stringMatching(new RegExp(schema.pattern as string, 'u'), constraints);
  } catch {
    return undefined;
  }
}

/** The strings a declaration writes itself: its `default` and `examples`. */
function writtenStrings(schema: FactSchema): string[] {
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  return [schema.default, ...examples].filter((v): v is string => typeof v === 'string');
}

function dateArbitrary(): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: DATE_DAYS }).map((d) => shiftDate(DATE_FROM, { days: d }));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
