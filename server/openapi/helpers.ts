/** An OpenAPI object: plain JSON, built by hand and checked by a real validator in the tests. */
export type Json = Record<string, unknown>;

/** Path items keyed by OpenAPI path, each with operations keyed by method. */
export type PathItems = Record<string, Record<string, Json>>;

/** A reference to a component schema. */
export function ref(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}

/** A JSON response with a schema. */
export function jsonResponse(description: string, schema: Json): Json {
  return { description, content: { 'application/json': { schema } } };
}

/** The name of the shared error response of each status (components/responses). */
export const errorResponseNames: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'TooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  500: 'InternalError',
  501: 'NotImplemented',
  503: 'Unavailable',
};

/** References to the shared error responses of the given statuses. */
export function errors(...statuses: number[]): Json {
  const out: Json = {};
  for (const s of statuses) out[String(s)] = { $ref: `#/components/responses/${errorResponseNames[s]}` };
  return out;
}

/** A path parameter. */
export function pathParam(name: string, description: string, example: string): Json {
  return { name, in: 'path', required: true, description, schema: { type: 'string' }, example };
}

/** A query parameter. */
export function queryParam(name: string, description: string, schema: Json, required = false): Json {
  return { name, in: 'query', required, description, schema };
}

export const idParam = pathParam('id', 'the id of the standard', 'approval.work-order');
export const versionParam = pathParam('v', 'a version of the standard', '1.1.0');
export const langParam = queryParam(
  'lang',
  'the language of labels and summaries: zh (the default) or en; a JSON answer never reads Accept-Language, so it is the same for the same request',
  { enum: ['zh', 'en'], default: 'zh' },
);
export const atParam = queryParam('at', 'the date that decides which version is in force (default: today)', {
  type: 'string',
  format: 'date',
});

/** A closed object schema: exactly these properties, the listed ones required. */
export function closed(properties: Json, required: readonly string[] = [], description?: string): Json {
  return {
    type: 'object',
    ...(description !== undefined ? { description } : {}),
    required: [...required],
    additionalProperties: false,
    properties,
  };
}

/** A list of a schema. */
export function listOf(items: Json, description?: string): Json {
  return { type: 'array', ...(description !== undefined ? { description } : {}), items };
}

/** A `oneOf` of components told apart by the value of `property` (`kind`, `type`, `op`). */
export function taggedUnion(property: string, members: Record<string, string>): Json {
  const mapping: Record<string, string> = {};
  for (const [value, name] of Object.entries(members)) mapping[value] = `#/components/schemas/${name}`;
  return {
    oneOf: Object.values(members).map(ref),
    discriminator: { propertyName: property, mapping },
  };
}
