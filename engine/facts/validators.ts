import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FactSchema } from './types.ts';

/**
 * Compiled input validators shared by schema. Documents of one standard mostly declare the same
 * inputs version after version, and compiling a validator costs milliseconds and tens of KB, so
 * one validator serves every document with the same schema.
 *
 * The key is the schema's JSON text in written order, not sorted: key order decides the order of
 * error details and of defaults written into the input, so only schemas written alike share.
 * Numbers JSON cannot hold (YAML's `.nan`, `.inf`) get tokens of their own.
 *
 * Bounded (least recently used first out): a document keeps the validator it was given, so an
 * evicted one lives exactly as long as documents still use it, and reloads free the old ones.
 */
export class ValidatorCache {
  private readonly entries = new Map<string, ValidateFunction>();

  private ajv: Ajv2020 | undefined;

  /** `createAjv` is called on the first compile: a cache that compiles nothing loads no ajv. */
  constructor(
    private readonly createAjv: () => Ajv2020,
    private readonly limit = 256,
  ) {}

  /** The validator of a schema, compiled now or shared with an earlier document. */
  get(schema: FactSchema): ValidateFunction {
    const key = schemaKey(schema);
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.ajv ??= this.createAjv();
    const validate = this.ajv.compile(schema);
    // ajv's own cache holds every schema object it compiled; this cache replaces it.
    this.ajv.removeSchema(schema);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, validate);
    return validate;
  }

  get size(): number {
    return this.entries.size;
  }
}

function schemaKey(schema: FactSchema): string {
  return JSON.stringify(schema, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}` : v,
  );
}
