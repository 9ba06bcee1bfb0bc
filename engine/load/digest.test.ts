import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './digest.ts';

/** The canonical text of a flat mapping written out directly, without the table of key texts. */
function flatText(record: Record<string, unknown>): string {
  const pairs = Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${pairs.join(',')}}`;
}

describe('canonical text of a mapping', () => {
  it('writes every key as JSON text: short, long, quoted, wide and control characters', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', minLength: 60, maxLength: 80 }),
      fc.constantFrom('"', '\\', '\n', '\u2028', '工单', '\ud800', '__proto__x'),
    );
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.integer(), fc.string()), { maxKeys: 8 }), (record) => {
        expect(canonicalJson(record)).toBe(flatText(record));
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });

  it('stays right past the size of the table of key texts (it is emptied, not grown)', () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 12_000; i += 500) {
        const record: Record<string, unknown> = {};
        for (let j = i; j < i + 500; j++) record[`k${round}-${j}`] = j;
        expect(canonicalJson(record)).toBe(flatText(record));
      }
    }
  });
});
