import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * B14: a worn tyre found during unrelated work is a recommendation the customer may decline;
 * repair.declined decides that a declined safety item needs a signed refusal, and
 * quality.control refers to it: the inspection fails on the tyre exactly when the refusal is
 * unsigned, never on the reading itself.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

function qcStatus(treadMm: number, advice: string): string {
  const { result } = evaluateFast(inForce('quality.control'), {
    facts: { workLevel: 'minor-repair' },
    answers: {
      'self-check.items-complete': { value: true },
      'self-check.fluids': { value: true },
      'self-check.no-tools-left': { value: true },
      'self-check.tread-depth': { value: treadMm },
      'self-check.tyre-advice': { value: advice },
      'final.inspector-independent': { value: true, evidence: ['sig-Q02.png'] },
      'final.dtc-cleared': { value: true },
    },
    at: AT,
  });
  return (result as { status: string }).status;
}

function refusalProblems(refusalSigned: boolean): string[] {
  const { result } = evaluateFast(inForce('repair.declined'), {
    facts: {
      declined: [{ item: '更换左前轮胎 (1.2 mm)', safety: true, refusalSigned, onVehicleRecord: true }],
    },
    at: AT,
  });
  return (result as { outputs: { refusal: string[] } }).outputs.refusal;
}

describe('a worn tyre during an oil change: quality.control follows repair.declined', () => {
  it.each([true, false])('refusal signed %s: both documents agree', (signed) => {
    expect(qcStatus(1.2, signed ? 'declined-signed' : 'declined-unsigned')).toBe(signed ? 'pass' : 'fail');
    expect(refusalProblems(signed).length === 0).toBe(signed);
  });

  it.each([0.5, 1.2, 1.59, 1.6, 4])('a reading of %f mm alone never fails an unrelated job', (mm) => {
    expect(qcStatus(mm, mm >= 1.6 ? 'within-limit' : 'declined-signed')).toBe('pass');
  });
});
