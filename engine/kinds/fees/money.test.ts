import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatMoney, minorNumber } from './money.ts';

describe('allocate', () => {
  it('splits in proportion when the shares are whole', () => {
    expect(allocate(100n, [1n, 3n, 0n])).toEqual([25n, 75n, 0n]);
  });

  it('gives the left-over unit to the largest remainder', () => {
    expect(allocate(10n, [1n, 2n])).toEqual([3n, 7n]);
  });

  it('breaks equal remainders in favour of the earlier weight', () => {
    expect(allocate(1n, [1n, 1n, 1n])).toEqual([1n, 0n, 0n]);
    expect(allocate(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
  });

  it('gives nothing to a zero weight', () => {
    expect(allocate(7n, [0n, 5n, 0n])).toEqual([0n, 7n, 0n]);
  });

  it('splits nothing over zero weights and refuses to split something', () => {
    expect(allocate(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(() => allocate(1n, [0n, 0n])).toThrow(RangeError);
  });

  it('always sums to the total and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt(-(10n ** 9n), 10n ** 9n),
        fc.array(fc.bigInt(0n, 10n ** 8n), { minLength: 1, maxLength: 5 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const shares = allocate(total, weights);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          shares.forEach((s, i) => {
            const diff = s * sum - total * (weights[i] as bigint);
            expect((diff < 0n ? -diff : diff) < sum).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatMoney', () => {
  it('writes yuan with the symbol, thousands separators and the scale', () => {
    expect(formatMoney(123450n, 2, 'CNY')).toBe('¥1,234.50');
    expect(formatMoney(123456789n, 2, 'CNY')).toBe('¥1,234,567.89');
    expect(formatMoney(5n, 2, 'CNY')).toBe('¥0.05');
    expect(formatMoney(0n, 2, 'CNY')).toBe('¥0.00');
  });

  it('writes other currencies with their code', () => {
    expect(formatMoney(123450n, 2, 'HKD')).toBe('HKD 1,234.50');
  });

  it('writes scale 0 without a decimal point and negatives with a sign', () => {
    expect(formatMoney(1234n, 0, 'CNY')).toBe('¥1,234');
    expect(formatMoney(-1n, 2, 'CNY')).toBe('-¥0.01');
  });
});

describe('formatMoney of a number', () => {
  it('writes exactly what the BigInt of the same amount writes, at every scale, up to 2^53', () => {
    const near = fc.integer({ min: 0, max: 15 }).chain((scale) =>
      fc.tuple(
        fc.constant(scale),
        fc.oneof(
          fc.maxSafeInteger(),
          // Just below a multiple of the unit, where a floating division rounds the quotient up.
          fc
            .integer({ min: 1, max: Math.floor(Number.MAX_SAFE_INTEGER / 10 ** scale) })
            .map((k) => k * 10 ** scale - 1),
        ),
      ),
    );
    fc.assert(
      fc.property(near, fc.boolean(), ([scale, n], negative) => {
        const minor = negative ? -n : n;
        expect(formatMoney(minor, scale, 'CNY')).toBe(formatMoney(BigInt(minor), scale, 'CNY'));
      }),
      { numRuns: 3000 },
    );
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 2, 'CNY')).toBe('¥90,071,992,547,409.91');
  });
});

describe('minorNumber', () => {
  it('refuses amounts a JSON number cannot hold exactly', () => {
    expect(minorNumber(123n)).toBe(123);
    expect(minorNumber(2n ** 60n)).toBeUndefined();
  });
});
