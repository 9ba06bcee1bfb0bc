import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * A8: approval.controls decides that the person who opened a work order never approves it;
 * approval.work-order refers to it. Whoever opened the order, at every threshold of the authority
 * table, the approver it names is never at the opener's own level, and approval.controls accepts
 * that approver while refusing the opener.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';
const OPENERS = ['service-advisor', 'service-manager'];
/** Estimates in integer fen (B18): 0, 1200, 8000, 8000.01, 20000, 20000.01 and 50000 CNY. */
const ESTIMATES = [0, 120000, 800000, 800001, 2000000, 2000001, 5000000];

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

/** The approver approval.work-order names for an order of this estimate opened by this role. */
function approverFor(estimateTotalFen: number, openedByRole: string): string {
  const facts = { estimateTotalFen, payType: 'customer', openedByRole };
  const { result } = evaluateFast(inForce('approval.work-order'), { facts, at: AT });
  return (result as { outputs: { approver: string } }).outputs.approver;
}

/** What approval.controls blocks when `approvedBy` in `approverRole` approves the order. */
function controlBlocks(
  estimateTotalFen: number,
  requiredRole: string,
  approvedBy: string,
  approverRole: string,
) {
  const facts = {
    estimateTotalFen,
    finalTotalFen: estimateTotalFen,
    openedBy: '赵敏',
    approvedBy,
    approverRole,
    requiredRole,
  };
  const { result } = evaluateFast(inForce('approval.controls'), { facts, at: AT });
  return (result as { outputs: { blocks: string[] } }).outputs.blocks;
}

describe('the approver and the opener: approval.work-order follows approval.controls', () => {
  const cases = OPENERS.flatMap((opener) => ESTIMATES.map((estimate) => [opener, estimate] as const));
  it.each(cases)('an order opened by a %s with an estimate of %d fen', (opener, estimate) => {
    const approver = approverFor(estimate, opener);
    expect(approver).not.toBe(opener);
    expect(controlBlocks(estimate, approver, '刘洋', approver)).toEqual([]);
    expect(controlBlocks(estimate, approver, '赵敏', opener)).toContain('approver-opened-order');
  });

  it('treats an order as opened by a service advisor when nobody says otherwise', () => {
    const { result } = evaluateFast(inForce('approval.work-order'), {
      facts: { estimateTotalFen: 120000, payType: 'customer' },
      at: AT,
    });
    expect((result as { outputs: { approver: string } }).outputs.approver).toBe('service-manager');
  });
});
