import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FactSchema } from './types.ts';

/**
 * What is made from a schema (a compiled validator, a generated check), shared by schema.
 * Documents of one standard mostly declare the same inputs version after version, and compiling
 * costs milliseconds and tens of KB, so one result serves every document with the same schema.
 *
 * The key is the schema's JSON text in written order, not sorted: key order decides the order of
 * error details and of defaults written into the input, so only schemas written alike share.
 * Numbers JSON cannot hold (YAML's `.nan`, `.inf`) get tokens of their own.
 *
 * Bounded (least recently used first out): a document keeps what it was given, so an evicted
 * entry lives exactly as long as documents still use it, and reloads free the old ones.
 */
export class SchemaCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly make: (schema: FactSchema) => T,
    private readonly limit = 256,
  ) {}

  /** What the schema makes, made now or shared with an earlier document. */
  get(schema: FactSchema): T {
    const key = schemaKey(schema);
    if (this.entries.has(key)) {
      const found = this.entries.get(key) as T;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const made = this.make(schema);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, made);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Compiled ajv validators shared by schema. */
export class ValidatorCache extends SchemaCache<ValidateFunction> {
  /** `createAjv` is called on the first compile: a cache that compiles nothing loads no ajv. */
  constructor(createAjv: () => Ajv2020, limit = 256) {
    let ajv: Ajv2020 | undefined;
    super((schema) => {
      ajv ??= createAjv();
      const validate = ajv.compile(schema);
      // ajv's own cache holds every schema object it compiled; this cache replaces it.
      ajv.removeSchema(schema);
      return validate;
    }, limit);
  }
}

function schemaKey(schema: FactSchema): string {
  return JSON.stringify(schema, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}` : v,
  );
}
