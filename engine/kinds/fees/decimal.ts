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

/** 10^n as a BigInt. */
export function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** The exact decimal a finite number was written as (its shortest round-trip text). */
export function decimalOf(n: number): Decimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  const m = NUMBER_TEXT.exec(String(n));
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

/** A decimal as a JS number (for reporting rates and percentages, never for arithmetic). */
export function decimalNumber(d: Decimal): number {
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
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/** A decimal rounded to `scale` places, as an integer count of 10^-scale units. */
export function toUnits(d: Decimal, scale: number, mode: RoundingMode): bigint {
  if (d.scale <= scale) return rescale(d, scale);
  return divideRounded(d.units, pow10(d.scale - scale), mode);
}
