import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/testing.ts';
import { bundledStandardsDir } from '../../engine/index.ts';
import { standardDay } from '../../records/recorder.ts';
import { sha256Of } from '../grants.ts';
import { json, type Loose, postJson, recordingApp, testApp } from '../testing.ts';
import { workOrderFacts, workOrderSteps } from './cases-journey.ts';

const ADVISOR = 'advisor-token-0123456789';
const READER = 'reader-token-0123456789';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

let t: Awaited<ReturnType<typeof recordingApp>>;
beforeAll(async () => {
  t = await recordingApp(
    {
      grants: [
        {
          name: 'SA-01',
          sha256: sha256Of(ADVISOR),
          scopes: new Set(['read', 'evaluate', 'records:read'] as const),
        },
        { name: 'wiki', sha256: sha256Of(READER), scopes: new Set(['read'] as const) },
      ],
    },
    bundledStandardsDir,
  );
});
afterAll(() => t.close());

const get = (path: string, token = ADVISOR) => t.app.request(path, { headers: auth(token) });
const post = (path: string, body: unknown, token = ADVISOR) =>
  t.app.request(path, postJson(body, auth(token)));
const patch = (path: string, body: unknown) =>
  t.app.request(path, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth(ADVISOR) },
    body: JSON.stringify(body),
  });

/**
 * The journeys walk 1.0.0's steps, pinned, so they do not change when a later version comes into
 * force (1.1.0 adds the reception inspection, the recall check, the walk-around and the estimate:
 * its own tests walk those); the case that takes the version in force is tested below.
 */
const JOURNEY_VERSION = '1.0.0';

async function openCase(id: string, facts: Record<string, unknown> = workOrderFacts): Promise<Loose> {
  const res = await post('/v1/cases', {
    process: 'process.work-order',
    version: JOURNEY_VERSION,
    subject: { type: 'work-order', id },
    facts,
  });
  expect(res.status).toBe(201);
  return json(res);
}
async function step(caseId: string, body: unknown): Promise<Loose> {
  const res = await post(`/v1/cases/${caseId}/steps`, body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  return json(res);
}
async function event(caseId: string, body: unknown): Promise<Loose> {
  const res = await post(`/v1/cases/${caseId}/events`, body);
  expect(res.status).toBe(201);
  return json(res);
}
/** Walks a case from reception to the stage before the one named. */
async function walkTo(caseId: string, stop: 'repair' | 'delivery' | 'settlement'): Promise<void> {
  const s = workOrderSteps();
  await event(caseId, { type: 'vehicle-received' });
  for (const k of ['register', 'schedule', 'assign', 'safety'] as const) await step(caseId, s[k]);
  if (stop === 'repair') return;
  await patch(`/v1/cases/${caseId}`, { facts: { repairSystem: 'brakes' } });
  for (const k of ['repair', 'qc'] as const) await step(caseId, s[k]);
  if (stop === 'delivery') return;
  await step(caseId, s.handover);
}

describe('a work order walked through process.work-order over HTTP', () => {
  it('opens, steps, records events and fact updates, and ends complete with its whole timeline', async () => {
    const s = workOrderSteps();
    const opened = await openCase('WO-2026-0042', { ...workOrderFacts });
    const pinned = t.holder.index.documents
      .get('process.work-order')
      ?.find((d) => d.version === JOURNEY_VERSION);
    expect(opened).toMatchObject({
      process: { id: 'process.work-order', version: JOURNEY_VERSION, digest: pinned?.digest },
      subject: { type: 'work-order', id: 'WO-2026-0042' },
      openedBy: 'SA-01',
      state: { stage: 'reception', complete: false },
      history: [],
      changes: [],
    });
    expect(opened.process.digest).toMatch(/^sha256:/);
    const id = opened.caseId;

    expect((await event(id, { type: 'vehicle-received' })).state.stage).toBe('registration');
    const registered = await step(id, s.register);
    expect(registered.decision).toMatchObject({
      kind: 'ruleset',
      standard: { id: 'registration.service' },
      result: { outputs: { problems: 0 } },
    });
    expect(registered.decision.decisionId).toBe(registered.case.history.at(-1).decisionId);
    expect(registered.case.state.stage).toBe('dispatch');
    // The step's facts come from the case: the registration form is the case's.
    const record = await json(await get(`/v1/decisions/${registered.decision.decisionId}`));
    expect(record).toMatchObject({
      caseId: id,
      subject: { type: 'work-order', id: 'WO-2026-0042' },
      caller: 'SA-01',
      input: { step: 'registration.register', facts: { registration: { plate: '沪AD12345' } } },
    });

    for (const k of ['schedule', 'assign', 'safety'] as const) await step(id, s[k]);
    const patched = await patch(`/v1/cases/${id}`, { facts: { repairSystem: 'brakes' } });
    expect(patched.status).toBe(200);
    expect((await json(patched)).changes).toEqual([
      { changes: [{ path: 'repairSystem', after: 'brakes' }], by: 'SA-01', recordedAt: expect.any(String) },
    ]);
    expect((await step(id, s.repair)).case.state.stage).toBe('quality-control');
    // QC fails: the case stays at QC; the repair is done again and QC passes on the second attempt.
    const failed = await step(id, s.qcFail);
    expect(failed.decision.result.status).toBe('fail');
    expect(failed.case.state.stage).toBe('quality-control');
    await step(id, s.repair);
    const passed = await step(id, s.qc);
    expect(passed.case.state).toMatchObject({
      stage: 'delivery',
      stages: { 'quality-control': { state: 'done', steps: { inspect: { attempts: 2 } } } },
    });
    await step(id, s.handover);
    expect((await event(id, { type: 'delivered', data: { mileage: 45210 } })).state.stage).toBe('settlement');
    await step(id, s.fees);
    await event(id, { type: 'customer-signed' });
    await event(id, { type: 'call-attempted', actor: 'CC-07' });
    await event(id, { type: 'survey-sent' });
    for (const k of ['followUp', 'documents', 'records'] as const) await step(id, s[k]);
    const archived = await event(id, { type: 'archived' });
    expect(archived.state).toMatchObject({ stage: null, complete: true, overdue: [], refused: [] });

    const kase = await json(await get(`/v1/cases/${id}`));
    expect(kase.state.complete).toBe(true);
    const decisions = kase.history.filter((e: Loose) => e.decisionId);
    expect(decisions.map((d: Loose) => d.step)).toEqual([
      'registration.register',
      'dispatch.schedule',
      'dispatch.assign',
      'site-safety.check',
      'repair.procedure',
      'quality-control.inspect',
      'repair.procedure',
      'quality-control.inspect',
      'delivery.handover',
      'settlement.fees',
      'follow-up.call',
      'archiving.documents',
      'archiving.records',
    ]);
    for (const d of decisions) {
      expect(d.standard.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(d.standard.digest).toMatch(/^sha256:/);
      expect(d.by).toBe('SA-01');
    }
    expect(kase.history.filter((e: Loose) => e.type).map((e: Loose) => [e.type, e.actor])).toEqual([
      ['vehicle-received', 'SA-01'],
      ['delivered', 'SA-01'],
      ['customer-signed', 'SA-01'],
      ['call-attempted', 'CC-07'],
      ['survey-sent', 'SA-01'],
      ['archived', 'SA-01'],
    ]);
    // Every decision of the case is a decision record with its caseId.
    const listed = await json(await get(`/v1/decisions?caseId=${id}`));
    expect(listed.decisions.map((d: Loose) => d.decisionId)).toEqual(
      decisions.map((d: Loose) => d.decisionId),
    );

    // The case file: every step, who, when, which version, and the signature lines.
    const report = await get(`/v1/cases/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await report.text();
    expect(html).toContain('案件档案 — work-order WO-2026-0042');
    expect(html).toContain('交车检查通过');
    expect(html).toContain(kase.process.digest);
    for (const d of decisions) expect(html).toContain(d.decisionId);
    expect(html).toMatch(/<code>quality\.<wbr>control<\/code> \d+\.\d+\.\d+/);
    expect(html).toContain('<td><code>repairSystem</code></td><td>—</td><td>brakes</td><td>SA-01</td>');
    expect(html).toContain('<div class="signature signature-customer">客户 / 日期</div>');
    expect(html).not.toContain('<script');
  });

  it('refuses a step out of order, one not allowed yet and one whose stage does not apply, with 409 and the code, recording nothing', async () => {
    const { caseId } = await openCase('WO-refused');
    await walkTo(caseId, 'repair');
    const before = (await json(await get(`/v1/decisions?caseId=${caseId}`))).decisions.length;
    const refusal = async (body: unknown) => {
      const res = await post(`/v1/cases/${caseId}/steps`, body);
      expect(res.status).toBe(409);
      return (await json(res)).error;
    };
    expect(await refusal(workOrderSteps().handover)).toMatchObject({
      code: 'step_out_of_order',
      message: expect.stringContaining('stage `repair` is not done'),
    });
    expect(await refusal({ step: 'high-voltage.isolation' })).toMatchObject({ code: 'stage_not_applicable' });
    expect(await refusal({ step: 'delivery.handove' })).toMatchObject({
      code: 'step_unknown',
      message: expect.stringContaining('delivery.handover'),
    });
    // Two steps need qualification.technician: the standard alone does not say which.
    expect((await refusal({ step: 'qualification.technician' })).code).toBe('step_unknown');
    expect((await json(await get(`/v1/decisions?caseId=${caseId}`))).decisions).toHaveLength(before);
    expect((await json(await get(`/v1/cases/${caseId}`))).state.stage).toBe('repair');

    const fresh = await openCase('WO-sequential');
    await event(fresh.caseId, { type: 'vehicle-received' });
    await step(fresh.caseId, workOrderSteps().register);
    const res = await post(`/v1/cases/${fresh.caseId}/steps`, workOrderSteps().assign);
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe('step_not_allowed');
  });

  it('takes the changes of one case one at a time: a step sent with the one it needs both succeed', async () => {
    const { caseId } = await openCase('WO-concurrent');
    await event(caseId, { type: 'vehicle-received' });
    await step(caseId, workOrderSteps().register);
    // dispatch is sequential: assign is allowed only once schedule is done. Sent together, assign
    // is checked against the history schedule extended, not the one before it.
    const [scheduled, assigned] = await Promise.all([
      post(`/v1/cases/${caseId}/steps`, workOrderSteps().schedule),
      post(`/v1/cases/${caseId}/steps`, workOrderSteps().assign),
    ]);
    expect([scheduled.status, assigned.status]).toEqual([200, 200]);
    expect((await json(assigned)).case.state.stage).toBe('site-safety');
  });

  it('answers what does not fit: an unknown case, an event the process does not declare, bad facts, a body without its fields', async () => {
    const missing = await get('/v1/cases/019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('case_unknown');
    const { caseId } = await openCase('WO-bad');
    const unknownEvent = await post(`/v1/cases/${caseId}/events`, { type: 'vehicle-recieved' });
    expect(unknownEvent.status).toBe(422);
    expect((await json(unknownEvent)).error.code).toBe('history_invalid');
    expect((await json(await get(`/v1/cases/${caseId}`))).history).toEqual([]);
    await event(caseId, { type: 'vehicle-received' });
    const badStep = await post(`/v1/cases/${caseId}/steps`, {
      step: 'registration.register',
      facts: { registration: { phone: 13812345678 } },
    });
    expect(badStep.status).toBe(422);
    expect((await json(badStep)).error.code).toBe('facts_invalid');
    expect((await json(await get(`/v1/decisions?caseId=${caseId}`))).decisions).toEqual([]);
    const badFacts = await patch(`/v1/cases/${caseId}`, { facts: { job: { type: 'spaceship' } } });
    expect(badFacts.status).toBe(422);
    expect((await json(badFacts)).error.code).toBe('facts_invalid');
    expect((await json(await get(`/v1/cases/${caseId}`))).changes).toEqual([]);
    const noSubject = await post('/v1/cases', { process: 'process.work-order', facts: workOrderFacts });
    expect(noSubject.status).toBe(422);
    expect((await json(noSubject)).error.code).toBe('body_invalid');
    const notAProcess = await post('/v1/cases', {
      process: 'safety.site',
      subject: { type: 'work-order', id: 'WO-x' },
      facts: {},
    });
    expect(notAProcess.status).toBe(422);
    expect((await json(notAProcess)).error.code).toBe('kind_unsupported');
    const reader = await post(`/v1/cases/${caseId}/events`, { type: 'vehicle-received' }, READER);
    expect(reader.status).toBe(403);
    expect((await get(`/v1/cases/${caseId}`, READER)).status).toBe(200);
  });

  it('lists cases by process and stage, and the follow-up calls overdue now, in keyset pages', async () => {
    const atRepair = [await openCase('WO-list-1'), await openCase('WO-list-2'), await openCase('WO-list-3')];
    for (const c of atRepair) await walkTo(c.caseId, 'repair');
    const late = await openCase('WO-list-late');
    await walkTo(late.caseId, 'settlement');
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const delivered = await event(late.caseId, {
      type: 'delivered',
      time: fourDaysAgo,
      data: { mileage: 100 },
    });
    expect(delivered.state.overdue.map((o: Loose) => o.deadline)).toContain('follow-up-call');
    const onTime = await openCase('WO-list-on-time');
    await walkTo(onTime.caseId, 'settlement');
    await event(onTime.caseId, { type: 'delivered', data: { mileage: 100 } });

    const ids = async (query: string) => {
      const out: string[] = [];
      let after: string | undefined;
      do {
        const res = await get(`/v1/cases?${query}&limit=2${after ? `&after=${after}` : ''}`);
        expect(res.status).toBe(200);
        const page = await json(res);
        expect(page.cases.length).toBeLessThanOrEqual(2);
        out.push(...page.cases.map((c: Loose) => c.caseId));
        after = page.next;
      } while (after !== undefined);
      return out;
    };
    const repairIds = await ids('process=process.work-order&stage=repair');
    expect(repairIds).toEqual(expect.arrayContaining(atRepair.map((c) => c.caseId)));
    expect(repairIds).not.toContain(late.caseId);
    const overdue = await ids('stage=settlement&overdue=true');
    expect(overdue).toContain(late.caseId);
    expect(overdue).not.toContain(onTime.caseId);
    const summary = (await json(await get(`/v1/cases?subjectType=work-order&subjectId=WO-list-late`))).cases;
    expect(summary).toEqual([
      expect.objectContaining({
        caseId: late.caseId,
        stage: 'settlement',
        complete: false,
        nextDue: expect.any(String),
      }),
    ]);
    // A call made closes the overdue follow-up: the case leaves the list.
    await event(late.caseId, { type: 'call-attempted' });
    expect(await ids('stage=settlement&overdue=true')).not.toContain(late.caseId);
    const badQuery = await get('/v1/cases?overdue=yes');
    expect(badQuery.status).toBe(400);
    expect((await json(badQuery)).error.code).toBe('query_invalid');
  });

  it('answers GET /v1/cases/{id} with the file `norma eval --history` reads, to the same result', async () => {
    const { caseId } = await openCase('WO-round-trip');
    await walkTo(caseId, 'delivery');
    const kase = await json(await get(`/v1/cases/${caseId}`));
    const dir = mkdtempSync(join(tmpdir(), 'norma-case-'));
    try {
      const file = join(dir, 'case.json');
      writeFileSync(file, JSON.stringify(kase));
      const io = captureIo();
      const at = new Date().toISOString();
      const code = await main(['eval', 'process.work-order', '--history', file, '--at', at, '--json'], io);
      expect(code, io.stderr.join('\n')).toBe(0);
      const envelope = JSON.parse(io.stdout.join('\n'));
      expect(envelope.standard).toEqual(kase.process);
      expect(envelope.result).toEqual(kase.state);
      expect(envelope.result.stage).toBe('delivery');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/process.md', () => {
  it('walks its example bodies (docs/examples/work-order/) to delivery, dated today', async () => {
    const day = standardDay(new Date().toISOString());
    const example = (name: string) =>
      JSON.parse(
        readFileSync(
          join(bundledStandardsDir, 'docs/examples/work-order', `${name}.json`),
          'utf8',
        ).replaceAll('2026-12-02', day),
      );
    const opened = await post('/v1/cases', {
      ...example('open'),
      subject: { type: 'work-order', id: 'WO-DOCS-1' },
    });
    expect(opened.status).toBe(201);
    const { caseId } = await json(opened);
    const s = workOrderSteps();
    await event(caseId, { type: 'vehicle-received' });
    for (const k of ['register', 'schedule', 'assign'] as const) await step(caseId, s[k]);
    await step(caseId, example('safety'));
    await patch(`/v1/cases/${caseId}`, { facts: { repairSystem: 'brakes' } });
    await step(caseId, example('repair'));
    await step(caseId, example('qc'));
    const delivered = await step(caseId, example('handover'));
    expect(delivered.decision.result.status).toBe('pass');
    expect(delivered.case.state.stage).toBe('delivery');
  });
});

describe('a case and a new version of its process', () => {
  it('keeps the version it opened with; a case opened after the new one comes into force takes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-standards-'));
    for (const folder of ['rules', 'checklists'])
      cpSync(join(bundledStandardsDir, folder), join(dir, folder), { recursive: true });
    const app = await recordingApp({}, dir);
    try {
      const open = async (id: string, version?: string) =>
        json(
          await app.app.request(
            '/v1/cases',
            postJson({
              process: 'process.work-order',
              subject: { type: 'work-order', id },
              facts: workOrderFacts,
              ...(version ? { version } : {}),
            }),
          ),
        );
      const before = await open('WO-old', JOURNEY_VERSION);
      const source = readFileSync(
        join(dir, 'rules/process.work-order', `${before.process.version}.yaml`),
        'utf8',
      );
      const today = standardDay(new Date().toISOString());
      writeFileSync(
        join(dir, 'rules/process.work-order/9.0.0.yaml'),
        source.replace(/^version: .*$/m, 'version: 9.0.0').replace(/^effective: .*$/m, `effective: ${today}`),
      );
      expect(app.holder.reload()).toMatchObject({ changed: true, broken: [] });
      const after = await open('WO-new');
      expect(after.process.version).toBe('9.0.0');
      await app.app.request(`/v1/cases/${before.caseId}/events`, postJson({ type: 'vehicle-received' }));
      const stepped = await json(
        await app.app.request(`/v1/cases/${before.caseId}/steps`, postJson(workOrderSteps().register)),
      );
      expect(stepped.case.process).toEqual(before.process);
      expect(stepped.case.state.stage).toBe('dispatch');
      expect((await json(await app.app.request(`/v1/cases/${before.caseId}`))).process.version).toBe(
        before.process.version,
      );
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cases with NORMA_RECORDS=off', () => {
  const { app } = testApp({}, bundledStandardsDir);
  it('answers every case route 501 records_off', async () => {
    const id = '019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f';
    const answers = await Promise.all([
      app.request(
        '/v1/cases',
        postJson({ process: 'process.work-order', subject: { type: 'w', id: '1' }, facts: {} }),
      ),
      app.request('/v1/cases'),
      app.request(`/v1/cases/${id}`),
      app.request(`/v1/cases/${id}/steps`, postJson({ step: 'registration.register' })),
      app.request(`/v1/cases/${id}/events`, postJson({ type: 'vehicle-received' })),
      app.request(`/v1/cases/${id}/report`),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(501);
      expect((await json(res)).error.code).toBe('records_off');
    }
  });
});
