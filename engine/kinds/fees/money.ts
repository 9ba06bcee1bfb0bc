/**
 * Money as integer minor units (10^-scale of the currency: fen for CNY at scale 2): splitting an
 * amount among payers without losing or inventing a unit, and writing amounts for people.
 */
import { divideFloor } from './decimal.ts';

/**
 * Splits `total` in proportion to `weights` (largest remainder): each share is the floor of its
 * exact proportion, and the units left over go one each to the largest fractional remainders,
 * ties to the earlier weight. The shares always sum to `total`; a zero weight gets nothing.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (total !== 0n) throw new RangeError('cannot split a non-zero amount over zero weights');
    return weights.map(() => 0n);
  }
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const shares = weights.map((w) => (abs * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % sum }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }
  return negative ? shares.map((s) => -s) : shares;
}

/** Symbols for the currencies people here read most; any other shows its ISO code. */
const SYMBOLS: Readonly<Record<string, string | undefined>> = Object.assign(Object.create(null), {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
});

/** An amount in minor units as people read it: `¥1,234.50`, `HKD 1,234.50`, `-¥0.01`. */
export function formatMoney(minor: bigint | number, scale: number, currency: string): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  if (typeof minor === 'number' && Number.isSafeInteger(minor) && scale < POW10.length) {
    return formatSafe(minor, scale, symbol);
  }
  const negative = minor < 0;
  const digits = String(negative ? -minor : minor).padStart(scale + 1, '0');
  const whole = grouped(digits.slice(0, digits.length - scale));
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${symbol}${whole}${frac}`;
}

/** 10^0 … 10^15: every power of ten that is a safe integer. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * `formatMoney` of a safe integer without building its digit string first: the whole part and
 * the fraction by exact integer arithmetic (a remainder, then the division of a multiple), the
 * groups of three by `% 1000`. Writes exactly what the digit-string path writes.
 */
function formatSafe(minor: number, scale: number, symbol: string): string {
  const negative = minor < 0;
  const abs = negative ? -minor : minor;
  const unit = POW10[scale] as number;
  let [whole, fraction] = divideFloor(abs, unit);
  let groups = '';
  while (whole >= 1000) {
    const [rest, g] = divideFloor(whole, 1000);
    groups = `,${THREE_DIGITS[g] as string}${groups}`;
    whole = rest;
  }
  const frac =
    scale === 2
      ? `.${TWO_DIGITS[fraction] as string}`
      : scale > 0
        ? `.${String(fraction).padStart(scale, '0')}`
        : '';
  return `${negative ? '-' : ''}${symbol}${whole}${groups}${frac}`;
}

// The digits of a group of three and of a fraction in fen, written once: most of formatting.
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** Minor units as a JSON number; amounts beyond 2^53 would lose units, so they are refused. */
export function minorNumber(minor: bigint): number | undefined {
  const n = Number(minor);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Digits with a comma between each group of three from the right: `1234567` → `1,234,567`. */
function grouped(digits: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}
