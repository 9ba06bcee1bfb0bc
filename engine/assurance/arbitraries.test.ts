import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactSchema } from '../facts/types.ts';
import { fits, schemaArbitrary } from './arbitraries.ts';

/** Generated strings for a pattern, each checked the way validation checks it (RE2). */
function sampleFor(schema: FactSchema): string[] {
  return fc.sample(schemaArbitrary(schema, 'x') as fc.Arbitrary<string>, { numRuns: 100, seed: 5 });
}

describe('strings for a `pattern`', () => {
  it('fit the pattern as RE2 reads it where JavaScript reads it otherwise (`\\s`)', () => {
    const schema: FactSchema = { type: 'string', pattern: '^a\\sb$' };
    const values = sampleFor(schema);
    expect(values.every((v) => fits(schema, v))).toBe(true);
  });

  it('come from the examples and default when fast-check cannot read an RE2-only pattern', () => {
    const schema: FactSchema = {
      type: 'string',
      pattern: '(?i)^L[a-z0-9]{16}$',
      default: 'LSVAB12345678901X',
      examples: ['lsvab12345678901y'],
    };
    const values = sampleFor(schema);
    expect(new Set(values)).toEqual(new Set(['LSVAB12345678901X', 'lsvab12345678901y']));
  });

  it('never loop when nothing generated fits and nothing is written', () => {
    const schema: FactSchema = { type: 'string', pattern: '\\x{4E2D}{3}' };
    expect(sampleFor(schema)).toHaveLength(100);
  });
});
