import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * A4: accounting.records decides how a service contract (prepaid package) is booked: drawn down
 * from the contract liability. fees.work-order must then never bill the customer for it again.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

describe('a service contract: fees.work-order and accounting.records agree', () => {
  it('draws the package down from the contract liability and bills the customer nothing', () => {
    const booking = evaluateFast(inForce('accounting.records'), {
      facts: { payType: 'service-contract' },
      at: AT,
    });
    expect((booking.result as { outputs: { account: string } }).outputs.account).toBe('合同负债-保养套餐');

    const facts = {
      payType: 'service-contract',
      labour: [{ opCode: 'M-OIL', hours: 0.5 }],
      parts: [{ partNo: 'OIL-5W30', category: 'oem', qty: 4, unitCost: 55 }],
    };
    const fees = evaluateFast(inForce('fees.work-order'), { facts, at: AT });
    const { totals } = fees.result as { totals: { total: number; customer: number } };
    expect(totals.total).toBeGreaterThan(0);
    expect(totals.customer).toBe(0);
  });
});
