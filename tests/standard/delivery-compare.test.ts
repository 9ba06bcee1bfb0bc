import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * D3: inspection.delivery-compare decides whether the delivery walk-around found new damage
 * against the reception record; delivery.vehicle refers to it through its critical walk-around
 * item. Fed from the same reception checklist (inspection.reception) answers, the two agree: the
 * delivery fails on the walk-around exactly when the comparison reports unhandled new damage, and
 * the reception readings the comparison uses are the ones the reception checklist accepts.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

/** A reception checklist filled in for a petrol car with these readings. */
function receptionAnswers(odometerKm: number, fuelEighths: number) {
  return {
    'exterior.damage-recorded': { value: true, evidence: ['rear-bumper-scratch.jpg'] },
    'exterior.glass-lamps': { value: true },
    'exterior.wheels': { value: true },
    'instruments.odometer': { value: odometerKm, evidence: ['odo.jpg'] },
    'instruments.fuel-level': { value: fuelEighths },
    'instruments.warning-lights': { value: 'none', evidence: ['无'] },
    'contents.valuables': { value: true },
    'contents.accessories': { value: true },
    'sign-off.customer-signature': { value: true, evidence: ['sig-customer.png'] },
    'sign-off.advisor': { value: true, evidence: ['sig-SA.png'] },
  };
}

/** The delivery checklist of a customer-paid job whose walk-around found no new damage, or did. */
function deliveryStatus(walkAroundClean: boolean): string {
  const answers = {
    'confirm.walk-around': { value: walkAroundClean },
    'confirm.work-explained': { value: true },
    'confirm.old-parts': { value: 'returned' },
    'confirm.clean': { value: true },
    'confirm.warranty-explained': { value: true },
    'settlement.statement-signed': { value: true, evidence: ['statement.pdf'] },
    'settlement.payment-received': { value: true },
    'settlement.invoice-issued': { value: true },
  };
  const { result } = evaluateFast(inForce('delivery.vehicle'), {
    facts: { payType: 'customer', certificateRequired: false },
    answers,
    at: AT,
  });
  return (result as { status: string }).status;
}

function compare(newDamage: boolean, newDamageHandled: boolean) {
  const reception = receptionAnswers(23456, 4);
  const received = evaluateFast(inForce('inspection.reception'), {
    facts: { powertrain: 'petrol' },
    answers: reception,
    at: AT,
  });
  expect((received.result as { status: string }).status).toBe('pass');
  const facts = {
    reception: {
      odometerKm: reception['instruments.odometer'].value,
      fuelEighths: reception['instruments.fuel-level'].value,
    },
    delivery: { odometerKm: 23462, fuelEighths: 4, newDamage },
    newDamageHandled,
    roadTest: { done: true, startOdometerKm: 23456, endOdometerKm: 23462 },
  };
  const { result } = evaluateFast(inForce('inspection.delivery-compare'), { facts, at: AT });
  return (result as { outputs: { damage: string[]; odometer: string[]; energy: string[] } }).outputs;
}

describe('the delivery walk-around: delivery.vehicle follows inspection.delivery-compare', () => {
  it.each([
    [false, false],
    [true, false],
    [true, true],
  ])('new damage %s, handled with the customer %s', (newDamage, handled) => {
    const outputs = compare(newDamage, handled);
    const blocked = outputs.damage.includes('new-damage-unresolved');
    expect(blocked).toBe(newDamage && !handled);
    expect(outputs.odometer).toEqual([]);
    expect(outputs.energy).toEqual([]);
    // The walk-around item is answered "no new damage" only when the comparison leaves none open.
    expect(deliveryStatus(!blocked)).toBe(blocked ? 'fail' : 'pass');
  });

  it('refuses a reception reading the checklist would not accept (fuel beyond the gauge)', () => {
    const facts = {
      reception: { odometerKm: 100, fuelEighths: 9 },
      delivery: { odometerKm: 100, newDamage: false },
    };
    expect(() => evaluateFast(inForce('inspection.delivery-compare'), { facts, at: AT })).toThrow(/facts/);
  });
});
