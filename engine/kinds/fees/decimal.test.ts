import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  decimalNumber,
  decimalOf,
  decimalText,
  divideRounded,
  multiply,
  placesOf,
  toUnits,
} from './decimal.ts';

/** The plain reading the fast paths must agree with: the number's shortest text, digit for digit. */
function textReading(n: number): { units: bigint; scale: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(n));
  if (!m) throw new Error(`unexpected text for ${n}`);
  const [, sign = '', whole = '0', frac = '', exp = '0'] = m;
  const scale = frac.length - Number(exp);
  const units = BigInt(`${sign}${whole}${frac}`);
  return scale < 0 ? { units: units * 10n ** BigInt(-scale), scale: 0 } : { units, scale };
}

/** num / den rounded, on BigInts only: the reference for the small-integer fast path. */
function bigDivide(num: bigint, den: bigint, mode: 'half-up' | 'half-even'): bigint {
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

const dec = (n: number) => {
  const d = decimalOf(n);
  if (!d) throw new Error(`not a decimal: ${n}`);
  return d;
};

describe('decimalOf', () => {
  it('reads a number as the decimal it was written as', () => {
    expect(dec(1.5)).toEqual({ units: 15n, scale: 1 });
    expect(dec(380)).toEqual({ units: 380n, scale: 0 });
    expect(dec(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(dec(-12.34)).toEqual({ units: -1234n, scale: 2 });
  });

  it('reads exponent notation exactly', () => {
    expect(dec(1e21)).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(dec(1.5e-7)).toEqual({ units: 15n, scale: 8 });
  });

  it('reads every finite number as its shortest text, whichever way it is read', () => {
    const places = fc
      .tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 12 }))
      .map(([m, k]) => m / 10 ** k);
    fc.assert(
      fc.property(fc.oneof(places, fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
        expect(dec(n)).toEqual(textReading(n));
      }),
      { numRuns: 3000 },
    );
    for (const n of [0.1 + 0.2, 1.005, 2.675, 1e-8, 0.99999999, 2 ** 50 / 10 + 0.1, 5e-324, -0]) {
      expect(dec(n)).toEqual(textReading(n));
    }
  });

  it('gives back the number a decimal reads as', () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 60n), 2n ** 60n), fc.integer({ min: 0, max: 30 }), (units, scale) => {
        const d = { units, scale };
        expect(decimalNumber(d)).toBe(Number(decimalText(d)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses infinities and NaN', () => {
    expect(decimalOf(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(decimalOf(Number.NaN)).toBeUndefined();
  });

  it('counts the places a number carries', () => {
    expect(placesOf(1.25)).toBe(2);
    expect(placesOf(380)).toBe(0);
    expect(placesOf(1e-7)).toBe(7);
  });
});

describe('exact arithmetic', () => {
  it('multiplies 1.5 hours by 380 into exactly 570', () => {
    expect(decimalText(multiply(dec(1.5), dec(380)))).toBe('570');
  });

  it('adds 0.1 and 0.2 into exactly 0.3', () => {
    expect(decimalText(add(dec(0.1), dec(0.2)))).toBe('0.3');
    expect(compare(add(dec(0.1), dec(0.2)), dec(0.3))).toBe(0);
  });

  it('writes decimals without trailing zeros', () => {
    expect(decimalText({ units: 150n, scale: 2 })).toBe('1.5');
    expect(decimalText({ units: 5n, scale: 3 })).toBe('0.005');
    expect(decimalText({ units: -5n, scale: 1 })).toBe('-0.5');
  });
});

describe('divideRounded', () => {
  it('takes a tie away from zero in half-up', () => {
    expect(divideRounded(5n, 10n, 'half-up')).toBe(1n);
    expect(divideRounded(15n, 10n, 'half-up')).toBe(2n);
    expect(divideRounded(25n, 10n, 'half-up')).toBe(3n);
    expect(divideRounded(-25n, 10n, 'half-up')).toBe(-3n);
  });

  it('takes a tie to the even neighbour in half-even', () => {
    expect(divideRounded(5n, 10n, 'half-even')).toBe(0n);
    expect(divideRounded(15n, 10n, 'half-even')).toBe(2n);
    expect(divideRounded(25n, 10n, 'half-even')).toBe(2n);
    expect(divideRounded(-25n, 10n, 'half-even')).toBe(-2n);
  });

  it('rounds everything but a tie to the nearest integer in both modes', () => {
    for (const mode of ['half-up', 'half-even'] as const) {
      expect(divideRounded(14n, 10n, mode)).toBe(1n);
      expect(divideRounded(16n, 10n, mode)).toBe(2n);
      expect(divideRounded(251n, 100n, mode)).toBe(3n);
    }
  });

  it('never moves further than half a unit from the exact quotient', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 12n), 10n ** 12n), fc.bigInt(1n, 10n ** 6n), (num, den) => {
        for (const mode of ['half-up', 'half-even'] as const) {
          const q = divideRounded(num, den, mode);
          const diff = q * den - num;
          expect(2n * (diff < 0n ? -diff : diff) <= den).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('divideRounded on numbers near the small-integer limit', () => {
  it('rounds exactly like BigInt division on both sides of 2^52', () => {
    const edge = fc.bigInt(2n ** 52n - 1000n, 2n ** 52n + 1000n);
    const any = fc.bigInt(-(2n ** 56n), 2n ** 56n);
    fc.assert(
      fc.property(
        fc.oneof(edge, any, fc.bigInt(-1000n, 1000n)),
        fc.oneof(edge, fc.bigInt(1n, 1000n)),
        (num, den) => {
          for (const mode of ['half-up', 'half-even'] as const) {
            expect(divideRounded(num, den, mode)).toBe(bigDivide(num, den, mode));
            expect(divideRounded(num * 2n + 1n, 2n, mode)).toBe(bigDivide(num * 2n + 1n, 2n, mode));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('toUnits', () => {
  it('rounds a decimal to minor units only when it has more places', () => {
    expect(toUnits(dec(12.5), 2, 'half-up')).toBe(1250n);
    expect(toUnits(dec(0.005), 2, 'half-up')).toBe(1n);
    expect(toUnits(dec(0.005), 2, 'half-even')).toBe(0n);
    expect(toUnits(dec(0.015), 2, 'half-even')).toBe(2n);
  });
});
