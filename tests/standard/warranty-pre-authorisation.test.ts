import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * B12: warranty.claim decides when a warranty repair needs the manufacturer's pre-authorisation
 * (above 500000 fen, or an operation the manufacturer lists); approval.work-order refers to it and
 * names the manufacturer as the approver exactly then, never the general manager.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

function approver(estimateTotalFen: number, oemListedOperation: boolean, openedByRole: string): string {
  const { result } = evaluateFast(inForce('approval.work-order'), {
    facts: { estimateTotalFen, payType: 'warranty', oemListedOperation, openedByRole },
    at: AT,
  });
  return (result as { outputs: { approver: string } }).outputs.approver;
}

function claimNeedsPreAuthorisation(claimTotalFen: number, oemListedOperation: boolean): boolean {
  const { result } = evaluateFast(inForce('warranty.claim'), {
    facts: {
      vin: 'LSVAB4187N2123456',
      vinInOemSystem: true,
      warrantyEndsOn: '2028-06-30',
      warrantyMaxKm: 100000,
      repairOpenedOn: '2026-12-10',
      repairCompletedOn: '2026-12-11',
      odometerKm: 42000,
      claimTotalFen,
      oemListedOperation,
      workStartedAt: '2026-12-10T10:00:00+08:00',
    },
    at: AT,
  });
  return (result as { outputs: { blocks: string[] } }).outputs.blocks.includes('pre-authorisation-missing');
}

const cases = [0, 30000, 499999, 500000, 500001, 800001, 2000001, 9000000].flatMap((fen) =>
  [false, true].flatMap((listed) =>
    ['service-advisor', 'service-manager'].map((opener) => [fen, listed, opener] as const),
  ),
);

describe('warranty pre-authorisation: approval.work-order follows warranty.claim', () => {
  it.each(cases)('a warranty job of %d fen (listed operation: %s) opened by a %s', (fen, listed, opener) => {
    const needed = claimNeedsPreAuthorisation(fen, listed);
    const who = approver(fen, listed, opener);
    expect(who === 'manufacturer').toBe(needed);
    expect(who).not.toBe('general-manager');
    expect(who).not.toBe(opener);
  });
});
