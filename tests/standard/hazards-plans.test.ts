import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * B15: risk.matrix decides which risks are high and need an emergency plan; risk.hazards rates
 * each hazard and names the plan that covers it; emergency.plans requires the plans. Every hazard
 * the register rates high must name a plan, and an EV workshop without that plan has a gap.
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

const hazards = (inForce('risk.hazards').facts.declared.hazard?.enum ?? []) as string[];
const allPlans = ['fire', 'hv-shock', 'battery-thermal-runaway', 'chemical-splash', 'lift-failure'];
const plan = (hazard: string) => ({ hazard, lastDrillAt: '2026-06-01', reviewedAt: '2026-01-10' });

describe('high hazards have their emergency plans', () => {
  it('rates some hazards high', () => {
    const high = hazards.filter((h) => {
      const rated = outputs('risk.hazards', { hazard: h });
      return outputs('risk.matrix', { likelihood: rated.likelihood, severity: rated.severity }).emergencyPlan;
    });
    expect(high).toEqual(expect.arrayContaining(['fuel-fire', 'hv-shock', 'battery-thermal-runaway']));
  });

  it.each(hazards)('%s: a high rating names a plan that emergency.plans requires', (hazard) => {
    const rated = outputs('risk.hazards', { hazard });
    const needsPlan = outputs('risk.matrix', { likelihood: rated.likelihood, severity: rated.severity })
      .emergencyPlan as boolean;
    // risk.matrix's high band is a product of 16 or more.
    expect(needsPlan).toBe((rated.likelihood as number) * (rated.severity as number) >= 16);
    if (!needsPlan) return;
    expect(rated.plan).not.toBe('none');
    const complete = outputs('emergency.plans', { servicesEv: true, plans: allPlans.map(plan) });
    expect(complete.gaps).toEqual([]);
    const without = outputs('emergency.plans', {
      servicesEv: true,
      plans: allPlans.filter((p) => p !== rated.plan).map(plan),
    });
    expect((without.gaps as string[]).length).toBeGreaterThan(0);
  });
});
