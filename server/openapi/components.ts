import { kinds, readSchemas } from '../../engine/index.ts';
import { caseComponents } from './cases.ts';
import { diffComponents } from './diff.ts';
import { closed, errorResponseNames, type Json, jsonResponse, ref } from './helpers.ts';
import { recordComponents } from './records.ts';
import { requestComponents } from './requests.ts';
import { resultComponents } from './results.ts';

/** Component names of the engine's document schemas: `header.schema.json` → `schema.header`. */
export function schemaComponentName(file: string): string {
  return `schema.${file.replace(/\.schema\.json$/, '')}`;
}

/**
 * The engine's JSON Schemas as OpenAPI components. Each file's `$defs` become components of their
 * own (`header.schema.json#/$defs/clause` → `schema.header.clause`) and every `$ref` is rewritten
 * to point at a component, so no reference dives into another schema: every tool resolves them,
 * including those that inline references in place.
 */
export function engineSchemas(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [file, schema] of readSchemas()) {
    const name = schemaComponentName(file);
    const { $defs, $schema: _dialect, ...root } = rewriteRefs(schema, name) as Json;
    out[name] = root;
    for (const [def, sub] of Object.entries(($defs ?? {}) as Record<string, Json>))
      out[`${name}.${def}`] = sub;
  }
  return out;
}

function rewriteRefs(node: unknown, self: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, self));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? pointer(value, self) : rewriteRefs(value, self);
  }
  return out;
}

function pointer(target: string, self: string): string {
  const hash = target.indexOf('#');
  const file = hash < 0 ? target : target.slice(0, hash);
  const fragment = hash < 0 ? '' : target.slice(hash + 1);
  const component = file === '' ? self : schemaComponentName(file);
  const def = /^\/\$defs\/([^/]+)(.*)$/.exec(fragment);
  return def
    ? `#/components/schemas/${component}.${def[1]}${def[2]}`
    : `#/components/schemas/${component}${fragment}`;
}

/** The document schemas of the kinds the engine knows (the body of the version route). */
export function documentSchema(): Json {
  const files = readSchemas();
  const known = Object.keys(kinds).filter((k) => files.has(`${k}.schema.json`));
  return { oneOf: known.map((k) => ref(schemaComponentName(`${k}.schema.json`))) };
}

const diagnostic: Json = closed(
  {
    code: { type: 'string', description: 'stable snake_case code with a stage prefix' },
    message: { type: 'string', description: 'the detail, in English' },
    summary: {
      type: 'string',
      description:
        'the code’s one-line summary from the catalogue, in the language asked for (`?lang`, default zh)',
    },
    severity: { enum: ['error', 'warning'] },
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    col: { type: 'integer', minimum: 1 },
    path: { type: 'string', description: 'JSON pointer into the document or the input' },
    hint: { type: 'string' },
  },
  ['code', 'message', 'severity'],
  'a problem found in a document or an input',
);

const errorBody: Json = closed(
  {
    error: closed(
      {
        code: { type: 'string', examples: ['facts_invalid'] },
        message: { type: 'string' },
        details: { type: 'array', items: ref('Diagnostic') },
        requestId: { type: 'string', description: 'on 500 only: the id the server logged the error under' },
      },
      ['code', 'message'],
    ),
  },
  ['error'],
);

const versionSummary: Json = closed(
  {
    version: { type: 'string' },
    status: { enum: ['draft', 'approved', 'retired'] },
    effective: { type: 'string', format: 'date' },
    digest: { type: 'string' },
    change: { type: 'string' },
    approved: closed({ by: { type: 'string' }, at: { type: 'string', format: 'date' } }, ['by', 'at']),
    reviewed: closed(
      { by: { type: 'string' }, at: { type: 'string', format: 'date' } },
      ['by', 'at'],
      'the last periodic review of this version, when one is recorded (the header’s `reviewed`)',
    ),
    file: { type: 'string' },
    inForce: { type: 'boolean', description: 'whether this is the version in force at `at`' },
    lock: {
      type: 'array',
      items: { type: 'string' },
      description: 'lock problems of this version’s file (`lock_digest_mismatch`, …)',
    },
    withheld: closed(
      {
        code: { const: 'lock_standard_withheld' },
        reason: { type: 'string', examples: ['it was changed after approval'] },
      },
      ['code', 'reason'],
      'set when norma.lock withholds this version: it is listed, but nothing evaluates it (503 `lock_standard_withheld`)',
    ),
  },
  ['version', 'status', 'digest', 'file', 'inForce'],
);

const standardSummary: Json = closed(
  {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    versions: { type: 'array', items: { type: 'string' } },
    current: { type: ['string', 'null'], description: 'the version in force at `at` (today by default)' },
  },
  ['id', 'kind', 'title', 'versions', 'current'],
);

const servedVersion = closed(
  { id: { type: 'string' }, version: { type: 'string' }, digest: { type: 'string' } },
  ['id', 'version', 'digest'],
);

const readiness: Json = closed(
  {
    ready: { type: 'boolean' },
    loadedAt: { type: 'string', format: 'date-time' },
    reloads: { type: 'integer' },
    standards: { type: 'integer' },
    documents: { type: 'integer' },
    files: { type: 'integer' },
    failingFiles: {
      type: 'integer',
      description:
        'how many files do not load (do not compile, or a process whose links to other standards fail)',
    },
    problemCount: { type: 'integer', description: 'how many errors across versions' },
    reloadFailing: { type: 'boolean', description: 'whether the last reload of the directory failed' },
    failingNotShown: { type: 'integer', description: 'failing files beyond the first 20, not listed' },
    failing: {
      type: 'array',
      description:
        'the first 20 files that do not load (10 diagnostics each), and the last good version serving in their place',
      items: closed(
        {
          file: { type: 'string' },
          serving: { oneOf: [{ type: 'null' }, servedVersion] },
          diagnostics: { type: 'array', items: ref('Diagnostic') },
        },
        ['file', 'serving', 'diagnostics'],
      ),
    },
    problems: {
      type: 'array',
      items: ref('Diagnostic'),
      description: 'errors across versions (the first 50)',
    },
    lastReloadFailure: closed({ at: { type: 'string', format: 'date-time' }, message: { type: 'string' } }, [
      'at',
      'message',
    ]),
  },
  ['ready', 'standards', 'documents', 'failingFiles', 'problemCount'],
  'readiness and counts for anyone; `failing`, `problems` and `lastReloadFailure` only without NORMA_TOKENS or with a token',
);

/** Every component: the engine's schemas, the API's own, the error responses, bearer security. */
export function components(): Json {
  const responses: Json = {};
  for (const [status, name] of Object.entries(errorResponseNames)) {
    responses[name] = jsonResponse(`error (${status})`, ref('Error'));
  }
  return {
    schemas: {
      ...engineSchemas(),
      Document: documentSchema(),
      Diagnostic: diagnostic,
      Error: errorBody,
      StandardSummary: standardSummary,
      VersionSummary: versionSummary,
      Readiness: readiness,
      ...requestComponents(),
      ...resultComponents(),
      ...diffComponents(),
      ...recordComponents(),
      ...caseComponents(),
    },
    responses,
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          'a token of NORMA_TOKENS (scopes read, evaluate) or NORMA_TOKENS_FILE (named, with scopes); each operation lists the scope it needs',
      },
    },
  };
}
