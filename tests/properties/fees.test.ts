/**
 * Fee-schedule laws over generated schedules (rates, markups, capped discounts, tax, rounding)
 * and generated work orders: amounts are integers; lines sum to the subtotal; total = subtotal −
 * discount + tax; the discount never exceeds its cap; warranty lines never reach the customer's
 * share (a customer with no lines of their own pays nothing, and never more than their own lines
 * with tax); and every line amount is what a simple model of the schedule says: hours × rate or
 * qty × unitCost × (1 + markup), in exact decimals, rounded once to the fen as declared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, evaluateFast, inputArbitrary } from '../../engine/index.ts';
import { compileData, header, params } from './support.ts';

const AT = '2026-03-01';
const PAY_TYPES = ['customer', 'warranty', 'internal', 'goodwill'];

const ruleWhenArb = (field: string, values: string[]) =>
  fc.constantFrom(...values).map((v) => ({ [`line.${field}`]: v }));

const scheduleArb = fc.record({
  mode: fc.constantFrom('half-up', 'half-even'),
  labour: fc.array(
    fc.record({ when: ruleWhenArb('skill', ['junior', 'senior']), rate: fc.integer({ min: 0, max: 500 }) }),
    {
      maxLength: 2,
    },
  ),
  labourDefault: fc.integer({ min: 0, max: 500 }),
  warrantyFree: fc.boolean(),
  parts: fc.array(
    fc.record({
      when: ruleWhenArb('category', ['oem', 'aftermarket']),
      pct: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 2 },
  ),
  partsDefault: fc.integer({ min: 0, max: 60 }),
  maxPct: fc.integer({ min: 0, max: 30 }),
  discounts: fc.array(
    fc.record({
      tier: fc.constantFrom('standard', 'silver', 'gold'),
      pct: fc.integer({ min: 0, max: 25 }),
      on: fc.constantFrom('labour', 'parts', 'total'),
    }),
    { maxLength: 3 },
  ),
  taxPct: fc.integer({ min: 0, max: 20 }),
});

type Schedule = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

function scheduleOf(s: Schedule): CompiledDocument {
  const payType = { enum: PAY_TYPES };
  return compileData({
    ...header('fees'),
    currency: 'CNY',
    rounding: { scale: 2, mode: s.mode },
    facts: {
      payType,
      customer: { type: 'object', properties: { tier: { enum: ['standard', 'silver', 'gold'] } } },
      labour: {
        type: 'array',
        items: {
          type: 'object',
          required: ['opCode', 'hours'],
          properties: {
            opCode: { type: 'string', maxLength: 4 },
            hours: { type: 'number', minimum: 0, maximum: 40 },
            skill: { enum: ['junior', 'senior'] },
            payType,
          },
        },
      },
      parts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['partNo', 'qty', 'unitCost'],
          properties: {
            partNo: { type: 'string', maxLength: 4 },
            category: { enum: ['oem', 'aftermarket'] },
            qty: { type: 'integer', minimum: 0, maximum: 20 },
            unitCost: { type: 'number', minimum: 0, maximum: 5000 },
            payType,
          },
        },
      },
    },
    labourRate: [
      ...(s.warrantyFree ? [{ when: { 'line.payType': { in: ['warranty', 'internal'] } }, rate: 0 }] : []),
      ...s.labour,
      { rate: s.labourDefault },
    ],
    partsMarkupPct: [...s.parts, { pct: s.partsDefault }],
    discounts: {
      maxPct: s.maxPct,
      rules: s.discounts.map((d, i) => ({
        id: `d${i}`,
        when: { 'customer.tier': d.tier },
        pct: d.pct,
        on: d.on,
      })),
    },
    taxPct: s.taxPct,
  });
}

interface Line {
  type: 'labour' | 'parts';
  payer: string;
  amount: number;
}
interface FeesResult {
  lines: Line[];
  totals: Record<
    'labour' | 'parts' | 'discount' | 'tax' | 'total' | 'customer' | 'manufacturer' | 'internal',
    number
  >;
}

function evaluate(doc: CompiledDocument, facts: Record<string, unknown>): FeesResult {
  return evaluateFast(doc, { facts, at: AT }).result as FeesResult;
}

const caseArb = scheduleArb.chain((s) => {
  const doc = scheduleOf(s);
  // Several orders per schedule: compiling is the expensive part, so each schedule is used more.
  return fc.tuple(
    fc.constant(s),
    fc.constant(doc),
    fc.array(inputArbitrary(doc), { minLength: 1, maxLength: 4 }),
  );
});

/** A JSON number as the exact decimal it was written as: digits and a power of ten to divide by. */
function exactDecimal(n: number): { digits: bigint; scale: number } {
  const text = String(n);
  if (/e/i.test(text)) throw new Error(`the model reads plain decimals only, not ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** `numerator / 10^scale` rounded to an integer, ties by `mode` (the values are never negative). */
function roundScaled(numerator: bigint, scale: number, mode: string): number {
  const divisor = 10n ** BigInt(scale);
  const quotient = numerator / divisor;
  const twice = 2n * (numerator % divisor);
  if (twice < divisor) return Number(quotient);
  if (twice > divisor || mode === 'half-up' || quotient % 2n === 1n) return Number(quotient + 1n);
  return Number(quotient);
}

/** The payType a line is priced under: its own, else the order's, else `customer`. */
function payTypeOf(line: Record<string, unknown>, facts: Record<string, unknown>): string {
  return String(line.payType ?? facts.payType ?? 'customer');
}

/** The model's hourly rate for a labour line: the first rule of the schedule that matches it. */
function modelRate(s: Schedule, line: Record<string, unknown>, facts: Record<string, unknown>): number {
  if (s.warrantyFree && ['warranty', 'internal'].includes(payTypeOf(line, facts))) return 0;
  const hit = s.labour.find((r) => r.when['line.skill'] === line.skill);
  return hit ? hit.rate : s.labourDefault;
}

/** The model's markup for a part line. */
function modelMarkup(s: Schedule, line: Record<string, unknown>): number {
  const hit = s.parts.find((r) => r.when['line.category'] === line.category);
  return hit ? hit.pct : s.partsDefault;
}

/** The model's amounts, in fen: labour lines first, then part lines, in input order. */
function modelAmounts(s: Schedule, facts: Record<string, unknown>): Array<{ type: string; amount: number }> {
  const labour = (facts.labour as Record<string, unknown>[] | undefined) ?? [];
  const parts = (facts.parts as Record<string, unknown>[] | undefined) ?? [];
  return [
    ...labour.map((line) => {
      const hours = exactDecimal(line.hours as number);
      const fen = hours.digits * BigInt(modelRate(s, line, facts)) * 100n;
      return { type: 'labour', amount: roundScaled(fen, hours.scale, s.mode) };
    }),
    ...parts.map((line) => {
      const cost = exactDecimal(line.unitCost as number);
      // qty × cost × (100 + pct) / 100 yuan is qty × cost × (100 + pct) fen.
      const fen = BigInt(line.qty as number) * cost.digits * BigInt(100 + modelMarkup(s, line));
      return { type: 'parts', amount: roundScaled(fen, cost.scale, s.mode) };
    }),
  ];
}

const sum = (lines: Line[]) => lines.reduce((a, l) => a + l.amount, 0);

describe('fees', () => {
  it('every line amount is hours × rate or qty × unitCost × (1 + markup), rounded once as declared', () => {
    let priced = 0;
    fc.assert(
      fc.property(caseArb, ([s, doc, inputs]) => {
        for (const input of inputs) {
          const { lines } = evaluate(doc, input.facts);
          const expected = modelAmounts(s, input.facts);
          expect(lines.map((l) => ({ type: l.type, amount: l.amount }))).toEqual(expected);
          priced += expected.filter((l) => l.amount > 0).length;
        }
      }),
      params(80),
    );
    // A model that only ever saw zero amounts would not catch a schedule that prices nothing.
    expect(priced).toBeGreaterThan(20);
  });

  it('amounts are integers, lines sum to the subtotal, and total = subtotal − discount + tax', () => {
    fc.assert(
      fc.property(caseArb, ([, doc, inputs]) => {
        for (const input of inputs) {
          const { lines, totals } = evaluate(doc, input.facts);
          for (const l of lines) expect(Number.isInteger(l.amount)).toBe(true);
          for (const v of Object.values(totals)) expect(Number.isInteger(v)).toBe(true);
          expect(sum(lines.filter((l) => l.type === 'labour'))).toBe(totals.labour);
          expect(sum(lines.filter((l) => l.type === 'parts'))).toBe(totals.parts);
          expect(totals.total).toBe(totals.labour + totals.parts - totals.discount + totals.tax);
          expect(totals.customer + totals.manufacturer + totals.internal).toBe(totals.total);
        }
      }),
      params(50),
    );
  });

  it('the discount never exceeds its cap', () => {
    fc.assert(
      fc.property(caseArb, ([s, doc, inputs]) => {
        for (const input of inputs) {
          const { totals } = evaluate(doc, input.facts);
          expect(totals.discount).toBeGreaterThanOrEqual(0);
          // Rounded once from an exact value of at most maxPct % of the lines: at most one unit more.
          expect(totals.discount * 100).toBeLessThanOrEqual(s.maxPct * (totals.labour + totals.parts) + 100);
        }
      }),
      params(50),
    );
  });

  it('warranty lines never reach the customer share', () => {
    fc.assert(
      fc.property(caseArb, ([s, doc, inputs]) => {
        for (const input of inputs) {
          const { lines, totals } = evaluate(doc, input.facts);
          const own = sum(lines.filter((l) => l.payer === 'customer'));
          if (own === 0) expect(totals.customer).toBe(0);
          // The customer's own lines plus their tax, with one unit for the rounding of the split.
          expect(totals.customer * 100).toBeLessThanOrEqual(own * (100 + s.taxPct) + 100);
          // An all-warranty order is the manufacturer's alone.
          const warranty = { ...input.facts, payType: 'warranty' } as Record<string, unknown>;
          for (const kind of ['labour', 'parts']) {
            const list = (warranty[kind] as Record<string, unknown>[] | undefined) ?? [];
            warranty[kind] = list.map((l) => ({ ...l, payType: 'warranty' }));
          }
          const claimed = evaluate(doc, warranty).totals;
          expect(claimed.customer).toBe(0);
          expect(claimed.manufacturer).toBe(claimed.total);
        }
      }),
      params(50),
    );
  });
});
