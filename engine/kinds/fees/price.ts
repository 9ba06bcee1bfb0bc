/**
 * The fixed arithmetic of a fee schedule, on integer minor units. Rounding happens in exactly
 * three places, each to the schedule's `scale` by its `mode`: each line's amount, the discount
 * (once, over both subtotals) and the tax (once, on the discounted subtotal). Splitting the
 * discount and the tax among payers is exact: the shares always add up.
 */
import { add, compare, type Decimal, multiply, type RoundingMode, rescale, toUnits } from './decimal.ts';
import { allocate } from './money.ts';
import { PAYERS, type Payer } from './payers.ts';

const HUNDRED: Decimal = { units: 100n, scale: 0 };

/** A decimal divided by 100 (a percentage as a fraction); exact. */
function percent(d: Decimal): Decimal {
  return { units: d.units, scale: d.scale + 2 };
}

function integer(n: bigint): Decimal {
  return { units: n, scale: 0 };
}

/** hours × rate, in minor units. */
export function labourAmount(hours: Decimal, rate: Decimal, scale: number, mode: RoundingMode): bigint {
  return toUnits(multiply(hours, rate), scale, mode);
}

/** qty × unitCost × (1 + pct/100), in minor units, rounded once. */
export function partsAmount(
  qty: Decimal,
  unitCost: Decimal,
  pct: Decimal,
  scale: number,
  mode: RoundingMode,
): bigint {
  return toUnits(percent(multiply(multiply(qty, unitCost), add(HUNDRED, pct))), scale, mode);
}

/** A matching discount rule, as far as the arithmetic cares. */
export interface AppliedDiscount {
  on: 'labour' | 'parts' | 'total';
  value: Decimal;
  /** Only lines of these payTypes; absent: every line. */
  payTypes?: ReadonlySet<string>;
}

/** Whether a discount rule reaches a line: its kind (`total`: both) and its payType filter. */
export function reaches(rule: AppliedDiscount, kind: 'labour' | 'parts', payType: string): boolean {
  return (rule.on === 'total' || rule.on === kind) && (!rule.payTypes || rule.payTypes.has(payType));
}

/**
 * The percent a line is discounted by: the sum of the matching rules that reach it, capped at
 * `maxPct`, so that no line is ever discounted by more than `maxPct` percent.
 */
export function lineDiscountPct(
  kind: 'labour' | 'parts',
  payType: string,
  rules: readonly AppliedDiscount[],
  maxPct: Decimal,
): { pct: Decimal; capped: boolean } {
  let asked: Decimal = integer(0n);
  for (const r of rules) if (reaches(r, kind, payType)) asked = add(asked, r.value);
  const capped = compare(asked, maxPct) > 0;
  return { pct: capped ? maxPct : asked, capped };
}

/** A priced line, as the settlement needs it. */
export interface PricedLine {
  kind: 'labour' | 'parts';
  payer: Payer;
  amount: bigint;
  /** The percent this line is discounted by (after the cap). */
  discountPct: Decimal;
  /** False for a line that carries no tax (a `taxExempt` payType); absent: taxed. */
  taxed?: boolean;
}

/** The totals of a work order, in minor units. */
export interface Settlement {
  labour: bigint;
  parts: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
  customer: bigint;
  manufacturer: bigint;
  internal: bigint;
}

/** One payer's part of the totals: what its 结算清单 itemises, adding up to its share. */
export interface PayerShare {
  labour: bigint;
  parts: bigint;
  discount: bigint;
  tax: bigint;
}

/** Each payer's part of the totals, in PAYERS order. */
export function payerShares(lines: readonly PricedLine[], taxPct: Decimal, mode: RoundingMode): PayerShare[] {
  return split(lines, taxPct, mode).shares;
}

/**
 * Totals a work order: discount = Σ line amount × line discountPct / 100 and
 * tax = taxPct × (taxed lines − their discount) / 100, each rounded once. Each payer's share is
 * its lines, less its part of the discount (in proportion to the discount its lines drew), plus
 * its part of the tax (in proportion to what its taxed lines owe before tax). Lines of a
 * `taxExempt` payType carry no tax: internal work is not sold, goodwill is borne by the dealer.
 */
export function settle(lines: readonly PricedLine[], taxPct: Decimal, mode: RoundingMode): Settlement {
  return split(lines, taxPct, mode).settlement;
}

function split(
  lines: readonly PricedLine[],
  taxPct: Decimal,
  mode: RoundingMode,
): { settlement: Settlement; shares: PayerShare[] } {
  let scale = 0;
  for (const l of lines) if (l.discountPct.scale > scale) scale = l.discountPct.scale;
  // One pass over the lines, adding each to its payer's own sums, taxed and untaxed apart: the
  // buckets are the payers' taxed lines, then their untaxed lines.
  const own = [...PAYERS, ...PAYERS].map(() => ({ labour: 0n, parts: 0n, drawn: 0n }));
  for (const l of lines) {
    const o = own[PAYERS.indexOf(l.payer) + (l.taxed === false ? PAYERS.length : 0)];
    if (!o) continue;
    if (l.kind === 'labour') o.labour += l.amount;
    else if (l.kind === 'parts') o.parts += l.amount;
    // The discount its lines draw, exact, in 10^-scale percent-minor-units.
    o.drawn += rescale(multiply(l.discountPct, integer(l.amount)), scale);
  }
  const labour = own.reduce((a, o) => a + o.labour, 0n);
  const parts = own.reduce((a, o) => a + o.parts, 0n);
  const drawn = own.reduce((a, o) => a + o.drawn, 0n);
  const discount = toUnits(percent({ units: drawn, scale }), 0, mode);
  const discountShares = allocate(
    discount,
    own.map((o) => o.drawn),
  );
  const net = own.map((o, i) => o.labour + o.parts - (discountShares[i] as bigint));
  const taxedNet = net.map((n, i) => (i < PAYERS.length ? n : 0n));
  const taxable = taxedNet.reduce((a, n) => a + n, 0n);
  const tax = toUnits(percent(multiply(taxPct, integer(taxable))), 0, mode);
  const taxShares = allocate(tax, taxedNet);
  const subtotal = labour + parts - discount;
  const settlement = {
    labour,
    parts,
    discount,
    tax,
    total: subtotal + tax,
    customer: shareOf(net, taxShares, 0),
    manufacturer: shareOf(net, taxShares, 1),
    internal: shareOf(net, taxShares, 2),
  };
  // A payer's part is its taxed bucket plus its untaxed one (which draws no tax).
  const shares = PAYERS.map((_, i) => {
    const taxed = own[i] as (typeof own)[number];
    const untaxed = own[i + PAYERS.length] as (typeof own)[number];
    return {
      labour: taxed.labour + untaxed.labour,
      parts: taxed.parts + untaxed.parts,
      discount: (discountShares[i] as bigint) + (discountShares[i + PAYERS.length] as bigint),
      tax: taxShares[i] as bigint,
    };
  });
  return { settlement, shares };
}

/** A payer's share: what its taxed and untaxed lines owe before tax, plus its part of the tax. */
function shareOf(net: readonly bigint[], taxShares: readonly bigint[], i: number): bigint {
  return (net[i] as bigint) + (net[i + PAYERS.length] as bigint) + (taxShares[i] as bigint);
}
