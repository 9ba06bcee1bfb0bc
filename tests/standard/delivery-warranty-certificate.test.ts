import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * B13: delivery.vehicle refers to two documents that decide. warranty.claim decides that a
 * warranty part is kept for the manufacturer and never handed to the customer; jobs.categories
 * says which work needs the 竣工出厂合格证 and repair.management-duties refuses delivery without it.
 * The delivery checklist must block exactly when they do.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

function outputs(id: string, facts: Record<string, unknown>): Record<string, unknown> {
  const { result } = evaluateFast(inForce(id), { facts, at: AT });
  return (result as { outputs: Record<string, unknown> }).outputs;
}

function delivery(
  facts: Record<string, unknown>,
  answers: Record<string, unknown>,
): { status: string; blocking: string[] } {
  const { result } = evaluateFast(inForce('delivery.vehicle'), { facts, answers, at: AT });
  return result as { status: string; blocking: string[] };
}

const common = {
  'confirm.walk-around': { value: true },
  'confirm.work-explained': { value: true },
  'confirm.clean': { value: true },
  'confirm.warranty-explained': { value: true },
  'settlement.statement-signed': { value: true, evidence: ['statement.pdf'] },
};

describe('warranty old parts: delivery.vehicle follows warranty.claim', () => {
  const claim = (givenToCustomer: boolean) =>
    outputs('warranty.claim', {
      vin: 'LSVAB4187N2123456',
      vinInOemSystem: true,
      warrantyEndsOn: '2028-06-30',
      warrantyMaxKm: 100000,
      repairOpenedOn: '2026-12-10',
      repairCompletedOn: '2026-12-11',
      odometerKm: 42000,
      claimTotalFen: 128000,
      workStartedAt: '2026-12-10T10:00:00+08:00',
      oldParts: [{ partNo: '06L115562B', tagged: true, kept: !givenToCustomer, givenToCustomer }],
    });

  it.each([
    ['manufacturer-claim', false],
    ['returned', true],
    ['waived', true],
  ])(
    'old parts %s: the delivery blocks %s, as the claim does when they leave the warranty-parts area',
    (disposition, blocks) => {
      const result = delivery(
        { payType: 'warranty', partsReplaced: true, certificateRequired: false },
        {
          ...common,
          'confirm.warranty-parts-kept': { value: disposition },
          'settlement.claim-filed': { value: true },
        },
      );
      expect(result.blocking.includes('confirm.warranty-parts-kept')).toBe(blocks);
      expect(result.status).toBe(blocks ? 'fail' : 'pass');
      const problems = claim(blocks).oldPartProblems as string[];
      expect(problems.length > 0).toBe(blocks);
    },
  );
});

describe('the completion certificate: delivery.vehicle follows jobs.categories and repair.management-duties', () => {
  const jobs: Array<[string, string, string]> = [
    ['periodic-maintenance', 'level-1', 'minor'],
    ['periodic-maintenance', 'level-2', 'minor'],
    ['general-repair', 'level-1', 'minor'],
    ['general-repair', 'level-1', 'assembly'],
    ['accident', 'level-1', 'whole-vehicle'],
    ['body-paint', 'level-1', 'minor'],
  ];
  it.each(jobs)(
    '%s (%s, %s) without a certificate: delivery and the duties agree',
    (category, maintenanceLevel, repairScope) => {
      const job = outputs('jobs.categories', { category, maintenanceLevel, repairScope });
      const required = job.certificateRequired as boolean;
      const duties = outputs('repair.management-duties', {
        ratesPublished: true,
        work: job.work,
        statement: { labourFen: 36000, materialsFen: 48000 },
        settledOn: '2026-12-15',
        healthRecordUploadedOn: '2026-12-15',
      });
      const dutiesBlock = (duties.beforeDelivery as string[]).includes('certificate-missing');
      const result = delivery(
        { payType: 'customer', partsReplaced: false, certificateRequired: required },
        {
          ...common,
          'settlement.payment-received': { value: true },
          'settlement.invoice-issued': { value: true },
          ...(required ? { 'settlement.completion-certificate': { value: false } } : {}),
        },
      );
      expect(dutiesBlock).toBe(required);
      expect(result.blocking.includes('settlement.completion-certificate')).toBe(required);
      expect(result.status).toBe(required ? 'fail' : 'pass');
    },
  );
});
