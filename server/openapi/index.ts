import { scopeOf } from '../auth.ts';
import { components } from './components.ts';
import type { Json, PathItems } from './helpers.ts';
import { errors } from './helpers.ts';

/** The package version, shown as the API version. */
const API_VERSION = '0.1.0';

/**
 * Who may call each path, whatever the server's settings, so the description never changes with
 * them: `/v1/` needs a bearer token holding the operation's scope (when the server has tokens:
 * without any it is open, but for purge, and says so at start), health and this description are open, and readiness is open with its
 * details for a token holder.
 */
export function securityOf(path: string, method = 'get', operation: Json = {}): Json[] {
  if (path.startsWith('/v1/')) return [{ bearer: [scopeOf(method, operation)] }];
  if (path === '/readyz') return [{}, { bearer: [] }];
  return [];
}

/**
 * The OpenAPI 3.1 description of the given route families. Every operation may answer 400 (an
 * unknown query parameter is `query_invalid` on every route) and 500; `/v1/` ones 401 and 403.
 */
export function buildOpenApi(families: readonly { paths: PathItems }[]): Json {
  const paths: PathItems = {};
  for (const family of families) {
    for (const [path, item] of Object.entries(family.paths)) {
      const operations: Record<string, Json> = {};
      const guarded = path.startsWith('/v1/');
      for (const [method, { 'x-scope': _scope, ...op }] of Object.entries(item)) {
        operations[method] = {
          ...op,
          security: securityOf(path, method, { 'x-scope': _scope }),
          responses: {
            ...(op.responses as Json),
            ...errors(...(guarded ? [400, 401, 403, 500] : [400, 500])),
          },
        };
      }
      paths[path] = { ...paths[path], ...operations };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'norma',
      version: API_VERSION,
      description:
        'Standards for automotive after-sales service as versioned YAML documents: list them, evaluate ' +
        'them with an explanation, validate new ones. Errors are `{error: {code, message, details}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    tags: [
      { name: 'health', description: 'liveness and readiness, for probes' },
      { name: 'standards', description: 'the standards served, their versions and documents' },
      { name: 'evaluate', description: 'results on facts and answers, one or a batch' },
      { name: 'validate', description: 'checking a document before it is saved' },
      { name: 'versions', description: 'for auditors: diffs of two versions, printable reports' },
      { name: 'records', description: 'decision records: find, replay, export, verify, legal holds, purge' },
      { name: 'cases', description: 'work orders walked through a process: steps, events, the case file' },
      { name: 'meta', description: 'this description' },
    ],
    paths,
    components: components(),
  };
}
