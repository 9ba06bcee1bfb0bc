import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../validate/ajv.ts';
import { directCheck, emptyFits } from './direct-check.ts';
import type { FactSchema } from './types.ts';

const plain = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 1, 2.5, -3, 'a', 'b', '', Number.NaN),
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 2 }),
);
const value = fc.oneof(
  plain,
  fc.array(plain, { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 1 }), plain),
);
const schema = fc.record(
  {
    type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'object', 'array', 'null'),
    enum: fc.array(fc.oneof(plain, fc.constant([1])), { maxLength: 3 }),
    minimum: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant('1')),
    maximum: fc.integer({ min: -3, max: 3 }),
    description: fc.constant('d'),
    default: plain,
    pattern: fc.constant('^a'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<FactSchema>;

describe('directCheck', () => {
  const ajv = createAjv();

  it('holds only where ajv holds, and decides the common small schemas', () => {
    let decided = 0;
    fc.assert(
      fc.property(schema, value, (s, v) => {
        const direct = directCheck(s);
        if (!direct) return;
        decided++;
        let validate: ReturnType<typeof ajv.compile>;
        try {
          validate = ajv.compile(s);
        } catch {
          throw new Error(`directCheck took a schema ajv refuses: ${JSON.stringify(s)}`);
        }
        ajv.removeSchema(s);
        if (direct(v)) expect(validate(v), `${JSON.stringify(s)} ${String(v)}`).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(decided).toBeGreaterThan(30);
  });

  it('proves an empty value fits only where ajv agrees', () => {
    const empty = fc.constantFrom<unknown>([], {}, null, [1], { a: 1 });
    const keywords: Record<string, unknown> = {
      properties: { a: { type: 'string' } },
      required: ['a'],
      items: { type: 'number' },
      minItems: 1,
      maxItems: 0,
      minProperties: 1,
      format: 'date',
      minLength: 2,
      enum: ['x'],
      description: 'd',
    };
    const container = fc
      .tuple(
        fc.constantFrom<unknown>('object', 'array', 'null', 'string', ['string', 'null'], ['number', 'null']),
        fc.subarray(Object.keys(keywords), { maxLength: 3 }),
        fc.boolean(),
      )
      .map(([type, keys, emptyRequired]) => {
        const schema: Record<string, unknown> = { type };
        for (const k of keys) schema[k] = keywords[k];
        if (emptyRequired) schema.required = [];
        return schema as FactSchema;
      });
    let proved = 0;
    fc.assert(
      fc.property(container, empty, (s, v) => {
        if (!emptyFits(s, v)) return;
        proved++;
        const validate = ajv.compile(s);
        ajv.removeSchema(s);
        expect(validate(v), `${JSON.stringify(s)} ${JSON.stringify(v)}`).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(proved).toBeGreaterThan(20);
    expect(
      emptyFits({ type: 'object', default: {}, properties: { t: { enum: ['a'] } } } as FactSchema, {}),
    ).toBe(true);
    expect(emptyFits({ type: 'array', default: [], items: { type: 'object' } } as FactSchema, [])).toBe(true);
    expect(emptyFits({ type: ['string', 'null'], format: 'date-time' } as FactSchema, null)).toBe(true);
    expect(emptyFits({ type: 'object', required: ['a'] } as FactSchema, {})).toBe(false);
  });

  it('proves the usual defaults and outputs fit', () => {
    expect(directCheck({ type: 'number', minimum: 0, default: 0 } as FactSchema)?.(0)).toBe(true);
    expect(directCheck({ type: 'boolean' } as FactSchema)?.(false)).toBe(true);
    expect(directCheck({ enum: ['a', 'b'] } as FactSchema)?.('b')).toBe(true);
    expect(directCheck({ type: 'integer', maximum: 3 } as FactSchema)?.(4)).toBe(false);
    expect(directCheck({ type: 'string', pattern: '^a' } as FactSchema)).toBeUndefined();
  });
});
