import { describe, expect, it } from 'vitest';
import { type Decimal, decimalOf } from './decimal.ts';
import { labourAmount, lineDiscountPct, partsAmount, settle } from './price.ts';

const d = (n: number): Decimal => decimalOf(n) as Decimal;

describe('line amounts', () => {
  it('prices 1.5 hours at 380 as exactly 570.00', () => {
    expect(labourAmount(d(1.5), d(380), 2, 'half-up')).toBe(57000n);
  });

  it('prices 2 parts at 185.5 with 30 % markup as exactly 482.30', () => {
    expect(partsAmount(d(2), d(185.5), d(30), 2, 'half-up')).toBe(48230n);
  });

  it('rounds a part once, after the markup, not per unit', () => {
    // 3 × 0.333 × 1.1 = 1.0989 → 1.10; rounding the unit price first would give 3 × 0.37 = 1.11.
    expect(partsAmount(d(3), d(0.333), d(10), 2, 'half-up')).toBe(110n);
  });
});

describe('lineDiscountPct', () => {
  const rules = [
    { on: 'total' as const, value: d(5) },
    { on: 'labour' as const, value: d(2.5) },
    { on: 'parts' as const, value: d(1) },
    { on: 'total' as const, value: d(3), payTypes: new Set(['customer']) },
  ];

  it('adds the rules that reach a line: its kind or total, and its payType when they name some', () => {
    expect(lineDiscountPct('labour', 'customer', rules, d(100))).toEqual({ pct: d(10.5), capped: false });
    expect(lineDiscountPct('parts', 'customer', rules, d(100))).toEqual({ pct: d(9), capped: false });
    expect(lineDiscountPct('labour', 'warranty', rules, d(100))).toEqual({ pct: d(7.5), capped: false });
  });

  it('caps a line at maxPct, and a sum exactly at the cap is not capped', () => {
    expect(lineDiscountPct('labour', 'customer', rules, d(10))).toEqual({ pct: d(10), capped: true });
    expect(lineDiscountPct('parts', 'customer', rules, d(9))).toEqual({ pct: d(9), capped: false });
  });
});

describe('settle', () => {
  it('computes discount and tax once on the subtotals', () => {
    const s = settle(
      [
        { kind: 'labour', payer: 'customer', amount: 33333n, discountPct: d(10) },
        { kind: 'labour', payer: 'customer', amount: 33333n, discountPct: d(10) },
      ],
      d(13),
      'half-up',
    );
    // 10 % of 666.66 = 66.666 → 66.67; 13 % of 599.99 = 77.9987 → 78.00
    expect(s).toMatchObject({ labour: 66666n, discount: 6667n, tax: 7800n, total: 67799n, customer: 67799n });
  });

  it('keeps warranty lines out of the customer share and splits tax by what each payer owes', () => {
    const s = settle(
      [
        { kind: 'labour', payer: 'customer', amount: 10000n, discountPct: d(0) },
        { kind: 'parts', payer: 'manufacturer', amount: 30000n, discountPct: d(0) },
      ],
      d(10),
      'half-up',
    );
    expect(s).toMatchObject({ tax: 4000n, customer: 11000n, manufacturer: 33000n, internal: 0n });
  });

  it("draws each line's discount from its own payer", () => {
    const s = settle(
      [
        { kind: 'labour', payer: 'customer', amount: 10000n, discountPct: d(10) },
        { kind: 'parts', payer: 'manufacturer', amount: 30000n, discountPct: d(0) },
      ],
      d(0),
      'half-up',
    );
    expect(s).toMatchObject({ discount: 1000n, customer: 9000n, manufacturer: 30000n });
  });

  it('taxes only taxed lines: an untaxed line is paid at its net, and the tax is split over the taxed ones', () => {
    const s = settle(
      [
        { kind: 'labour', payer: 'customer', amount: 14000n, discountPct: d(0) },
        { kind: 'parts', payer: 'internal', amount: 5000n, discountPct: d(0), taxed: false },
        { kind: 'parts', payer: 'internal', amount: 1000n, discountPct: d(0) },
      ],
      d(13),
      'half-up',
    );
    // 13 % of 15000 (the taxed lines), not of 20000.
    expect(s).toMatchObject({ tax: 1950n, total: 21950n, customer: 15820n, internal: 6130n });
  });
});
