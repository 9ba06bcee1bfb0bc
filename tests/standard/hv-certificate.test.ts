import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * A5: qualification.technician decides whether a person may be assigned HV work;
 * training.requirements refers to it. The same HV certificate (since B20 the 特种作业操作证,
 * 低压电工作业, whose `expiresOn` is the next 复审) must give the same blocking answer in both,
 * at every boundary of the 30-day notice period.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

/** The date `days` after AT (negative: before). */
function daysFromAt(days: number): string {
  const d = new Date(`${AT}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether qualification.technician refuses HV work for a certificate expiring on `expiresOn`. */
function qualificationBlocks(expiresOn: string): boolean {
  const facts = {
    jobType: 'ev-high-voltage',
    person: {
      id: 'T-12',
      certifications: [
        { type: 'technician', expiresOn: '2030-06-30' },
        { type: 'special-operation-electrician', expiresOn },
        { type: 'oem-hv-authorisation', expiresOn: '2030-06-30' },
      ],
    },
  };
  const { result } = evaluateFast(inForce('qualification.technician'), { facts, at: AT });
  return !(result as { outputs: { allowed: boolean } }).outputs.allowed;
}

/** Whether training.requirements blocks a fully trained technician with the same certificate. */
function trainingBlocks(expiresOn: string): boolean {
  const facts = {
    staff: {
      id: 'T-12',
      hiredAt: '2020-04-01',
      inductionDone: true,
      trainingHours12m: 46,
      lastAssessmentAt: daysFromAt(-60),
      hvCertificateExpiresOn: expiresOn,
    },
  };
  const { result } = evaluateFast(inForce('training.requirements'), { facts, at: AT });
  return (result as { outputs: { blocking: number } }).outputs.blocking > 0;
}

describe('the HV certificate: qualification.technician and training.requirements agree', () => {
  it.each([
    [-1, true],
    [0, true],
    [1, true],
    [25, true],
    [29, true],
    [30, true],
    [31, false],
    [60, false],
  ])('a certificate expiring %i days after the evaluation date blocks: %s', (days, blocks) => {
    const expiresOn = daysFromAt(days);
    expect(qualificationBlocks(expiresOn)).toBe(blocks);
    expect(trainingBlocks(expiresOn)).toBe(blocks);
  });
});

describe('B20: the two documents name the same certificate', () => {
  /** Every text of a document a person reads, in both languages. */
  const texts = (id: string) => {
    const doc = inForce(id);
    // `change` names the defect it fixed, so it may quote the old word.
    const {
      tests: _tests,
      invariants: _invariants,
      change: _change,
      ...rest
    } = doc.data as Record<string, unknown>;
    return JSON.stringify(rest);
  };

  it.each(['qualification.technician', 'training.requirements'])(
    '%s names the 特种作业操作证, never a 高压证书 or a 高压电工证',
    (id) => {
      expect(texts(id)).toContain('特种作业操作证');
      expect(texts(id)).not.toMatch(/高压证书|高压电工证/);
    },
  );
});
