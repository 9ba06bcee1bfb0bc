/**
 * The fee arithmetic of price.ts and money.ts on JS numbers instead of BigInts: the same integer
 * minor units, the same rounding, the same shares. An integer below 2^53 is exact in a number,
 * and so is the sum or product of two of them whenever the exact result is below 2^53; when it
 * is not, the float result is at least 2^53, so checking every result against
 * Number.MAX_SAFE_INTEGER proves it exact. A result that could lose a unit throws TOO_LARGE, and
 * the caller prices the whole order again on BigInts (price.ts), which is always exact.
 */
import {
  bigDecimal,
  type Decimal,
  decimalNumber,
  divideFloor,
  divideRoundedSmall,
  type RoundingMode,
  type SmallDecimal,
} from './decimal.ts';
import { PAYERS, type Payer } from './payers.ts';

/** Thrown when a value could leave the range where numbers are exact; never escapes evaluation. */
export const TOO_LARGE: unique symbol = Symbol('fees: beyond exact numbers');

const MAX = Number.MAX_SAFE_INTEGER;
/** `divideRoundedSmall` is exact below 2^52 (see decimal.ts). */
const DIVIDE_MAX = 2 ** 52;
/** 10^0 … 10^15: every power of ten that is a safe integer. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * `n` when it is within ±(2^53 − 1), where every integer is exact; TOO_LARGE otherwise. Each sum
 * or product is checked on its own: in `a + b - c` an `a + b` past the limit is rounded before
 * `c` is taken off, and the result can land back within it, wrong by one.
 */
function checked(n: number): number {
  if (n > MAX || n < -MAX) throw TOO_LARGE;
  return n;
}

function pow10(n: number): number {
  if (n >= POW10.length) throw TOO_LARGE;
  return POW10[n] as number;
}

/** The exact product of two decimals. */
export function multiplySmall(a: SmallDecimal, b: SmallDecimal): SmallDecimal {
  return { units: checked(a.units * b.units), scale: a.scale + b.scale };
}

/** The exact sum of two decimals. */
export function addSmall(a: SmallDecimal, b: SmallDecimal): SmallDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: checked(rescaleSmall(a, scale) + rescaleSmall(b, scale)), scale };
}

/** The units of a decimal at a larger (or equal) scale. */
export function rescaleSmall(d: SmallDecimal, scale: number): number {
  return scale === d.scale ? d.units : checked(d.units * pow10(scale - d.scale));
}

/** A decimal rounded to `scale` places, as an integer count of 10^-scale units. */
export function toUnitsSmall(d: SmallDecimal, scale: number, mode: RoundingMode): number {
  if (d.scale <= scale) return rescaleSmall(d, scale);
  const den = pow10(d.scale - scale);
  if (d.units > DIVIDE_MAX || d.units < -DIVIDE_MAX || den > DIVIDE_MAX) throw TOO_LARGE;
  return divideRoundedSmall(d.units, den, mode);
}

/** A decimal divided by 100 (a percentage as a fraction); exact. */
function percent(d: SmallDecimal): SmallDecimal {
  return { units: d.units, scale: d.scale + 2 };
}

const HUNDRED: SmallDecimal = { units: 100, scale: 0 };

/** hours × rate, in minor units (price.ts `labourAmount`). */
export function labourAmountSmall(
  hours: SmallDecimal,
  rate: SmallDecimal,
  scale: number,
  mode: RoundingMode,
): number {
  return toUnitsSmall(multiplySmall(hours, rate), scale, mode);
}

/** qty × unitCost × (1 + pct/100), in minor units, rounded once (price.ts `partsAmount`). */
export function partsAmountSmall(
  qty: SmallDecimal,
  unitCost: SmallDecimal,
  pct: SmallDecimal,
  scale: number,
  mode: RoundingMode,
): number {
  return toUnitsSmall(
    percent(multiplySmall(multiplySmall(qty, unitCost), addSmall(HUNDRED, pct))),
    scale,
    mode,
  );
}

/** Compares two decimals: negative, zero or positive as a is less, equal or greater. */
export function compareSmall(a: SmallDecimal, b: SmallDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const d = rescaleSmall(a, scale) - rescaleSmall(b, scale);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** The percent a line is discounted by after the cap, as computed and as reported. */
export interface SmallPct {
  pct: SmallDecimal;
  reported: number;
  capped: boolean;
}

/** A matching discount rule, as far as the arithmetic cares (price.ts `AppliedDiscount`). */
interface SmallDiscount {
  on: 'labour' | 'parts' | 'total';
  small: SmallDecimal | undefined;
  payTypes?: ReadonlySet<string>;
}

/** price.ts `lineDiscountPct` on numbers: the matching rules that reach the line, capped. */
export function lineDiscountPctSmall(
  kind: 'labour' | 'parts',
  payType: string,
  rules: readonly SmallDiscount[],
  maxPct: SmallDecimal,
): SmallPct {
  let asked: SmallDecimal = { units: 0, scale: 0 };
  for (const r of rules) {
    if ((r.on === 'total' || r.on === kind) && (!r.payTypes || r.payTypes.has(payType))) {
      if (!r.small) throw TOO_LARGE;
      asked = addSmall(asked, r.small);
    }
  }
  const capped = compareSmall(asked, maxPct) > 0;
  const pct = capped ? maxPct : asked;
  return { pct, reported: smallNumber(pct), capped };
}

/** A priced line, as the settlement needs it (price.ts `PricedLine`). */
export interface SmallPricedLine {
  kind: 'labour' | 'parts';
  payer: Payer;
  amount: number;
  discountPct: SmallDecimal;
  /** false for a line of a `taxExempt` payType, which carries no tax. */
  taxed?: boolean;
}

/** The totals of a work order, in minor units (price.ts `Settlement`). */
export interface SmallSettlement {
  labour: number;
  parts: number;
  discount: number;
  tax: number;
  total: number;
  customer: number;
  manufacturer: number;
  internal: number;
}

/** price.ts `settle`, step for step, on numbers. */
export function settleSmall(
  lines: readonly SmallPricedLine[],
  taxPct: SmallDecimal,
  mode: RoundingMode,
): SmallSettlement {
  let scale = 0;
  for (const l of lines) if (l.discountPct.scale > scale) scale = l.discountPct.scale;
  // The payers' taxed lines, then their untaxed lines (price.ts `settle`'s buckets), as three
  // flat lists: bucket b's labour, parts and the discount its lines draw.
  const payers = PAYERS.length;
  const ownLabour = zeros(2 * payers);
  const ownParts = zeros(2 * payers);
  const ownDrawn = zeros(2 * payers);
  for (const l of lines) {
    const payer = PAYERS.indexOf(l.payer);
    if (payer < 0) continue;
    const b = payer + (l.taxed === false ? payers : 0);
    if (l.kind === 'labour') ownLabour[b] = checked((ownLabour[b] as number) + l.amount);
    else if (l.kind === 'parts') ownParts[b] = checked((ownParts[b] as number) + l.amount);
    const drawn = rescaleSmall(
      { units: checked(l.discountPct.units * l.amount), scale: l.discountPct.scale },
      scale,
    );
    ownDrawn[b] = checked((ownDrawn[b] as number) + drawn);
  }
  let labour = 0;
  let parts = 0;
  let drawn = 0;
  for (let b = 0; b < 2 * payers; b++) {
    labour = checked(labour + (ownLabour[b] as number));
    parts = checked(parts + (ownParts[b] as number));
    drawn = checked(drawn + (ownDrawn[b] as number));
  }
  const discount = toUnitsSmall(percent({ units: drawn, scale }), 0, mode);
  const discountShares = allocateSmall(discount, ownDrawn);
  const net = zeros(2 * payers);
  const taxedNet = zeros(2 * payers);
  let taxable = 0;
  for (let b = 0; b < 2 * payers; b++) {
    const n = checked(
      checked((ownLabour[b] as number) + (ownParts[b] as number)) - (discountShares[b] as number),
    );
    net[b] = n;
    if (b < payers) {
      taxedNet[b] = n;
      taxable = checked(taxable + n);
    }
  }
  const subtotal = checked(checked(labour + parts) - discount);
  const tax = toUnitsSmall(percent(multiplySmall(taxPct, { units: taxable, scale: 0 })), 0, mode);
  const taxShares = allocateSmall(tax, taxedNet);
  const shareOf = (i: number) =>
    checked(checked((net[i] as number) + (net[i + payers] as number)) + (taxShares[i] as number));
  return {
    labour,
    parts,
    discount,
    tax,
    total: checked(subtotal + tax),
    customer: shareOf(0),
    manufacturer: shareOf(1),
    internal: shareOf(2),
  };
}

/** A list of n zeros (packed, unlike `new Array(n)`). */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/**
 * money.ts `allocate` on numbers (largest remainder, ties to the earlier weight), for weights of
 * 0 or more; a negative weight, or a product that leaves the exact range, throws TOO_LARGE.
 */
export function allocateSmall(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) {
    if (w < 0) throw TOO_LARGE;
    sum = checked(sum + w);
  }
  if (sum === 0) {
    if (total !== 0) throw new RangeError('cannot split a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const negative = total < 0;
  const abs = negative ? -total : total;
  const shares: number[] = [];
  const remainders: Array<{ i: number; r: number }> = [];
  let left = abs;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    // A weight of 0 or of the whole sum (one payer, the usual order) needs no product.
    const [q, r] = w === 0 ? [0, 0] : w === sum ? [abs, 0] : share(abs, w, sum);
    shares.push(q);
    remainders.push({ i, r });
    left -= q;
  }
  // Nothing left over (one paying weight, or exact proportions, as nearly always): no ranking.
  if (left > 0) {
    remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
    for (const { i } of remainders) {
      if (left === 0) break;
      shares[i] = (shares[i] as number) + 1;
      left -= 1;
    }
  }
  return negative ? shares.map((s) => (s === 0 ? 0 : -s)) : shares;
}

/** Quotient and remainder of abs × w / sum, when the product is small enough to divide exactly. */
function share(abs: number, w: number, sum: number): [number, number] {
  const product = abs * w;
  if (product > DIVIDE_MAX || sum > DIVIDE_MAX) throw TOO_LARGE;
  return divideFloor(product, sum);
}

/** A small decimal as a JS number, the same one decimal.ts `decimalNumber` gives. */
export function smallNumber(d: SmallDecimal): number {
  // Both operands are exact, so one IEEE division gives the correctly rounded value, which is
  // what reading the decimal's text gives too.
  if (d.scale === 0) return d.units;
  if (d.scale < POW10.length) return d.units / (POW10[d.scale] as number);
  return d.scale <= 22 ? d.units / 10 ** d.scale : decimalNumber(bigDecimal(d));
}

/** A value read exactly: small when its units are a safe integer, a BigInt decimal otherwise. */
export type Exact = SmallDecimal | Decimal;

/** Whether an exact value is small. */
export function isSmall(e: Exact): e is SmallDecimal {
  return typeof e.units === 'number';
}

/** An exact value as a BigInt decimal (for the BigInt path). */
export function big(e: Exact): Decimal {
  return isSmall(e) ? bigDecimal(e) : e;
}

/** An exact value as a small decimal, or TOO_LARGE (for the number path). */
export function small(e: Exact): SmallDecimal {
  if (!isSmall(e)) throw TOO_LARGE;
  return e;
}

/** An exact value as a JS number, for reporting (decimal.ts `decimalNumber`). */
export function exactNumber(e: Exact): number {
  return isSmall(e) ? smallNumber(e) : decimalNumber(e);
}
