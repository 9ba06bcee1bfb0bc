/**
 * Every response checked against the OpenAPI document: the operation must declare its status and
 * media type, and a JSON body must fit the declared schema (ajv, strict, formats checked). The
 * schemas are closed where the shape is known, so an undeclared field fails as well.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApi } from '../../server/openapi/index.ts';
import { routeModules } from '../../server/routes/index.ts';

type Json = Record<string, unknown>;

const API_ID = 'https://norma.invalid/openapi.json';
const spec = buildOpenApi(routeModules);
const components = spec.components as Json;

// Strict, but for two checks the engine's document schemas (served by GET …/versions/{v}) do not
// meet on purpose: `required` and `minItems` under `if`/`then`, for properties and types declared
// beside the condition (an approved version needs `effective`).
const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
addFormats.default(ajv);
// OpenAPI's own keywords: the document's `components`, and `discriminator` (an annotation; the
// `oneOf` members carry the `const` that decides).
ajv.addKeyword('components');
ajv.addKeyword('discriminator');
ajv.addSchema({ $id: API_ID, components });

/** Each described operation: its path as a pattern, its method and its responses. */
const operations = Object.entries(spec.paths as Record<string, Record<string, Json>>).flatMap(
  ([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      method: method.toUpperCase(),
      responses: op.responses as Record<string, Json>,
    })),
);

const compiled = new Map<string, ValidateFunction>();

/**
 * Throws unless the response is one the document describes for this request: a declared status,
 * a declared media type, and a JSON body that fits its schema. Reads a clone of the response.
 */
export async function checkResponse(method: string, url: string, res: Response): Promise<void> {
  const pathname = new URL(url, 'http://norma.test').pathname;
  const op = operations.find((o) => o.method === method && o.pattern.test(pathname));
  const where = `${method} ${pathname} → ${res.status}`;
  // Routes nobody described answer route_unknown, in the error shape of every other 404.
  const responses = op?.responses ?? { '404': { $ref: '#/components/responses/NotFound' } };
  const declared = responses[String(res.status)];
  if (declared === undefined) throw new Error(`${where}: status not declared in the OpenAPI document`);
  const response = resolve(declared);
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const content = response.content as Record<string, Json> | undefined;
  if (content === undefined) return;
  const media = content[type];
  if (media === undefined) {
    throw new Error(`${where}: content type \`${type}\` not declared (${Object.keys(content).join(', ')})`);
  }
  if (type !== 'application/json') return;
  const validate = validatorFor(`${op?.path ?? '*'} ${method} ${res.status}`, media.schema as Json);
  const body: unknown = await res.clone().json();
  if (!validate(body)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`${where}: the body does not fit the schema:\n  ${problems.join('\n  ')}`);
  }
}

function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(absolute(schema) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

function resolve(node: Json): Json {
  const target = node.$ref;
  if (typeof target !== 'string') return node;
  const [, kind, name] = target.split('/').slice(1);
  return ((components[kind as string] as Json)[name as string] ?? {}) as Json;
}

/** A schema whose `#/components/…` references point into the document added to ajv. */
function absolute(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absolute);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${API_ID}${v}` : absolute(v);
  }
  return out;
}
