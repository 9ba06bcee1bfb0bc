import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * A7: risk.responsibility decides who is responsible for an incident and whether it vetoes their
 * scorecard; scorecard.technician refers to it. For every cause and harm, the technician who did
 * the work is vetoed exactly when risk.responsibility puts the incident on the operator with a
 * veto.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';
const CAUSES = [
  'procedure-violation',
  'unqualified-assignment',
  'equipment-not-maintained',
  'management-failure',
  'part-defect',
  'external',
];
const HARMS = ['none', 'minor-injury', 'serious-injury', 'fatality'];
const GOOD_MONTH = { efficiencyPct: 118, productivityPct: 96, comebackRatePct: 0.5, csi: 94 };

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

/** Whether risk.responsibility puts the incident on the person doing the work, with a veto. */
function operatorVetoed(cause: string, harm: string): boolean {
  const { result } = evaluateFast(inForce('risk.responsibility'), { facts: { cause, harm }, at: AT });
  const { outputs } = result as { outputs: { responsible: string; scorecardVeto: boolean } };
  return outputs.responsible === 'operator' && outputs.scorecardVeto;
}

/** The grade scorecard.technician gives an A month with one incident of this cause and harm. */
function scorecardGrade(cause: string, harm: string): string {
  const facts = { ...GOOD_MONTH, safetyIncidents: 1, incidents: [{ cause, harm }] };
  const { result } = evaluateFast(inForce('scorecard.technician'), { facts, at: AT });
  return (result as { grade: string }).grade;
}

describe('the safety veto: scorecard.technician follows risk.responsibility', () => {
  const cases = CAUSES.flatMap((cause) => HARMS.map((harm) => [cause, harm] as const));
  it.each(cases)('an incident caused by %s with harm %s', (cause, harm) => {
    expect(scorecardGrade(cause, harm)).toBe(operatorVetoed(cause, harm) ? 'D' : 'A');
  });

  it('vetoes a breach of procedure and nothing else', () => {
    expect(CAUSES.filter((cause) => operatorVetoed(cause, 'none'))).toEqual(['procedure-violation']);
  });
});
