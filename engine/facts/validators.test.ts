import { describe, expect, it } from 'vitest';
import { createAjv } from '../validate/ajv.ts';
import { ValidatorCache } from './validators.ts';

describe('ValidatorCache', () => {
  it('gives documents with the same schema one validator, and ajv keeps none of them', () => {
    const ajv = createAjv();
    const cache = new ValidatorCache(() => ajv);
    const a = cache.get({ type: 'object', properties: { n: { type: 'number' } } });
    const b = cache.get({ type: 'object', properties: { n: { type: 'number' } } });
    expect(b).toBe(a);
    expect(a({ n: 1 })).toBe(true);
    expect(a({ n: 'x' })).toBe(false);
    expect(Object.keys((ajv as unknown as { schemas: object }).schemas)).not.toContain(
      JSON.stringify({ type: 'object', properties: { n: { type: 'number' } } }),
    );
  });

  it('keeps schemas written in another order apart (key order decides the order of details)', () => {
    const cache = new ValidatorCache(() => createAjv());
    const a = cache.get({ properties: { a: { type: 'number' }, b: { type: 'number' } } });
    const b = cache.get({ properties: { b: { type: 'number' }, a: { type: 'number' } } });
    expect(b).not.toBe(a);
  });

  it('tells numbers JSON cannot hold apart from null', () => {
    const cache = new ValidatorCache(() => createAjv());
    const inf = cache.get({ type: 'number', default: Number.POSITIVE_INFINITY });
    const nul = cache.get({ type: 'number', default: null });
    expect(inf).not.toBe(nul);
  });

  it('is bounded: the least recently used validator goes first', () => {
    const cache = new ValidatorCache(() => createAjv(), 2);
    const one = cache.get({ type: 'number', minimum: 1 });
    cache.get({ type: 'number', minimum: 2 });
    expect(cache.get({ type: 'number', minimum: 1 })).toBe(one); // now the most recent
    cache.get({ type: 'number', minimum: 3 }); // evicts minimum: 2
    expect(cache.size).toBe(2);
    expect(cache.get({ type: 'number', minimum: 1 })).toBe(one);
  });
});
