/**
 * Exact decimal arithmetic for money: a value is an integer count of 10^-scale units held in a
 * BigInt. A JSON number is read through its shortest decimal text (what the user wrote: `1.5`,
 * `380`, `12.34`), so no binary floating point ever reaches an amount.
 */

/** An exact decimal number: `units × 10^-scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** How a value exactly between two minor units is rounded. */
export type RoundingMode = 'half-up' | 'half-even';

/** The most decimal places an input or a document number may carry (far below float noise). */
export const MAX_PLACES = 6;

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
const TEN = 10n;

/** 10^0 … 10^40 as BigInts, computed once: scales in a schedule stay far below. */
const POW10: readonly bigint[] = Array.from({ length: 41 }, (_, n) => TEN ** BigInt(n));

/** 10^0 … 10^22 as numbers: each is exact in binary floating point. */
const POW10_NUMBER: readonly number[] = Array.from({ length: 23 }, (_, n) => 10 ** n);

/**
 * Below 2^52 the integer arithmetic in `divideRounded` stays exact on JS numbers: quotient ×
 * divisor, before the quotient is corrected, is under 2^53.
 */
const SMALL = 2 ** 52;
const SMALL_BIG = BigInt(SMALL);

/** 10^n as a BigInt. */
export function pow10(n: number): bigint {
  return n < POW10.length ? (POW10[n] as bigint) : TEN ** BigInt(n);
}

/**
 * An exact decimal held in a JS number: `units × 10^-scale` with `units` a safe integer. Nearly
 * every amount, quantity, rate and percent fits; see small.ts for the arithmetic on it.
 */
export interface SmallDecimal {
  units: number;
  scale: number;
}

/** The exact decimal a finite number was written as (its shortest round-trip text). */
export function decimalOf(n: number): Decimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  const small = smallDecimalOf(n);
  return small ? bigDecimal(small) : writtenDecimal(String(n));
}

/**
 * `decimalOf` without BigInts: the same decimal when its units are a safe integer (every number
 * of at most 15 digits without an exponent), undefined otherwise (and for non-finite numbers).
 */
export function smallDecimalOf(n: number): SmallDecimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (Number.isSafeInteger(n)) return { units: n === 0 ? 0 : n, scale: 0 };
  return fewPlaces(n) ?? plainDecimal(String(n));
}

/** A small decimal as a BigInt decimal; exact. */
export function bigDecimal(d: SmallDecimal): Decimal {
  return { units: BigInt(d.units), scale: d.scale };
}

/** A BigInt decimal as a small one, or undefined when its units are not a safe integer. */
export function smallDecimal(d: Decimal): SmallDecimal | undefined {
  const units = Number(d.units);
  return Number.isSafeInteger(units) ? { units, scale: d.scale } : undefined;
}

/** The most places `fewPlaces` tries before leaving a number to its text. */
const FEW = 8;
/** Below 2^50, n × 10^k is within 1/8 of an integer that round-trips (see `fewPlaces`). */
const FEW_LIMIT = 2 ** 50;

/**
 * The decimal of a number with at most FEW places, found without formatting it: the smallest k
 * for which m = round(n × 10^k) gives back n as m / 10^k. While |n| × 10^k < 2^50 the float
 * product is within 1/4 of the one integer whose decimal can round to n, so m is that integer,
 * and the decimal is the one `String(n)` writes (the fewest digits that give back n). Undefined
 * when there is none within FEW places or the product grows too large.
 */
function fewPlaces(n: number): SmallDecimal | undefined {
  const abs = n < 0 ? -n : n;
  for (let k = 1; k <= FEW; k++) {
    const power = POW10_NUMBER[k] as number;
    const scaled = abs * power;
    if (scaled >= FEW_LIMIT) return undefined;
    const m = Math.round(scaled);
    if (m / power === abs) return { units: n < 0 ? -m : m, scale: k };
  }
  return undefined;
}

/**
 * The common text, `-?digits(.digits)?` with at most 15 digits, read digit by digit into a number
 * (exact: below 10^15 < 2^53); undefined for anything else (exponents, longer numbers).
 */
function plainDecimal(text: string): SmallDecimal | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let units = 0;
  let digitCount = 0;
  let point = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && point < 0) {
      point = i;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9) return undefined;
    units = units * 10 + digit;
    digitCount++;
  }
  if (digitCount === 0 || digitCount > 15) return undefined;
  return { units: negative ? -units : units, scale: point < 0 ? 0 : length - point - 1 };
}

/** Any text `String(number)` writes, exponents included. */
function writtenDecimal(text: string): Decimal | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '0', frac = '', exp = '0'] = m;
  let units = BigInt(`${sign}${whole}${frac}`);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units, scale };
}

/** Decimal places a number carries as written (`1.25` → 2, `380` → 0, `1e-7` → 7). */
export function placesOf(n: number): number {
  return decimalOf(n)?.scale ?? Number.POSITIVE_INFINITY;
}

/** The exact product of two decimals. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** The exact sum of two decimals. */
export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** Compares two decimals: negative, zero or positive as a is less, equal or greater. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const d = rescale(a, scale) - rescale(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The units of a decimal at a larger (or equal) scale; exact. */
export function rescale(d: Decimal, scale: number): bigint {
  return d.units * pow10(scale - d.scale);
}

/** A decimal as text without exponent or trailing zeros (`1.50` → `1.5`). */
export function decimalText(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * A decimal as a JS number (for reporting rates and percentages, never for arithmetic). When the
 * units and 10^scale are both exact numbers, one IEEE division gives the correctly rounded value,
 * the same number `Number(decimalText(d))` reads.
 */
export function decimalNumber(d: Decimal): number {
  if (d.scale < POW10_NUMBER.length && d.units <= SMALL_BIG && d.units >= -SMALL_BIG) {
    const units = Number(d.units);
    return d.scale === 0 ? units : units / (POW10_NUMBER[d.scale] as number);
  }
  return Number(decimalText(d));
}

/**
 * num / den rounded to an integer. `half-up` takes a tie away from zero (commercial rounding),
 * `half-even` takes it to the even neighbour (banker's rounding); all other values go to the
 * nearest integer.
 */
export function divideRounded(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) return divideRounded(-num, -den, mode);
  if (den <= SMALL_BIG && num <= SMALL_BIG && num >= -SMALL_BIG) {
    return BigInt(divideRoundedSmall(Number(num), Number(den), mode));
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/**
 * Quotient and remainder of a / b, exactly, for integers 0 ≤ a ≤ 2^52 and 0 < b ≤ 2^52, and for
 * any safe integer a when b is a power of ten (money.ts; money.test.ts checks it up to 2^53).
 */
export function divideFloor(a: number, b: number): [number, number] {
  // The floating quotient can be one off; the remainder, exact at this size, corrects it.
  let q = Math.floor(a / b);
  let r = a - q * b;
  if (r < 0) {
    q -= 1;
    r += b;
  } else if (r >= b) {
    q += 1;
    r -= b;
  }
  return [q, r];
}

/** `divideRounded` on integers below 2^52 in magnitude (den > 0), exactly, without BigInts. */
export function divideRoundedSmall(num: number, den: number, mode: RoundingMode): number {
  const negative = num < 0;
  const abs = negative ? -num : num;
  let [q, r] = divideFloor(abs, den);
  const twice = r * 2;
  if (twice > den || (twice === den && (mode === 'half-up' || q % 2 === 1))) q += 1;
  return negative ? -q : q;
}

/** A decimal rounded to `scale` places, as an integer count of 10^-scale units. */
export function toUnits(d: Decimal, scale: number, mode: RoundingMode): bigint {
  if (d.scale <= scale) return rescale(d, scale);
  return divideRounded(d.units, pow10(d.scale - scale), mode);
}
