import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * D11: jobs.categories decides the regulatory work category of a 4S job; warranty.repair-quality
 * (the repair quality warranty period, 机动车维修管理规定 Art. 37) and repair.management-duties
 * (the completion certificate) take it from there. Every 4S category, maintenance level and
 * repair scope maps to a category both accept, the period follows the category, and the
 * certificate is demanded exactly where jobs.categories says it is required.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

const CATEGORIES = [
  'first-service',
  'periodic-maintenance',
  'general-repair',
  'body-paint',
  'accident',
  'warranty',
  'recall',
];
const LEVELS = ['level-1', 'level-2'];
const SCOPES = ['minor', 'assembly', 'whole-vehicle'];

/** The repair quality warranty period for a car by regulatory category (Art. 37). */
const PERIOD: Record<string, string> = {
  'major-repair': '20000 km / 100 天',
  'level-2-maintenance': '5000 km / 30 天',
  'level-1-maintenance': '2000 km / 10 天',
  'minor-repair': '2000 km / 10 天',
  'specialist-repair': '2000 km / 10 天',
};

function mapped(category: string, maintenanceLevel: string, repairScope: string) {
  const { result } = evaluateFast(inForce('jobs.categories'), {
    facts: { category, maintenanceLevel, repairScope },
    at: AT,
  });
  return (result as { outputs: { work: string; certificateRequired: boolean } }).outputs;
}

function periodFor(work: string): string {
  const facts = {
    vehicleClass: 'automobile',
    cause: 'repair-quality',
    work,
    deliveredAt: '2026-12-12',
    kmSinceDelivery: 100,
    sameFault: true,
  };
  const { result } = evaluateFast(inForce('warranty.repair-quality'), { facts, at: AT });
  return (result as { outputs: { period: string } }).outputs.period;
}

function certificateDemanded(work: string): boolean {
  const facts = {
    ratesPublished: true,
    work,
    statement: { labourFen: 10000, materialsFen: 0 },
    settledOn: AT,
    healthRecordUploadedOn: AT,
  };
  const { result } = evaluateFast(inForce('repair.management-duties'), { facts, at: AT });
  return (result as { outputs: { beforeDelivery: string[] } }).outputs.beforeDelivery.includes(
    'certificate-missing',
  );
}

describe('4S job categories: warranty.repair-quality and repair.management-duties follow jobs.categories', () => {
  const cases = CATEGORIES.flatMap((c) => LEVELS.flatMap((l) => SCOPES.map((s) => [c, l, s] as const)));
  it.each(cases)('%s, %s, scope %s', (category, level, scope) => {
    const { work, certificateRequired } = mapped(category, level, scope);
    expect(periodFor(work)).toBe(PERIOD[work]);
    expect(certificateDemanded(work)).toBe(certificateRequired);
  });

  it('gives a body repair the 10-day period and an engine replacement under warranty the 100-day one', () => {
    expect(periodFor(mapped('body-paint', 'level-1', 'minor').work)).toBe('2000 km / 10 天');
    expect(periodFor(mapped('warranty', 'level-1', 'assembly').work)).toBe('20000 km / 100 天');
  });
});
