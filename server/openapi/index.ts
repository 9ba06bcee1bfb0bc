import { components } from './components.ts';
import type { Json, PathItems } from './helpers.ts';
import { errors } from './helpers.ts';

/** The package version, shown as the API version. */
const API_VERSION = '0.1.0';

/**
 * The OpenAPI 3.1 description of the given route families. Every operation may answer 500; the
 * `/v1/` operations need a bearer token (401, 403) when the server has tokens.
 */
export function buildOpenApi(families: readonly { paths: PathItems }[], { auth }: { auth: boolean }): Json {
  const paths: PathItems = {};
  for (const family of families) {
    for (const [path, item] of Object.entries(family.paths)) {
      const operations: Record<string, Json> = {};
      for (const [method, op] of Object.entries(item)) {
        const guarded = auth && path.startsWith('/v1/');
        operations[method] = {
          ...op,
          responses: { ...(op.responses as Json), ...errors(...(guarded ? [401, 403, 500] : [500])) },
          ...(guarded ? { security: [{ bearer: [] }] } : {}),
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
      { name: 'health' },
      { name: 'standards' },
      { name: 'evaluate' },
      { name: 'validate' },
      { name: 'versions' },
      { name: 'meta' },
    ],
    paths,
    components: components(),
  };
}
