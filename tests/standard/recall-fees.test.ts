import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * D5 and D6 against the pricing: recall.check decides that a recall is never charged to the
 * customer; fees.work-order prices the recall's lines as manufacturer-paid (pay type `warranty`),
 * so what it leaves the customer to pay is exactly what recall.check accepts. And the parts
 * categories repair.management-duties requires marked and chosen are the ones fees.work-order
 * prices, so a priced part always has a category the duties know.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

/** What fees.work-order leaves the customer to pay for a recall job's lines, in fen. */
function recallCustomerFen(hours: number, unitCost: number): number {
  const facts = {
    payType: 'warranty',
    labour: [{ opCode: 'RC-2026-031', hours, payType: 'warranty' }],
    parts: [{ partNo: '5Q0407151A', qty: 1, unitCost, payType: 'warranty' }],
  };
  const { result } = evaluateFast(inForce('fees.work-order'), { facts, at: AT });
  return (result as { totals: { customer: number } }).totals.customer;
}

function recallCharges(chargedFen: number): string[] {
  const facts = {
    recallQueried: true,
    openCampaigns: [{ campaignNo: 'S-2026-031', kind: 'recall', offered: true, outcome: 'done', chargedFen }],
  };
  const { result } = evaluateFast(inForce('recall.check'), { facts, at: AT });
  return (result as { outputs: { charge: string[] } }).outputs.charge;
}

/** The `enum` of a parts line's `category` in a document's facts. */
function partCategories(id: string): string[] {
  const facts = inForce(id).data.facts as Record<
    string,
    { items: { properties: { category: { enum: string[] } } } }
  >;
  return [...(facts.parts?.items.properties.category.enum ?? [])].sort();
}

describe('a recall priced by fees.work-order is what recall.check accepts', () => {
  it.each([
    [0.5, 0],
    [1.2, 86.5],
    [6, 12800],
  ])('%d labour hours and a part costing %d CNY', (hours, unitCost) => {
    const customerFen = recallCustomerFen(hours, unitCost);
    expect(customerFen).toBe(0);
    expect(recallCharges(customerFen)).toEqual([]);
  });

  it('refuses the same recall once a single fen reaches the customer', () => {
    expect(recallCharges(1)).toEqual(['recall-charged']);
  });
});

describe('parts categories: repair.management-duties knows every category fees.work-order prices', () => {
  it('has the same category codes in both documents', () => {
    expect(partCategories('repair.management-duties')).toEqual(partCategories('fees.work-order'));
    expect(partCategories('fees.work-order').length).toBeGreaterThan(0);
  });
});
