/**
 * A work order's steps with inputs that complete them under the bundled standard, for the case
 * tests and docs/process.md: each step's own facts and answers (the process supplies the rest from
 * the case's facts). Dates that a standard checks against the day of the step are today's.
 */
import { standardDay } from '../../records/recorder.ts';

export const workOrderFacts = {
  job: { type: 'maintenance' },
  workLevel: 'minor-repair',
  advisor: 'SA-01',
  registration: {
    vehicleModel: '比亚迪 汉 EV',
    plate: '沪AD12345',
    vin: 'LGXCE4CB8N0012345',
    ownerName: '张伟',
    phone: '13812345678',
    serviceContent: '小修 + 空调异响检查',
    expectedCompletion: '2026-12-03T17:00:00+08:00',
    toolsAndParts: ['诊断仪', '空调滤芯'],
  },
};

const yes = { value: true };

/** The steps of a maintenance job, in order, each with what it sends (`step` and its input). */
export function workOrderSteps(now = new Date()) {
  const today = standardDay(now.toISOString());
  return {
    register: { step: 'registration.register' },
    schedule: { step: 'dispatch.schedule' },
    assign: {
      step: 'dispatch.assign',
      facts: { person: { id: 'T-12', certifications: [{ type: 'technician', expiresOn: '2030-06-30' }] } },
    },
    safety: {
      step: 'safety.site',
      answers: {
        'site.surroundings': yes,
        'site.tools': yes,
        'site.warning-sign': yes,
        'site.wheel-chocks': yes,
        'site.fire-extinguisher': yes,
        'site.extinguisher-inspected': { value: today },
        'site.waste-oil': yes,
        'ppe.gloves': yes,
        'ppe.goggles': yes,
        'sign-off.qualified-checker': { value: true, by: 'S-01', evidence: ['sig-S01.png'] },
      },
    },
    repair: {
      // A brake job: the case's `repairSystem` is `brakes` (set by PATCH in the journeys).
      step: 'repair.procedure',
      answers: {
        'procedure.vehicle-check': { value: true, at: `${today}T09:00:00+08:00` },
        'procedure.diagnosis': {
          value: true,
          at: `${today}T09:20:00+08:00`,
          evidence: ['C1234 左前轮速传感器'],
        },
        'procedure.repair-plan': {
          value: true,
          at: `${today}T09:40:00+08:00`,
          evidence: ['sig-客户确认.png'],
        },
        'procedure.repair': { value: true, at: `${today}T10:30:00+08:00` },
        'procedure.torque': { value: true, at: `${today}T11:00:00+08:00` },
        'procedure.confirm': { value: true, at: `${today}T11:10:00+08:00` },
        'procedure.road-test': { value: true, at: `${today}T11:20:00+08:00` },
        'tools.scanner': yes,
        'tools.torque-wrench-calibrated': { value: today },
      },
    },
    qcFail: {
      step: 'quality-control.inspect',
      answers: {
        'self-check.items-complete': yes,
        'self-check.fluids': yes,
        'self-check.no-tools-left': yes,
        'self-check.tread-depth': { value: 1.2 },
        // A worn tyre declined without the customer's signed refusal fails QC (quality.control 1.1.0).
        'self-check.tyre-advice': { value: 'declined-unsigned' },
        'final.inspector-independent': { value: true, by: 'Q-02', evidence: ['sig-Q02.png'] },
        'final.dtc-cleared': yes,
      },
    },
    qc: {
      step: 'quality-control.inspect',
      answers: {
        'self-check.items-complete': yes,
        'self-check.fluids': yes,
        'self-check.no-tools-left': yes,
        'self-check.tread-depth': { value: 4.2 },
        'self-check.tyre-advice': { value: 'within-limit' },
        'final.inspector-independent': { value: true, by: 'Q-02', evidence: ['sig-Q02.png'] },
        'final.dtc-cleared': yes,
      },
    },
    handover: {
      step: 'delivery.handover',
      // A minor repair needs no completion certificate (jobs.categories decides).
      facts: { certificateRequired: false },
      answers: {
        'confirm.walk-around': yes,
        'confirm.work-explained': yes,
        'confirm.old-parts': { value: 'returned' },
        'confirm.clean': yes,
        'confirm.warranty-explained': yes,
        'settlement.statement-signed': { value: true, evidence: ['statement-0042.pdf'] },
        'settlement.payment-received': yes,
        'settlement.invoice-issued': yes,
      },
    },
    fees: {
      step: 'settlement.fees',
      facts: {
        labour: [{ opCode: 'B-PAD', skill: 'senior', hours: 1.2 }],
        parts: [{ partNo: 'PAD-F', category: 'oem', qty: 1, unitCost: 300 }],
      },
    },
    followUp: { step: 'follow-up.call', facts: { deliveredAt: today } },
    documents: {
      step: 'archiving.documents',
      facts: {
        handover: {
          at: `${today}T09:30:00+08:00`,
          from: 'SA-01',
          to: 'T-12',
          content: ['诊断报告', '工单', '配件清单', '服务记录'],
          channel: 'dms',
        },
        documents: {
          diagnosticReport: true,
          workOrder: true,
          partsList: true,
          serviceRecord: true,
          repairManual: true,
        },
      },
    },
    records: {
      step: 'archiving.records',
      facts: {
        deliveredAt: today,
        record: {
          technician: 'T-12',
          inspector: 'Q-02',
          customerSigned: true,
          contract: true,
          completionCertificateCopy: true,
          archivedAt: today,
        },
      },
    },
  };
}
