import { describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  chooseVersion,
  evaluateFast,
  loadStandards,
  NormaError,
} from '../../engine/index.ts';

/**
 * B17 and B18: accounting.records decides which document a line is booked with; a VAT invoice only
 * for what is sold. fees.work-order must then charge VAT exactly where an invoice is issued:
 * none on internal work (an internal transfer) or goodwill (a selling expense, no document),
 * 13 % on the customer's lines. And a part priced in fen (`unitCostFen`) costs what the same
 * part priced in yuan (`unitCost`) does: the unit is in the name, never 100× off.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

function booking(payType: string): string {
  const { result } = evaluateFast(inForce('accounting.records'), { facts: { payType }, at: AT });
  return (result as { outputs: { document: string } }).outputs.document;
}

function totals(facts: Record<string, unknown>) {
  const { result } = evaluateFast(inForce('fees.work-order'), { facts, at: AT });
  return (result as { totals: Record<string, number> }).totals;
}

const order = (payType: string) => ({
  payType,
  labour: [{ opCode: 'GEN', hours: 1 }],
  parts: [{ partNo: 'SEAL-01', category: 'oem', qty: 1, unitCostFen: 10000 }],
});

describe('VAT by payer: fees.work-order and accounting.records agree', () => {
  it.each(['internal', 'goodwill'])('%s work gets no VAT invoice and carries no VAT', (payType) => {
    expect(booking(payType)).not.toMatch(/^vat-/);
    expect(totals(order(payType))).toMatchObject({ tax: 0, customer: 0 });
  });

  it('customer work gets a VAT invoice and carries 13 % VAT', () => {
    expect(booking('customer')).toMatch(/^vat-/);
    const t = totals(order('customer'));
    expect(t.tax).toBe(Math.round(((t.labour ?? 0) + (t.parts ?? 0) - (t.discount ?? 0)) * 0.13));
  });

  it('taxes only the customer’s lines of a mixed order', () => {
    const t = totals({
      payType: 'customer',
      labour: [
        { opCode: 'M-OIL', hours: 0.5 },
        { opCode: 'GW', hours: 1, payType: 'goodwill' },
      ],
      parts: [{ partNo: 'WIPER', qty: 1, unitCostFen: 5000, payType: 'internal' }],
    });
    expect(t).toMatchObject({ labour: 14000, parts: 5000, tax: 1820, customer: 15820, internal: 5000 });
  });

  it('prices a part given in fen as the same part given in yuan', () => {
    const fen = totals({ parts: [{ partNo: 'OIL', qty: 4, unitCostFen: 5550 }] });
    const yuan = totals({ parts: [{ partNo: 'OIL', qty: 4, unitCost: 55.5 }] });
    expect(fen).toEqual(yuan);
    expect(fen.parts).toBe(28860);
  });

  it('refuses a part line giving its cost in both units, naming the second', () => {
    const facts = { parts: [{ partNo: 'OIL', qty: 4, unitCostFen: 5550, unitCost: 55.5 }] };
    try {
      evaluateFast(inForce('fees.work-order'), { facts, at: AT });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NormaError);
      expect((e as NormaError).details).toEqual([
        expect.objectContaining({ code: 'fees_line_cost_twice', path: '/parts/0/unitCost' }),
      ]);
    }
  });
});
