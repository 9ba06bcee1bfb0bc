import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajvDetailCode } from '../codes.ts';
import { isFullDate } from '../conditions/dates.ts';
import { type RegexProblem, regexProblem, shortened } from '../conditions/regex.ts';
import { type Diagnostic, error } from '../diagnostics.ts';
import { escapePointer } from '../load/yaml.ts';
import { DetailCollector } from '../util/details.ts';
import { createAjv } from '../validate/ajv.ts';
import { applyDefaults } from './defaults.ts';
import { directCheck, type Proof } from './direct-check.ts';
import { generatedCheck } from './generated-check.ts';
import { type InputCopy, readInput } from './input.ts';
import { type Scope, scopeOf } from './scope.ts';
import type { FactSchema } from './types.ts';
import { SchemaCache, ValidatorCache } from './validators.ts';

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
  /**
   * Whether an input fits (what `prepare` would say), without the details: decided without a
   * validator wherever the proof decides it either way (a document's tests of invalid inputs).
   */
  fits(input: unknown): boolean;
  /**
   * For a document loaded to be served: from its first request on, inputs are checked by
   * generated code (generated-check.ts) before ajv, as its conditions are. Never for validation
   * or editor drafts, whose documents are evaluated a few times at most.
   */
  useGeneratedCheck(): void;
}

// Two validators per document: a small one that stops at the first error, run on every input, and
// the one that collects every error with its schema (for `facts_invalid` details and hints), compiled
// and run only when an input is invalid. Both apply the same defaults to a valid input.
/** An ajv configured as the input validators are (exported for the tests that hold proofs to it). */
export function inputAjv(allErrors: boolean): ReturnType<typeof createAjv> {
  const ajv = createAjv({ useDefaults: true, allErrors });
  // Inputs are validated on every evaluation: `format: date` by the same rule as ajv-formats (and
  // the same `formatMinimum` comparison), without a regular expression.
  ajv.addFormat('date', {
    type: 'string',
    validate: isFullDate,
    compare: (a: string, b: string) => (!(a && b) ? undefined : a > b ? 1 : a < b ? -1 : 0) as number,
  });
  return ajv;
}
/** Inputs a document's proof decides before its validator is compiled: more than any document's tests. */
const PROOFS_BEFORE_VALIDATOR = 64;

const checkValidators = new ValidatorCache(() => inputAjv(false));
const explainValidators = new ValidatorCache(() => inputAjv(true));
const generatedChecks = new SchemaCache<Proof | undefined>(generatedCheck);

/** How many input validators are compiled and kept now (for the test of what loading costs). */
export function inputValidatorsCompiled(): number {
  return checkValidators.size + explainValidators.size;
}

/** Compiles fact declarations into a model; call once per document. */
export function compileFacts(declared: Record<string, FactSchema> = {}): FactModel {
  const required = Object.entries(declared)
    .filter(([, s]) => s.default === undefined)
    .map(([name]) => name);
  const inputSchema: FactSchema = { type: 'object', properties: declared, required };
  // Compiling a validator costs milliseconds and most documents of a large directory are not
  // evaluated soon after loading, so it is compiled on the first evaluation and kept. The one
  // declaration the schema check cannot catch and ajv refuses, a bad `pattern`, still fails here.
  let validate: ValidateFunction | undefined = hasBadPattern(declared)
    ? explainValidators.get(inputSchema)
    : undefined;
  let explainErrors: ValidateFunction | undefined;
  // An input proved to fit needs no validator (direct-check.ts), so loading (which runs each
  // document's tests) and documents evaluated rarely compile none. The proof walks the schema; the
  // validator is generated code and faster, so a document evaluated often, or given an input the
  // proof does not prove, compiles it, and it decides from then on.
  // Made when first needed (`fits`, or a request the generated check does not decide): a
  // document never evaluated and without tests of its own never builds one.
  let proof: Proof | undefined | null = null;
  const proofOf = (): Proof | undefined => {
    if (proof === null) proof = directCheck(inputSchema);
    return proof;
  };
  let proofsLeft = PROOFS_BEFORE_VALIDATOR;
  // Served documents: the proof as generated code, made on the first request (left undefined
  // when the schema is outside the proof's subset or code cannot be generated).
  let generated: Proof | undefined;
  let generatePending = false;
  // How much of an input is copied before validation writes defaults into it (never into the
  // caller's object): nothing when no default is missing, the top level for a missing top-level
  // default, everything when nested defaults exist. Declared names that are `Object.prototype`
  // members (`constructor`, `toString`) need a copy without prototypes (`bare`) at their level,
  // or validation would read the inherited member instead of the missing fact.
  const deepDefaults = Object.values(declared).some((s) => hasDefaults(s, true));
  const topDefaults = Object.keys(declared).filter((name) => declared[name]?.default !== undefined);
  const inheritedTop = Object.keys(declared).some(isInheritedName);
  const inheritedDeep = Object.values(declared).some((s) => hasInheritedNames(s));
  const bare = inheritedTop || inheritedDeep;
  const copyOf = (given: Record<string, unknown>): InputCopy =>
    deepDefaults || inheritedDeep
      ? 'deep'
      : inheritedTop || missingAny(given, topDefaults)
        ? 'shallow'
        : 'none';
  const withDefaults = (given: Record<string, unknown>, copy: InputCopy, problems: DetailCollector) => {
    const facts = readInput(given, '', copy, problems, bare) as Record<string, unknown>;
    if (copy !== 'none' && problems.count === 0) applyDefaults(facts, declared, copy === 'deep', bare);
    return facts;
  };
  // Where a value the proof does not prove is known not to fit (direct-check.ts: the proof
  // proves every value of its subset that fits, but for an own `__proto__`, -0 and numbers JSON
  // cannot carry), and nothing reads an inherited name differently.
  let refutable: boolean | undefined;
  const isRefutable = () => {
    refutable ??= proofOf() !== undefined && !bare && !mentionsProto(inputSchema);
    return refutable;
  };
  const fitsAfterReading = (facts: Record<string, unknown>): boolean => {
    if (validate === undefined && proofOf()?.(facts)) return true;
    if (validate === undefined && isRefutable() && isPlainJson(facts)) return false;
    validate ??= checkValidators.get(inputSchema);
    return validate(facts);
  };
  return {
    declared,
    scope: scopeOf(declared),
    inputSchema,
    fits(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
      const given = input as Record<string, unknown>;
      const problems = new DetailCollector();
      const facts = withDefaults(given, copyOf(given), problems);
      return problems.count === 0 && fitsAfterReading(facts);
    },
    prepare(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return {
          ok: false,
          details: [error('type', 'facts must be an object', { path: '', hint: 'send `{"facts": {…}}`' })],
        };
      }
      const given = input as Record<string, unknown>;
      const copy = copyOf(given);
      const problems = new DetailCollector();
      const facts = withDefaults(given, copy, problems);
      if (problems.count > 0) return { ok: false, details: problems.list() };
      if (generatePending) {
        generatePending = false;
        generated = generatedChecks.get(inputSchema);
      }
      if (generated) {
        // It decides as the proof does, so a value it does not prove goes straight to ajv.
        if (generated(facts)) return { ok: true, facts };
      } else if (validate === undefined && proofsLeft > 0 && proofOf()?.(facts)) {
        proofsLeft--;
        return { ok: true, facts };
      }
      validate ??= checkValidators.get(inputSchema);
      if (validate(facts)) return { ok: true, facts };
      explainErrors ??= explainValidators.get(inputSchema);
      // On a fresh copy: the first validator may have written defaults into `facts`.
      explainErrors(copy === 'none' ? facts : withDefaults(given, copy, new DetailCollector()));
      return { ok: false, details: inputErrors(explainErrors.errors ?? []) };
    },
    useGeneratedCheck() {
      if (generated === undefined) generatePending = true;
    },
  };
}

/** Whether a schema names `__proto__` anywhere (a key or a value). */
function mentionsProto(node: unknown): boolean {
  if (node === '__proto__') return true;
  if (node === null || typeof node !== 'object') return false;
  for (const key of Object.keys(node)) {
    if (key === '__proto__' || mentionsProto((node as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** Whether a value holds neither -0 nor an own `__proto__` key, at any depth (read: finite). */
function isPlainJson(value: unknown): boolean {
  if (typeof value === 'number') return !Object.is(value, -0);
  if (value === null || typeof value !== 'object') return true;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || !isPlainJson((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Whether some `pattern` in the declarations is one the document dialect refuses. */
function hasBadPattern(node: unknown): boolean {
  return badPatternAt(node, '') !== undefined;
}

/**
 * The first `pattern` under a node (fact declarations) that the document dialect refuses: its
 * JSON pointer (under `pointer`) and why; undefined when every pattern compiles.
 */
export function badPatternAt(
  node: unknown,
  pointer: string,
): { at: string; problem: RegexProblem } | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${escapePointer(key)}`;
    const problem = key === 'pattern' && typeof value === 'string' ? regexProblem(value) : undefined;
    if (problem) return { at, problem };
    const inner = badPatternAt(value, at);
    if (inner) return inner;
  }
  return undefined;
}

function missingAny(input: Record<string, unknown>, names: readonly string[]): boolean {
  for (const name of names) if (!Object.hasOwn(input, name)) return true;
  return false;
}

/** Whether a name is inherited by every plain object (`constructor`, `toString`, `__proto__`, …). */
function isInheritedName(name: string): boolean {
  return name in Object.prototype;
}

/** Whether a schema declares, at any depth below it, a property with an inherited name. */
function hasInheritedNames(schema: FactSchema): boolean {
  const props = schema.properties ?? {};
  if (Object.keys(props).some(isInheritedName)) return true;
  if (schema.items && hasInheritedNames(schema.items)) return true;
  return Object.values(props).some(hasInheritedNames);
}

function hasDefaults(schema: FactSchema, top: boolean): boolean {
  if (!top && schema.default !== undefined) return true;
  if (schema.items && hasDefaults(schema.items, false)) return true;
  return Object.values(schema.properties ?? {}).some((s) => hasDefaults(s, false));
}

/**
 * ajv errors on an input, as `facts_invalid` details: a code, a JSON path, a message and a hint;
 * the first `MAX_DETAILS`, then one `details_truncated` counting the rest.
 */
export function inputErrors(errors: readonly ErrorObject[]): Diagnostic[] {
  const out = new DetailCollector();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
    out.add(() => inputError(e));
  }
  return out.list();
}

function inputError(e: ErrorObject): Diagnostic {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') {
    const path = `${e.instancePath}/${String(params.missingProperty)}`;
    return error('required', `\`${path}\` is required`, {
      path,
      hint: describeSchema(childSchema(e, params)),
    });
  }
  const hint = describeSchema(e.parentSchema as FactSchema | undefined);
  return error(ajvDetailCode(e.keyword), `\`${e.instancePath || '/'}\` ${e.message ?? 'is invalid'}`, {
    path: e.instancePath,
    ...(hint ? { hint } : {}),
  });
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
  if (schema.pattern) parts.push(`matching \`${shortened(schema.pattern)}\``);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (parts.length === 0) return undefined;
  return `expected ${parts.join(', ')}${schema.description ? ` (${schema.description})` : ''}`;
}
