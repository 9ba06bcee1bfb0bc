/**
 * Work orders walked through the bundled process.work-order with real decisions: every step's
 * standard is evaluated (the version in force on the step's day) on the facts the step's mapping
 * derives from the case plus what the step submits, and the envelope is recorded as the case's
 * decision, as a case service would. Each step is first asked `allowedStep`; the refused journeys
 * are refused with the code a case service answers 409 with.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedStep,
  bundledStandardsDir,
  type CompiledDocument,
  evaluateProcess,
  evaluateStandard,
  loadStandards,
  stepFacts,
} from '../../engine/index.ts';

const index = loadStandards(bundledStandardsDir, undefined, { lock: false });
const process = (index.documents.get('process.work-order') ?? [])[0] as CompiledDocument;

/**
 * Every answer "yes" (dates the day itself, numbers comfortably inside limits, the first choice),
 * each a minute after the one before it from `day` 08:00, as a technician works down the list.
 */
/** A measured value that meets its item: insulation in Ω/V (GB 18384-2020: ≥ 100 DC, ≥ 500 AC), else 5. */
function numberFor(key: string): number {
  return key.includes('insulation') ? 600 : 5;
}

function allYes(standard: string, day: string, except: string[] = []): Record<string, unknown> {
  let minute = Date.parse(`${day}T08:00:00+08:00`);
  const doc = (index.documents.get(standard) ?? []).at(-1) as CompiledDocument;
  const answers: Record<string, unknown> = {};
  for (const item of doc.module.answerItems?.(doc.compiled) ?? []) {
    const s = item.schema as { type?: string; enum?: unknown[]; format?: string };
    const value = except.includes(item.key)
      ? false
      : s.enum
        ? s.enum[0]
        : s.format === 'date'
          ? day
          : s.type === 'number'
            ? numberFor(item.key)
            : true;
    minute += 60_000;
    answers[item.key] = {
      value,
      by: 'T-07',
      at: new Date(minute).toISOString(),
      ...(item.evidence === 'none' ? {} : { evidence: [`${item.key}.jpg`] }),
    };
  }
  return answers;
}

/** A case: its facts and history, and the step submissions a case service would make. */
class Case {
  history: unknown[] = [];
  private n = 0;
  constructor(readonly facts: Record<string, unknown>) {}

  event(type: string, time: string, data?: Record<string, unknown>) {
    this.history.push({ type, time, actor: 'SA-01', ...(data ? { data } : {}) });
  }

  /** Submits a step at `time`: refused with a code, or evaluated and recorded. */
  async submit(step: string, time: string, given: Record<string, unknown> = {}, answers?: unknown) {
    const permission = allowedStep(process, this.request(time), step);
    if (!permission.allowed) return permission;
    const facts = stepFacts(process, step, this.facts, given);
    const envelope = await evaluateStandard(index, permission.standard, {
      facts,
      ...(answers ? { answers } : {}),
      at: time.slice(0, 10),
    });
    const decisionId = `d-${++this.n}`;
    this.history.push({
      decisionId,
      standard: envelope.standard,
      step,
      at: time,
      recordedAt: time,
      result: envelope.result,
      matched: envelope.matched,
    });
    return { ...permission, decisionId, result: envelope.result };
  }

  request(at: string) {
    return { facts: this.facts, history: this.history, at };
  }

  state(at: string) {
    return evaluateProcess(process, this.request(at));
  }
}

const t = (hhmm: string, day = '03') => `2026-12-${day}T${hhmm}:00+08:00`;
const technician = (hv: boolean) => ({
  id: 'T-07',
  certifications: [
    { type: 'technician', expiresOn: '2029-06-30' },
    // HV work: the 特种作业操作证 (低压电工作业, next 复审 date) and the manufacturer's HV authorisation.
    ...(hv
      ? [
          { type: 'special-operation-electrician', expiresOn: '2028-03-31' },
          { type: 'oem-hv-authorisation', expiresOn: '2028-03-31' },
        ]
      : []),
  ],
});
const registration = {
  vehicleModel: 'BYD Han EV',
  plate: '沪AD12345',
  vin: 'LGXC16DF4N0000001',
  ownerName: '张伟',
  phone: '13800138000',
  serviceContent: '高压电池包检修',
  expectedCompletion: '2026-12-03T17:00:00+08:00',
  toolsAndParts: ['绝缘手套', '诊断仪'],
};

async function throughRepair(kase: Case, hv: boolean) {
  kase.event('vehicle-received', t('08:30'));
  expect(await kase.submit('registration.register', t('08:40'))).toMatchObject({ allowed: true });
  expect(await kase.submit('dispatch.schedule', t('08:45'))).toMatchObject({ allowed: true });
  await kase.submit('dispatch.assign', t('08:50'), { person: technician(hv) });
  await kase.submit('site-safety.check', t('09:00'), {}, allYes('safety.site', '2026-12-03'));
}

describe('a work order walked through process.work-order with real decisions', () => {
  it('an EV job goes from reception to the archive, every step done by a recorded decision', async () => {
    const kase = new Case({
      job: { type: 'ev-high-voltage', safetyCritical: true },
      registration,
      repairSystem: 'ev-high-voltage',
      workLevel: 'major-repair',
      liftUsed: true,
      payType: 'customer',
      advisor: 'SA-01',
    });
    await throughRepair(kase, true);
    expect(kase.state(t('09:05')).stage).toBe('high-voltage');
    await kase.submit('high-voltage.isolation', t('09:10'), { person: technician(true) });
    await kase.submit('repair.procedure', t('11:00'), {}, allYes('procedure.repair', '2026-12-03'));
    await kase.submit('quality-control.inspect', t('11:30'), {}, allYes('quality.control', '2026-12-03'));
    await kase.submit(
      'delivery.handover',
      t('14:30'),
      { certificateRequired: true },
      allYes('delivery.vehicle', '2026-12-03'),
    );
    kase.event('delivered', t('15:00'), { mileage: 45210 });
    await kase.submit('settlement.fees', t('15:05'), {
      labour: [{ opCode: 'HV-01', skill: 'ev-high-voltage', hours: 2 }],
      parts: [{ partNo: 'P-1', qty: 1, unitCost: 380 }],
    });
    kase.event('customer-signed', t('15:10'));
    kase.event('call-attempted', t('10:00', '05'), { reached: true });
    kase.event('survey-sent', t('10:05', '05'));
    const followup = await kase.submit('follow-up.call', t('10:10', '05'), {
      deliveredAt: '2026-12-03',
      call: { at: t('10:00', '05'), by: 'CR-02', reached: true },
      survey: { sentAt: t('10:05', '05'), score: 92 },
    });
    expect(followup).toMatchObject({ allowed: true, result: { outputs: { actions: [] } } });
    await kase.submit('archiving.documents', t('09:00', '06'), {
      handover: {
        at: t('08:50', '06'),
        from: 'SA-01',
        to: 'AR-01',
        content: ['工单', '诊断报告'],
        channel: 'dms',
      },
      documents: {
        diagnosticReport: true,
        workOrder: true,
        partsList: true,
        serviceRecord: true,
        repairManual: true,
      },
    });
    await kase.submit('archiving.records', t('09:10', '06'), {
      deliveredAt: '2026-12-03',
      record: {
        technician: 'T-07',
        inspector: 'QC-01',
        customerSigned: true,
        contract: true,
        completionCertificateCopy: true,
        archivedAt: '2026-12-06',
      },
    });
    kase.event('archived', t('09:20', '06'));
    const done = kase.state(t('18:00', '06'));
    const notDone = Object.entries(done.stages).flatMap(([id, s]) =>
      Object.entries(s.steps).flatMap(([step, v]) =>
        v.state === 'done' ? [] : [`${id}.${step}: ${v.state} ${v.reason ?? ''}`],
      ),
    );
    expect(notDone).toEqual([]);
    expect(done).toMatchObject({ stage: null, complete: true, overdue: [], refused: [], next: [] });
  });

  it('refuses site safety for an EV job assigned to a technician without the HV certificate', async () => {
    const kase = new Case({
      job: { type: 'ev-high-voltage' },
      registration,
      repairSystem: 'ev-high-voltage',
      workLevel: 'major-repair',
      advisor: 'SA-01',
    });
    kase.event('vehicle-received', t('08:30'));
    await kase.submit('registration.register', t('08:40'));
    await kase.submit('dispatch.schedule', t('08:45'));
    const assigned = await kase.submit('dispatch.assign', t('08:50'), { person: technician(false) });
    expect(assigned).toMatchObject({
      result: { outputs: { allowed: false, reason: 'hv-certificate-missing' } },
    });
    const safety = await kase.submit(
      'site-safety.check',
      t('09:00'),
      {},
      allYes('safety.site', '2026-12-03'),
    );
    expect(safety).toMatchObject({ allowed: false, code: 'step_out_of_order' });
    expect(kase.state(t('09:05')).stages.dispatch?.steps.assign?.reason).toContain(
      '`outputs.allowed` is false, needs true',
    );
  });

  it('refuses the repair after a failed safety check, and takes it once the check passes', async () => {
    const kase = new Case({
      job: { type: 'repair' },
      registration,
      repairSystem: 'brakes',
      workLevel: 'minor-repair',
      liftUsed: true,
      advisor: 'SA-01',
    });
    kase.event('vehicle-received', t('08:30'));
    await kase.submit('registration.register', t('08:40'));
    await kase.submit('dispatch.schedule', t('08:45'));
    await kase.submit('dispatch.assign', t('08:50'), { person: technician(false) });
    const failed = await kase.submit(
      'site-safety.check',
      t('09:00'),
      {},
      allYes('safety.site', '2026-12-03', ['site.fire-extinguisher']),
    );
    expect(failed).toMatchObject({
      allowed: true,
      result: { status: 'fail', blocking: ['site.fire-extinguisher'] },
    });
    expect(
      await kase.submit('repair.procedure', t('09:30'), {}, allYes('procedure.repair', '2026-12-03')),
    ).toMatchObject({
      allowed: false,
      code: 'step_out_of_order',
    });
    await kase.submit('site-safety.check', t('09:40'), {}, allYes('safety.site', '2026-12-03'));
    expect(
      await kase.submit('repair.procedure', t('11:00'), {}, allYes('procedure.repair', '2026-12-03')),
    ).toMatchObject({
      allowed: true,
      result: { status: 'pass' },
    });
    expect(kase.state(t('11:05')).stage).toBe('quality-control');
  });

  it('refuses delivery before quality control, and after a failed QC until it passes again', async () => {
    const kase = new Case({
      job: { type: 'maintenance' },
      registration,
      workLevel: 'level-2-maintenance',
      advisor: 'SA-01',
    });
    await throughRepair(kase, false);
    await kase.submit('repair.procedure', t('11:00'), {}, allYes('procedure.repair', '2026-12-03'));
    const delivery = () =>
      kase.submit(
        'delivery.handover',
        t('12:00'),
        { certificateRequired: true },
        allYes('delivery.vehicle', '2026-12-03'),
      );
    expect(await delivery()).toMatchObject({ allowed: false, code: 'step_out_of_order' });
    const qc = await kase.submit(
      'quality-control.inspect',
      t('11:30'),
      {},
      allYes('quality.control', '2026-12-03', ['final.completion-certificate']),
    );
    expect(qc).toMatchObject({ result: { status: 'fail', blocking: ['final.completion-certificate'] } });
    expect(await delivery()).toMatchObject({ allowed: false, code: 'step_out_of_order' });
    await kase.submit('quality-control.inspect', t('11:50'), {}, allYes('quality.control', '2026-12-03'));
    expect(await delivery()).toMatchObject({ allowed: true, result: { status: 'pass' } });
    expect(kase.state(t('12:05')).stages['quality-control']?.steps.inspect).toMatchObject({
      state: 'done',
      attempts: 2,
    });
  });
});
