import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { UUID_V7 } from '../../records/ids.ts';
import { sqliteFile } from '../../records/sqlite.ts';
import type { NewRecord } from '../../records/store.ts';
import { sha256Of } from '../grants.ts';
import { copyTestdata, json, type Loose, postJson, recordingApp, testApp, testdataDir } from '../testing.ts';

const WO = { type: 'work-order', id: 'WO-2026-0042' };

async function evaluate(app: Loose, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/v1/standards/approval.work-order/evaluate', postJson(body, headers));
}

describe('decision records over HTTP', () => {
  let h: Awaited<ReturnType<typeof recordingApp>>;
  beforeAll(async () => {
    h = await recordingApp();
  });
  afterAll(() => h.close());

  it('records an evaluation and answers with its decisionId, after the commit', async () => {
    const res = await evaluate(h.app, {
      facts: { estimateTotal: 25000, payType: 'customer' },
      at: '2026-03-01',
      subject: WO,
    });
    expect(res.status).toBe(200);
    const envelope = await json(res);
    expect(envelope.decisionId).toMatch(UUID_V7);
    // Committed before the answer: the store has it now.
    const stored = await h.store.get(envelope.decisionId);
    expect(stored).toMatchObject({
      standard: envelope.standard,
      at: '2026-03-01',
      kind: 'ruleset',
      input: { facts: { estimateTotal: 25000, payType: 'customer' } },
      result: envelope.result,
      matched: envelope.matched,
      outcome: 'approver=general-manager',
      subject: WO,
      caller: null,
    });
    expect(stored?.requestId).toBe(res.headers.get('x-request-id'));
    // The deciding version's source is kept by digest.
    expect((await h.store.source(envelope.standard.digest))?.version).toBe('1.1.0');
  });

  it('reads it back, finds it by subject, and keeps refused requests out', async () => {
    const before = (await json(await h.app.request('/v1/decisions?limit=1000'))).decisions.length;
    expect((await evaluate(h.app, { facts: { estimateTotal: 'lots' } })).status).toBe(422);
    expect((await evaluate(h.app, { facts: {}, subject: { type: 'work-order' } })).status).toBe(422);
    expect((await json(await h.app.request('/v1/decisions?limit=1000'))).decisions.length).toBe(before);
    const found = await json(await h.app.request(`/v1/decisions?subjectType=work-order&subjectId=${WO.id}`));
    expect(found.decisions.length).toBeGreaterThan(0);
    for (const d of found.decisions) expect(d.subject).toEqual(WO);
    const one = await h.app.request(`/v1/decisions/${found.decisions[0].decisionId}`);
    expect(one.status).toBe(200);
    expect((await json(one)).decisionId).toBe(found.decisions[0].decisionId);
    const missing = await h.app.request('/v1/decisions/019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('decision_unknown');
  });

  it('records each batch item that succeeds, and no item that fails', async () => {
    const res = await h.app.request(
      '/v1/standards/approval.work-order/evaluate/batch',
      postJson({
        items: [
          { facts: { estimateTotal: 100, payType: 'customer' }, subject: { type: 'work-order', id: 'B-1' } },
          { facts: { estimateTotal: -1, payType: 'customer' } },
          { facts: { estimateTotal: 9000, payType: 'customer' }, subject: { type: 'work-order', id: 'B-3' } },
        ],
      }),
    );
    const { results } = await json(res);
    expect(results[0].decisionId).toMatch(UUID_V7);
    expect(results[1].error.code).toBe('facts_invalid');
    expect(results[1].decisionId).toBeUndefined();
    expect(results[2].decisionId).toMatch(UUID_V7);
    expect((await h.store.get(results[2].decisionId))?.subject).toEqual({ type: 'work-order', id: 'B-3' });
  });

  it('filters by standard, outcome and time, and pages by keyset without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++)
      await evaluate(h.app, { facts: { estimateTotal: 100 * i, payType: 'customer' } });
    const all = (await json(await h.app.request('/v1/decisions?standard=approval.work-order&limit=1000')))
      .decisions;
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const page = await json(
        await h.app.request(
          `/v1/decisions?standard=approval.work-order&limit=3${next ? `&after=${next}` : ''}`,
        ),
      );
      seen.push(...page.decisions.map((d: Loose) => d.decisionId));
      next = page.next;
    } while (next);
    expect(seen).toEqual(all.map((d: Loose) => d.decisionId));
    expect([...seen].sort()).toEqual(seen);
    const gm = (await json(await h.app.request('/v1/decisions?outcome=approver%3Dgeneral-manager')))
      .decisions;
    expect(gm.length).toBeGreaterThan(0);
    for (const d of gm) expect(d.outcome).toBe('approver=general-manager');
    const future = (await json(await h.app.request('/v1/decisions?since=2999-01-01'))).decisions;
    expect(future).toEqual([]);
    const past = (await json(await h.app.request('/v1/decisions?until=2020-01-01'))).decisions;
    expect(past).toEqual([]);
    for (const bad of ['since=yesterday', 'limit=0', 'limit=5000', 'colour=red']) {
      const res = await h.app.request(`/v1/decisions?${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).error.code, bad).toBe('query_invalid');
    }
  });

  it('replays a decision with the recorded version and says it is identical', async () => {
    const made = await json(
      await evaluate(h.app, { facts: { estimateTotal: 9000, payType: 'customer' }, at: '2026-03-01' }),
    );
    const res = await h.app.request(`/v1/decisions/${made.decisionId}/replay`, { method: 'POST' });
    expect(res.status).toBe(200);
    const replay = await json(res);
    expect(replay.identical).toBe(true);
    expect(replay.replayed.result).toEqual(made.result);
    expect(replay.replayed.standard.digest).toBe(made.standard.digest);
    expect(replay.replayed.explain.length).toBeGreaterThan(0);
  });

  it('exports JSON Lines and CSV, streamed, with spreadsheet formulas defused', async () => {
    await evaluate(h.app, {
      facts: { estimateTotal: 10, payType: 'customer' },
      subject: { type: 'work-order', id: '=HYPERLINK("x")' },
    });
    const jsonl = await h.app.request('/v1/records/export?standard=approval.work-order');
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const listed = (await json(await h.app.request('/v1/decisions?standard=approval.work-order&limit=1000')))
      .decisions;
    expect(lines.map((l) => l.decisionId)).toEqual(listed.map((d: Loose) => d.decisionId));
    const csv = await (await h.app.request('/v1/records/export?format=csv&subjectType=work-order')).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]?.split(',').slice(0, 3)).toEqual(['decisionId', 'recordedAt', 'standard']);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await h.app.request('/v1/records/export?format=xlsx')).status).toBe(400);
  });

  it('verifies the chain, and names the first record altered behind its back', async () => {
    const ok = await json(await h.app.request('/v1/records/verify'));
    expect(ok.ok).toBe(true);
    const listed = (await json(await h.app.request('/v1/decisions?limit=1000'))).decisions;
    const victim = listed[2];
    const db = new Database(sqliteFile(h.dataDir));
    const column = db.prepare('PRAGMA table_info(decisions)').all() as { name: string }[];
    const outcomeColumn = column.find((c) => c.name === 'outcome')?.name ?? 'outcome';
    db.prepare(
      `UPDATE decisions SET ${outcomeColumn} = 'approver=service-advisor' WHERE decision_id = ?`,
    ).run(victim.decisionId);
    db.close();
    const broken = await json(await h.app.request('/v1/records/verify'));
    expect(broken.ok).toBe(false);
    expect(broken.broken).toMatchObject({ decisionId: victim.decisionId, reason: 'hash' });
  });
});

describe('decision records and the bundled standard’s retention', () => {
  let h: Awaited<ReturnType<typeof recordingApp>>;
  const old = (n: number, subject: { type: string; id: string } | null = null): NewRecord => ({
    decisionId: `01800000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    recordedAt: '2020-06-01T02:00:00.000Z',
    standard: { id: 'approval.work-order', version: '1.0.0', digest: 'sha256:old' },
    at: '2020-06-01',
    kind: 'ruleset',
    input: { facts: { estimateTotal: 1 } },
    result: { outputs: { approver: 'service-advisor' } },
    matched: [],
    outcome: 'approver=service-advisor',
    caller: null,
    requestId: null,
    subject,
    caseId: null,
    retention: { recordClass: 'quality', keepUntil: '2023-06-01', from: 'decided', decidedBy: ['test'] },
  });
  const APPROVALS = [
    { name: '陈静', role: 'records-administrator' },
    { name: '刘洋', role: 'after-sales-manager' },
  ];
  const purgeToken = 'purge-token-0123456789';
  beforeAll(async () => {
    h = await recordingApp(
      {
        grants: [
          { name: 'records-admin', sha256: sha256Of(purgeToken), scopes: new Set(['admin'] as const) },
        ],
      },
      bundledStandardsDir,
    );
  });
  afterAll(() => h.close());
  const auth = { authorization: `Bearer ${purgeToken}` };

  it('classes each decision by records.classification: a checklist’s 3 years, a fee schedule’s 30', async () => {
    const res = await h.app.request(
      '/v1/standards/approval.work-order/evaluate',
      postJson({ facts: { estimateTotalFen: 10000, payType: 'customer' } }, auth),
    );
    const { decisionId } = await json(res);
    const record = await h.store.get(decisionId);
    expect(record?.caller).toBe('records-admin');
    expect(record?.retention).toMatchObject({ recordClass: 'quality', from: 'decided' });
    expect(record?.retention?.decidedBy[0]).toMatch(
      /^records\.classification@1\.\d+\.0#sha256:.*\/decision$/,
    );
    const day = record?.recordedAt.slice(0, 4) as string;
    expect(record?.retention?.keepUntil?.slice(0, 4)).toBe(String(Number(day) + 3));
    expect(h.records.recorder.retentionOf(h.holder.index, 'fees', '2026-12-15')).toMatchObject({
      recordClass: 'accounting',
      // Counted from the end of fiscal 2026 (会计档案管理办法 第十四条, records.classification 1.2.0).
      from: 'fiscal-year-end',
      keepUntil: '2056-12-31',
    });
  });

  it('records a checklist submission with its answers, and replays it identically', async () => {
    const read = (name: string) =>
      JSON.parse(readFileSync(join(bundledStandardsDir, 'docs', 'examples', name), 'utf8'));
    const res = await h.app.request(
      '/v1/standards/quality.control/evaluate',
      postJson(
        {
          facts: read('quality.control.facts.json'),
          answers: read('quality.control.answers.json'),
          subject: { type: 'work-order', id: 'WO-QC-1' },
        },
        auth,
      ),
    );
    const envelope = await json(res);
    expect(envelope.result.status).toBe('pass');
    const record = await h.store.get(envelope.decisionId);
    expect(record).toMatchObject({
      kind: 'checklist',
      outcome: 'pass',
      input: { answers: read('quality.control.answers.json') },
    });
    const replay = await json(
      await h.app.request(`/v1/decisions/${envelope.decisionId}/replay`, { method: 'POST', headers: auth }),
    );
    expect(replay.identical).toBe(true);
  });

  it('records a process evaluated over a history with that history, and replays it identically', async () => {
    const kase = JSON.parse(
      readFileSync(join(bundledStandardsDir, 'docs', 'examples', 'case.work-order.json'), 'utf8'),
    );
    const res = await h.app.request(
      '/v1/standards/process.work-order/evaluate',
      postJson(
        {
          facts: kase.facts,
          history: kase.history,
          version: kase.process.version,
          at: '2026-12-04T18:00:00+08:00',
        },
        auth,
      ),
    );
    expect(res.status).toBe(200);
    const envelope = await json(res);
    const record = await json(await h.app.request(`/v1/decisions/${envelope.decisionId}`, { headers: auth }));
    expect(record.input.history).toEqual(kase.history);
    expect(record.at).toBe('2026-12-04T18:00:00+08:00');
    const replay = await json(
      await h.app.request(`/v1/decisions/${envelope.decisionId}/replay`, { method: 'POST', headers: auth }),
    );
    expect(replay.identical).toBe(true);
  });

  it('purges by retention.records: a dry run lists, a hold blocks, a purge destroys and the chain still verifies', async () => {
    await h.store.append(old(1, { type: 'work-order', id: 'HELD-1' }));
    await h.store.append(old(2));
    const purge = (body: unknown) => h.app.request('/v1/records/purge', postJson(body, auth));
    const hold = await h.app.request(
      '/v1/records/holds',
      postJson(
        { target: { subject: { type: 'work-order', id: 'HELD-1' } }, reason: '诉讼 (2026)粤0106民初1号' },
        auth,
      ),
    );
    expect(hold.status).toBe(201);
    const { holdId } = await json(hold);
    const dry = await json(await purge({ approvals: APPROVALS }));
    expect(dry.dryRun).toBe(true);
    expect(dry.decidedBy).toMatch(/^retention\.records@1\.\d+\.0#/);
    expect(dry.entries.map((e: Loose) => e.decisionId)).toEqual([old(2).decisionId]);
    expect(dry.entries[0].rule).toMatch(/\/retention-expired$/);
    expect(dry.kept['legal-hold']).toBe(1);
    expect(dry.kept['retention-3-years']).toBeGreaterThan(0);
    // One approver is not enough: retention.records keeps everything.
    const one = await json(await purge({ approvals: APPROVALS.slice(0, 1) }));
    expect(one.destroyable).toBe(0);
    expect(await h.store.get(old(2).decisionId)).toBeDefined();
    const done = await json(await purge({ approvals: APPROVALS, dryRun: false }));
    expect(done.destroyable).toBe(1);
    expect(await h.store.get(old(2).decisionId)).toBeUndefined();
    expect(await h.store.get(old(1).decisionId)).toBeDefined();
    const log = await h.store.destructions();
    expect(log).toEqual([
      expect.objectContaining({
        decisionId: old(2).decisionId,
        recordClass: 'quality',
        approvals: ['陈静 (records-administrator)', '刘洋 (after-sales-manager)'],
      }),
    ]);
    expect((await json(await h.app.request('/v1/records/verify', { headers: auth }))).ok).toBe(true);
    // Lifted, the hold no longer protects.
    expect(
      (await h.app.request(`/v1/records/holds/${holdId}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(200);
    expect(
      (await h.app.request(`/v1/records/holds/${holdId}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(404);
    expect(
      (await json(await purge({ approvals: APPROVALS }))).entries.map((e: Loose) => e.decisionId),
    ).toEqual([old(1).decisionId]);
  });
});

describe('who may see records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'norma-personal-'));
  cpSync(testdataDir, dir, { recursive: true });
  mkdirSync(join(dir, 'rules', 'customer.callback'), { recursive: true });
  writeFileSync(
    join(dir, 'rules', 'customer.callback', '1.0.0.yaml'),
    `kind: ruleset
id: customer.callback
version: 1.0.0
status: draft
title: 回访安排 (Callback)
facts:
  customerName: { type: string, personal: true, description: 客户姓名 }
  phone: { type: string, personal: true, description: 联系电话 }
  days: { type: integer, minimum: 0, description: 交车后天数 }
hit: first
outputs:
  call: { type: boolean }
default: { call: false }
rules:
  - id: due
    title: 交车后 2 天回访
    when: { days: { greaterThanInclusive: 2 } }
    then: { call: true }
`,
  );
  const tokens = {
    auditor: 'auditor-token-0123456789',
    officer: 'privacy-officer-0123456789',
    tablet: 'tablet-token-0123456789',
  };
  let h: Awaited<ReturnType<typeof recordingApp>>;
  beforeAll(async () => {
    h = await recordingApp(
      {
        grants: [
          {
            name: 'auditor',
            sha256: sha256Of(tokens.auditor),
            scopes: new Set(['records:read', 'records:export'] as const),
          },
          {
            name: 'officer',
            sha256: sha256Of(tokens.officer),
            scopes: new Set(['records:read', 'records:personal'] as const),
          },
          { name: 'tablet', sha256: sha256Of(tokens.tablet), scopes: new Set(['evaluate'] as const) },
        ],
      },
      dir,
    );
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const as = (name: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[name]}` });

  it('masks personal facts for a reader without records:personal, and shows them to one with it', async () => {
    const made = await json(
      await h.app.request(
        '/v1/standards/customer.callback/evaluate',
        postJson(
          { facts: { customerName: '张伟', phone: '13800138000', days: 3 }, version: '1.0.0' },
          as('tablet'),
        ),
      ),
    );
    expect(made.decisionId).toMatch(UUID_V7);
    const masked = await json(
      await h.app.request(`/v1/decisions/${made.decisionId}`, { headers: as('auditor') }),
    );
    expect(masked.caller).toBe('tablet');
    expect(masked.input.facts).toEqual({ customerName: '[personal]', phone: '[personal]', days: 3 });
    const exported = await (
      await h.app.request('/v1/records/export?standard=customer.callback', { headers: as('auditor') })
    ).text();
    expect(exported).not.toContain('13800138000');
    const shown = await json(
      await h.app.request(`/v1/decisions/${made.decisionId}`, { headers: as('officer') }),
    );
    expect(shown.input.facts).toEqual({ customerName: '张伟', phone: '13800138000', days: 3 });
  });

  it('needs records:read to read, records:export to export, records:purge to purge', async () => {
    const refused = await h.app.request('/v1/decisions', { headers: as('tablet') });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('scope_missing');
    expect((await h.app.request('/v1/records/export', { headers: as('officer') })).status).toBe(403);
    expect(
      (await h.app.request('/v1/records/purge', postJson({ approvals: [] }, as('auditor')))).status,
    ).toBe(403);
  });

  it('never lets an open server purge', async () => {
    const open = testApp({}, dir);
    const res = await open.app.request('/v1/records/purge', postJson({ approvals: [] }));
    expect(res.status).toBe(403);
    expect((await json(res)).error.details[0].hint).toContain('records:purge');
  });
});

describe('with NORMA_RECORDS=off, or a store that cannot commit', () => {
  it('answers without a decisionId, and records routes say records are off (501)', async () => {
    const { app } = testApp();
    const envelope = await json(await evaluate(app, { facts: { estimateTotal: 1, payType: 'customer' } }));
    expect(envelope.decisionId).toBeUndefined();
    const res = await app.request('/v1/decisions');
    expect(res.status).toBe(501);
    expect((await json(res)).error.code).toBe('records_off');
  });

  it('does not acknowledge a decision the store did not commit (503 records_unavailable)', async () => {
    const h = await recordingApp();
    await h.store.close();
    const res = await evaluate(h.app, { facts: { estimateTotal: 1, payType: 'customer' } });
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.error.code).toBe('records_unavailable');
    expect(JSON.stringify(body)).not.toContain('decisionId');
    await h.close();
  });
});

describe('the request log', () => {
  it('names the caller and the decision recorded', async () => {
    const token = 'tablet-token-0123456789';
    const h = await recordingApp({
      grants: [{ name: 'bay-3', sha256: sha256Of(token), scopes: new Set(['evaluate'] as const) }],
    });
    const logger = h.logger;
    const res = await evaluate(
      h.app,
      { facts: { estimateTotal: 1, payType: 'customer' } },
      { authorization: `Bearer ${token}` },
    );
    const { decisionId } = await json(res);
    expect(logger.records.at(-1)).toMatchObject({ msg: 'request', caller: 'bay-3', decisionId });
    await h.close();
  });
});

describe('replay after the deciding file is gone', () => {
  it('compiles the version from the source the store kept, by digest', async () => {
    const copy = copyTestdata();
    const h = await recordingApp({}, copy.dir);
    try {
      const made = await json(
        await evaluate(h.app, { facts: { estimateTotal: 9000, payType: 'customer' }, version: '1.0.0' }),
      );
      rmSync(join(copy.dir, 'rules', 'approval.work-order', '1.0.0.yaml'));
      h.holder.reload();
      expect(h.holder.index.documents.get('approval.work-order')?.map((d) => d.version)).not.toContain(
        '1.0.0',
      );
      const replay = await json(
        await h.app.request(`/v1/decisions/${made.decisionId}/replay`, { method: 'POST' }),
      );
      expect(replay.identical).toBe(true);
      expect(replay.replayed.standard).toEqual(made.standard);
    } finally {
      await h.close();
      copy.remove();
    }
  });
});
