import { kinds, readSchemas } from '../../engine/index.ts';
import { errorResponseNames, type Json, jsonResponse, ref } from './helpers.ts';

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

const diagnostic: Json = {
  type: 'object',
  description: 'a problem found in a document or an input',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'stable snake_case code with a stage prefix' },
    message: { type: 'string' },
    severity: { enum: ['error', 'warning'] },
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    col: { type: 'integer', minimum: 1 },
    path: { type: 'string', description: 'JSON pointer into the document or the input' },
    hint: { type: 'string' },
  },
};

const errorBody: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['facts_invalid'] },
        message: { type: 'string' },
        details: { type: 'array', items: ref('Diagnostic') },
        requestId: { type: 'string', description: 'on 500 only: the id the server logged the error under' },
      },
    },
  },
};

const clause = ref('schema.header.clause');

const envelope: Json = {
  type: 'object',
  description: 'the result of one evaluation, the same for every kind',
  required: ['standard', 'at', 'kind', 'result', 'matched'],
  properties: {
    standard: {
      type: 'object',
      required: ['id', 'version', 'digest'],
      properties: { id: { type: 'string' }, version: { type: 'string' }, digest: { type: 'string' } },
    },
    at: { type: 'string', format: 'date' },
    kind: { type: 'string' },
    result: { description: 'kind-specific, see docs/dsl.md' },
    matched: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule'],
        properties: {
          rule: { type: 'string' },
          clause,
          message: { type: 'string' },
          title: { type: 'string' },
        },
      },
    },
    explain: {
      type: 'array',
      description: 'present when `explain: true`: every element considered and why it applied or not',
      items: {
        type: 'object',
        required: ['type', 'id', 'applied', 'line', 'col'],
        properties: {
          type: { type: 'string' },
          id: { type: 'string' },
          applied: { type: 'boolean' },
          clause,
          line: { type: 'integer' },
          col: { type: 'integer' },
          reason: { type: 'string' },
          conditions: {
            type: 'object',
            description: 'per condition: fact value, operator, expected, outcome',
          },
        },
      },
    },
  },
};

const versionSummary: Json = {
  type: 'object',
  required: ['version', 'status', 'digest', 'file', 'inForce'],
  properties: {
    version: { type: 'string' },
    status: { enum: ['draft', 'approved', 'retired'] },
    effective: { type: 'string', format: 'date' },
    digest: { type: 'string' },
    change: { type: 'string' },
    approved: {
      type: 'object',
      properties: { by: { type: 'string' }, at: { type: 'string', format: 'date' } },
    },
    file: { type: 'string' },
    inForce: { type: 'boolean', description: 'whether this is the version in force at `at`' },
  },
};

const standardSummary: Json = {
  type: 'object',
  required: ['id', 'kind', 'title', 'versions', 'current'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    versions: { type: 'array', items: { type: 'string' } },
    current: { type: ['string', 'null'], description: 'the version in force at `at` (today by default)' },
  },
};

const facts: Json = {
  type: 'object',
  description:
    "the inputs the standard declares under `facts`; their JSON Schema is the document's `facts` (GET …/versions/{v})",
  additionalProperties: true,
};

const evaluateRequest: Json = {
  type: 'object',
  additionalProperties: false,
  properties: {
    facts,
    answers: { description: 'kind-specific answers (a checklist’s), passed to the engine as sent' },
    at: { type: 'string', format: 'date', description: 'the date that decides the version (default: today)' },
    version: { type: 'string', description: 'pin a version instead of the one in force' },
    explain: { type: 'boolean', description: 'add `explain` (runs json-rules-engine, the reference)' },
  },
};

const batchRequest: Json = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { facts, answers: {}, at: { type: 'string', format: 'date' } },
      },
    },
    version: { type: 'string' },
  },
};

const readiness: Json = {
  type: 'object',
  description:
    'readiness and counts for anyone; `failing`, `problems` and `lastReloadFailure` only without NORMA_TOKENS or with a token',
  required: ['ready', 'standards', 'documents', 'failingFiles', 'problemCount'],
  properties: {
    ready: { type: 'boolean' },
    loadedAt: { type: 'string', format: 'date-time' },
    reloads: { type: 'integer' },
    standards: { type: 'integer' },
    documents: { type: 'integer' },
    files: { type: 'integer' },
    failingFiles: { type: 'integer', description: 'how many files do not compile' },
    problemCount: { type: 'integer', description: 'how many errors across versions' },
    reloadFailing: { type: 'boolean', description: 'whether the last reload of the directory failed' },
    failingNotShown: { type: 'integer', description: 'failing files beyond the first 20, not listed' },
    failing: {
      type: 'array',
      description:
        'the first 20 files that do not compile (10 diagnostics each), and the last good version serving in their place',
      items: {
        type: 'object',
        required: ['file', 'serving', 'diagnostics'],
        properties: {
          file: { type: 'string' },
          serving: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  version: { type: 'string' },
                  digest: { type: 'string' },
                },
              },
            ],
          },
          diagnostics: { type: 'array', items: ref('Diagnostic') },
        },
      },
    },
    problems: {
      type: 'array',
      items: ref('Diagnostic'),
      description: 'errors across versions (the first 50)',
    },
    lastReloadFailure: {
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, message: { type: 'string' } },
    },
  },
};

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
      Envelope: envelope,
      StandardSummary: standardSummary,
      VersionSummary: versionSummary,
      EvaluateRequest: evaluateRequest,
      BatchRequest: batchRequest,
      Readiness: readiness,
    },
    responses,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token of NORMA_TOKENS' } },
  };
}
