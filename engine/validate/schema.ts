import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { DiagnosticCode } from '../codes.ts';
import { type Diagnostic, error } from '../diagnostics.ts';
import { positionOf, type SourceMap } from '../load/yaml.ts';
import { readSchemas } from '../schemas/index.ts';
import { didYouMean } from '../util/suggest.ts';
import { createAjv } from './ajv.ts';
import { addKindSchemas, loadPrecompiled } from './precompiled.ts';

const schemas = readSchemas();
// The build's standalone validators (precompiled.ts), when they were made from these schemas.
const precompiled = loadPrecompiled(schemas);
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * The ajv that compiles the schemas when there is no build of them. norma's own schema files are
 * checked against JSON Schema's meta-schema by a test (schema.test.ts), not at every start
 * (compiling the meta-schema costs ~80 ms of start-up); they are compiled quickly, as they are
 * compiled at every such start and run once per document loaded.
 */
function compilingAjv(): Ajv2020 {
  if (!ajv) {
    ajv = createAjv({ validateSchema: false, quickCompile: true });
    addKindSchemas(ajv, schemas);
  }
  return ajv;
}

/** The ajv validator of a schema file, by file name or kind (`ruleset` → `ruleset.schema.json`). */
function validatorFor(kind: string): ValidateFunction | undefined {
  let v = validators.get(kind);
  if (!v) {
    const name = kind.endsWith('.schema.json') ? kind : `${kind}.schema.json`;
    if (!schemas.has(name)) return undefined;
    v = precompiled?.get(name) ?? compilingAjv().getSchema(name);
    if (!v) return undefined;
    validators.set(kind, v);
  }
  return v;
}

/** True when a kind has a schema (and so is a known kind). */
export function isKnownKind(kind: unknown): kind is string {
  return typeof kind === 'string' && validatorFor(kind) !== undefined;
}

/** Validates a document against a schema (a kind, or its schema file); diagnostics carry YAML positions. */
export function validateSchema(kind: string, data: unknown, file: string, map: SourceMap): Diagnostic[] {
  const validate = validatorFor(kind);
  if (!validate) return [];
  if (validate(data)) return [];
  return mapAjvErrors(validate.errors ?? [], file, map);
}

/**
 * Turns ajv errors into located diagnostics, dropping the noise that anyOf branches produce.
 * Linear in the number of errors: a file with thousands of problems is indexed by path once
 * rather than each error compared with every other.
 */
// Hints that search (a "did you mean" over the allowed names) are worked out for the first
// problems only: a file shows its first 100 diagnostics (document.ts), and a hostile one with
// 40,000 unknown keys must not spend its time on hints nobody is shown.
const DETAILED_HINTS = 200;

export function mapAjvErrors(all: readonly ErrorObject[], file: string, map: SourceMap): Diagnostic[] {
  // A bad key name fails both `pattern` (inside propertyNames) and `propertyNames`: keep the latter.
  const errors = all.filter((e) => e.propertyName === undefined || e.keyword === 'propertyNames');
  const compoundsAt = new Map<string, ErrorObject[]>();
  const specificAt = new Map<string, ErrorObject[]>();
  const specificBelow = new Set<string>();
  for (const e of errors) {
    if (isCompound(e.keyword)) {
      pushAt(compoundsAt, e.instancePath, e);
    } else {
      pushAt(specificAt, e.instancePath, e);
      for (const parent of ancestorsOf(e.instancePath)) specificBelow.add(parent);
    }
  }
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (isCompound(e.keyword)) {
      // anyOf and its kin only matter when nothing more precise was said at or below that path.
      const covered =
        specificBelow.has(e.instancePath) ||
        (specificAt.get(e.instancePath) ?? []).some((s) => !isBranchNoise(s, e));
      if (covered) continue;
    } else if ((compoundsAt.get(e.instancePath) ?? []).some((c) => isBranchNoise(e, c))) {
      continue;
    }
    const d = toDiagnostic(e, file, map, out.length < DETAILED_HINTS);
    const key = `${d.path}|${d.code}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function pushAt(index: Map<string, ErrorObject[]>, path: string, e: ErrorObject): void {
  const list = index.get(path);
  if (list) list.push(e);
  else index.set(path, [e]);
}

/** The pointers strictly above a pointer: `/a/b/c` → `/a/b`, `/a`, ``. */
function* ancestorsOf(pointer: string): Generator<string> {
  for (let i = pointer.lastIndexOf('/'); i !== -1; i = pointer.lastIndexOf('/', i - 1)) {
    yield pointer.slice(0, i);
    if (i === 0) return;
  }
}

function isCompound(keyword: string): boolean {
  return keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'if' || keyword === 'not';
}

/** An error raised inside one branch of an anyOf at the same path: the anyOf says it better. */
function isBranchNoise(e: ErrorObject, compound: ErrorObject): boolean {
  return (
    (compound.keyword === 'anyOf' || compound.keyword === 'oneOf') &&
    e.instancePath === compound.instancePath &&
    e.schemaPath.startsWith(`${compound.schemaPath}/`)
  );
}

function toDiagnostic(e: ErrorObject, file: string, map: SourceMap, detailed = true): Diagnostic {
  const params = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return error('schema_required', `missing required field \`${field}\``, {
        file,
        ...positionOf(map, at),
        path: at,
      });
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = String(params.additionalProperty ?? params.unevaluatedProperty);
      const path = `${at}/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const known = detailed ? knownPropertiesOf(e.parentSchema) : undefined;
      const hint = known ? didYouMean(field, known) : undefined;
      return error('schema_unknown_field', `unknown field \`${field}\``, {
        file,
        ...positionOf(map, path, 'key'),
        path,
        hint: hint ?? (known ? `allowed here: ${[...known].join(', ')}` : 'remove it, or check its spelling'),
      });
    }
    case 'type':
      return error('schema_type', `\`${label(at)}\` must be ${params.type}, not ${typeName(e.data)}`, {
        file,
        ...positionOf(map, at),
        path: at,
      });
    case 'enum':
    case 'const': {
      const allowed = (
        e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]
      ).map(String);
      const hint = detailed && typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
      return error(
        'schema_enum',
        `\`${label(at)}\` must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, not ${valueName(e.data)}`,
        { file, ...positionOf(map, at), path: at, ...(hint ? { hint } : {}) },
      );
    }
    case 'propertyNames':
      return error('schema_name', `\`${String(params.propertyName)}\` is not a valid name here`, {
        file,
        ...positionOf(map, `${at}/${String(params.propertyName)}`, 'key'),
        path: at,
        hint:
          params.propertyName === '__proto__'
            ? '`__proto__` is reserved (JSON Schema validators skip it): choose another name'
            : 'names start with a letter and use letters, digits and `_`',
      });
    case 'anyOf':
    case 'oneOf':
      if (isTextSchema(e.parentSchema)) return textDiagnostic(e, file, map);
      return error('schema_shape', `\`${label(at)}\` does not have an allowed shape`, {
        file,
        ...positionOf(map, at),
        path: at,
      });
    default: {
      const code =
        (
          {
            pattern: 'schema_pattern',
            format: 'schema_format',
            minimum: 'schema_range',
            maximum: 'schema_range',
            exclusiveMinimum: 'schema_range',
            exclusiveMaximum: 'schema_range',
            minItems: 'schema_size',
            maxItems: 'schema_size',
            minLength: 'schema_size',
            maxLength: 'schema_size',
            minProperties: 'schema_size',
            maxProperties: 'schema_size',
          } as Record<string, DiagnosticCode | undefined>
        )[e.keyword] ?? 'schema_invalid';
      return error(code, `\`${label(at)}\` ${e.message ?? 'is invalid'}`, {
        file,
        ...positionOf(map, at),
        path: at,
      });
    }
  }
}

/** Whether a schema is the header's `text` or `title` (human text: a string or `{zh, en}`). */
function isTextSchema(schema: unknown): boolean {
  return (
    schema !== null &&
    typeof schema === 'object' &&
    (schema as { $comment?: unknown }).$comment === 'norma:text'
  );
}

/**
 * Human text that is neither a string nor a closed `{zh, en}`: says what was written instead. An
 * empty title is `schema_size` and a list or a number `schema_type`, as for any other field; a
 * mapping that is not `{zh, en}` is `text_invalid`.
 */
function textDiagnostic(e: ErrorObject, file: string, map: SourceMap): Diagnostic {
  const at = e.instancePath;
  const v = e.data;
  const where = { file, ...positionOf(map, at), path: at };
  if (v === '') return error('schema_size', `\`${label(at)}\` must not be empty`, where);
  const isMapping = v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMapping) {
    return error('schema_type', `\`${label(at)}\` must be text or \`{zh, en}\`, not ${typeName(v)}`, where);
  }
  const others = isMapping ? Object.keys(v).filter((k) => k !== 'zh' && k !== 'en') : [];
  const what =
    others.length > 0 ? `a mapping with ${others.map((k) => `\`${k}\``).join(', ')}` : 'an empty mapping';
  return error('text_invalid', `\`${label(at)}\` must be text or \`{zh, en}\`, not ${what}`, {
    file,
    ...positionOf(map, at),
    path: at,
    hint: 'write a plain string in the document’s `lang`, or `{zh: 中文, en: English}` with one or both',
  });
}

function label(pointer: string): string {
  return pointer === '' ? '(document)' : pointer.slice(1).replaceAll('/', '.');
}

/** A rejected value as a message names it: scalars in backticks, lists and mappings by their shape. */
function valueName(v: unknown): string {
  if (typeof v === 'string') return `\`${v}\``;
  // Not in backticks: `null` or `1` next to allowed texts `null` or `1` would contradict itself.
  return v === null ? 'an empty value' : typeName(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? `text \`${v}\`` : `${typeof v} \`${String(v)}\``;
}

const knownPropertiesCache = new WeakMap<object, Set<string>>();

/** The property names a schema allows (worked out once per schema: a file may ask thousands of times). */
function knownPropertiesOf(schema: unknown): Set<string> {
  if (!schema || typeof schema !== 'object') return new Set();
  let known = knownPropertiesCache.get(schema);
  if (!known) {
    known = knownProperties(schema);
    knownPropertiesCache.set(schema, known);
  }
  return known;
}

/** The property names a schema allows, following `$ref` and `allOf` into the registered files. */
function knownProperties(schema: unknown, depth = 0): Set<string> {
  const out = new Set<string>();
  if (!schema || typeof schema !== 'object' || depth > 4) return out;
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys((s.properties as object | undefined) ?? {})) out.add(k);
  const refs: unknown[] = [];
  if (typeof s.$ref === 'string') refs.push(s.$ref);
  for (const part of (s.allOf as unknown[] | undefined) ?? []) {
    for (const k of knownProperties(part, depth + 1)) out.add(k);
  }
  for (const ref of refs) {
    for (const k of knownProperties(resolveRef(ref as string), depth + 1)) out.add(k);
  }
  return out;
}

function resolveRef(ref: string): unknown {
  const [fileName, fragment = ''] = ref.split('#');
  const candidates = fileName ? [fileName] : [...schemas.keys()];
  for (const name of candidates) {
    let node: unknown = schemas.get(name);
    for (const part of fragment.split('/').filter(Boolean)) {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
    if (node) return node;
  }
  return undefined;
}
