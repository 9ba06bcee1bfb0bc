import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * D1 and D4: sanbao.remedies decides the legal 包修期 of a household vehicle (3 years or
 * 60,000 km, whichever first); warranty.claim takes the manufacturer's warranty end date and
 * mileage from its system, which may not be shorter. With the warranty set to the legal minimum,
 * the two agree at every boundary: a product quality problem repaired free under 三包 is an
 * eligible manufacturer claim, and one outside the 包修期 is not.
 */
const index = loadStandards(bundledStandardsDir);
const START = '2026-01-10';
/** The last day of the 3-year 包修期 from START (the start day not counted, 民法典 Art. 201). */
const LAST_DAY = '2029-01-10';

function inForce(id: string, at: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], at);
}

function freeUnderSanbao(at: string, odometerKm: number): boolean {
  const facts = { qualityProblem: true, sanbaoStartOn: START, odometerKm };
  const { result } = evaluateFast(inForce('sanbao.remedies', at), { facts, at });
  return (result as { outputs: { freeRepair: string[] } }).outputs.freeRepair.length > 0;
}

function eligibleClaim(at: string, odometerKm: number): boolean {
  const facts = {
    vin: 'LSVAB4187N2123456',
    vinInOemSystem: true,
    warrantyEndsOn: LAST_DAY,
    warrantyMaxKm: 60000,
    repairOpenedOn: at,
    repairCompletedOn: at,
    odometerKm,
    claimTotalFen: 120000,
    workStartedAt: `${at}T10:00:00+08:00`,
  };
  const { result } = evaluateFast(inForce('warranty.claim', at), { facts, at });
  return (result as { outputs: { ineligible: string[] } }).outputs.ineligible.length === 0;
}

describe('the 包修期: warranty.claim agrees with sanbao.remedies at the legal minimum', () => {
  const cases: Array<[string, number]> = [
    ['2026-12-02', 12000],
    ['2026-12-02', 60000],
    ['2026-12-02', 60001],
    [LAST_DAY, 59000],
    ['2029-01-11', 59000],
  ];
  it.each(cases)('a repair on %s at %d km', (at, km) => {
    expect(eligibleClaim(at, km)).toBe(freeUnderSanbao(at, km));
  });

  it('reaches both answers (the grid is not one-sided)', () => {
    const answers = new Set(cases.map(([at, km]) => freeUnderSanbao(at, km)));
    expect([...answers].sort()).toEqual([false, true]);
  });
});
