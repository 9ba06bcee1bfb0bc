/**
 * The holds and purge pages without a browser: the holds in place, with the place and release
 * controls only for a `records:hold` holder; the purge's dry run (what retention.records lets go,
 * and why the rest is kept) only for a `records:purge` holder, never on an open server; a purge
 * run as the page runs it (session cookie and CSRF token) fills the destruction log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, loadStandards, today } from '../../engine/index.ts';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import type { NewRecord, RecordStore } from '../../records/store.ts';
import { createApp } from '../app.ts';
import { sha256Of } from '../grants.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { json, postJson, testOptions } from '../testing.ts';

const tokens = { admin: 'records-admin-0123456789', auditor: 'auditor-token-0123456789' };

/** A decision recorded in 2020: past its three years, destroyable with both approvals. */
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

let dataDir: string;
let store: RecordStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'norma-web-admin-'));
  store = await openSqliteStore(dataDir);
  const options = testOptions(bundledStandardsDir, {
    records: { enabled: true, dataDir },
    grants: [
      {
        name: 'records-admin',
        sha256: sha256Of(tokens.admin),
        scopes: new Set(['records:read', 'records:hold', 'records:purge'] as const),
      },
      { name: 'auditor', sha256: sha256Of(tokens.auditor), scopes: new Set(['records:read'] as const) },
    ],
  });
  const holder = StandardsHolder.load(bundledStandardsDir, { lock: false });
  app = createApp({ holder, options, logger: memoryLogger(), records: new RecordsService(store) });
  await store.append(old(1, { type: 'work-order', id: 'HELD-1' }));
  await store.append(old(2));
  // Loading the bundled standard takes seconds on a loaded machine: more than a hook's default.
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(token: string): Promise<string> {
  const res = await app.request('/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/records' }).toString(),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('the holds and purge pages', () => {
  it('lists the holds; only a records:hold holder gets the controls', async () => {
    const placed = await app.request(
      '/v1/records/holds',
      postJson(
        { target: { subject: { type: 'work-order', id: 'HELD-1' } }, reason: '诉讼 (2026)粤0106民初1号' },
        { authorization: `Bearer ${tokens.admin}` },
      ),
    );
    const { holdId } = await json(placed);
    const admin = await app.request('/records/holds', { headers: { cookie: await signedIn(tokens.admin) } });
    expect(admin.status).toBe(200);
    const page = await admin.text();
    expect(page).toContain('<h1>法律保全</h1>');
    expect(page).toContain(`<tr data-hold="${holdId}">`);
    expect(page).toContain('<a href="/records?subjectType=work-order&amp;subjectId=HELD-1">HELD-1</a>');
    expect(page).toContain('诉讼 (2026)粤0106民初1号');
    expect(page).toContain(`data-release="${holdId}"`);
    expect(page).toContain('id="hold-form"');
    expect(page).toContain('<script type="module" src="/static/records-admin.js">');

    const auditor = await (
      await app.request('/records/holds?lang=en', { headers: { cookie: await signedIn(tokens.auditor) } })
    ).text();
    expect(auditor).toContain(`<tr data-hold="${holdId}">`);
    expect(auditor).not.toContain('data-release');
    expect(auditor).not.toContain('id="hold-form"');
    expect(auditor).toContain('may read holds but not place or release them');
  });

  it('shows the dry run to a records:purge holder; the purge the page runs fills the destruction log', async () => {
    const cookie = await signedIn(tokens.admin);
    const approvers = `admin=${encodeURIComponent('陈静')}&manager=${encodeURIComponent('刘洋')}`;
    const dry = await (await app.request(`/records/purge?${approvers}`, { headers: { cookie } })).text();
    // Decided by the retention rules in force today, whichever edition that is.
    const retention = loadStandards(bundledStandardsDir).documents.get('retention.records') ?? [];
    const inForce = chooseVersion('retention.records', retention, today()).version.replaceAll('.', '\\.');
    expect(dry).toMatch(
      new RegExp(
        `依据 retention\\.records@${inForce}#sha256:[0-9a-f]+,截至 \\d{4}-\\d{2}-\\d{2}:检查 2 条记录,1 条可以销毁。`,
      ),
    );
    expect(dry).toContain(`<tr data-destroyable="${old(2).decisionId}">`);
    // Recorded at 02:00 UTC: the page shows the standard's clock (Asia/Shanghai), the UTC instant in its title.
    expect(dry).toContain(
      '<time datetime="2020-06-01T02:00:00.000Z" title="2020-06-01T02:00:00.000Z">2020-06-01 10:00:00</time>',
    );
    expect(dry).not.toContain(`data-destroyable="${old(1).decisionId}"`);
    expect(dry).toMatch(/<tr data-kept="legal-hold"><td><code>legal-hold<\/code><\/td><td>1<\/td>/);
    expect(dry).toContain('id="purge-run" data-admin="陈静" data-manager="刘洋"');
    expect(dry).toContain('还没有销毁过记录。');
    // A dry run destroys nothing.
    expect(await store.get(old(2).decisionId)).toBeDefined();
    // Without the approvers, retention.records keeps even the expired record.
    const unapproved = await (await app.request('/records/purge', { headers: { cookie } })).text();
    expect(unapproved).toMatch(/<tr data-kept="approvals-missing">/);
    expect(unapproved).not.toContain('id="purge-run"');

    // As the page's module does: the session cookie, and the page's CSRF token.
    const csrf = /<meta name="csrf-token" content="([\w-]+)"/.exec(dry)?.[1] ?? '';
    const run = await app.request('/v1/records/purge', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({
        approvals: [
          { name: '陈静', role: 'records-administrator' },
          { name: '刘洋', role: 'after-sales-manager' },
        ],
        dryRun: false,
      }),
    });
    expect((await json(run)).destroyable).toBe(1);
    const after = await (
      await app.request(`/records/purge?${approvers}&destroyed=1&lang=en`, { headers: { cookie } })
    ).text();
    expect(after).toContain('1 records destroyed.');
    expect(after).toContain(`<tr data-destroyed="${old(2).decisionId}">`);
    expect(after).toContain('陈静 (records-administrator), 刘洋 (after-sales-manager)');
    expect(after).toContain('No record may be destroyed.');
  });

  it('refuses the dry run without records:purge, and on an open server', async () => {
    const auditor = await app.request('/records/purge', {
      headers: { cookie: await signedIn(tokens.auditor) },
    });
    expect(auditor.status).toBe(403);
    const text = await auditor.text();
    expect(text).toContain('id="purge-forbidden"');
    expect(text).not.toContain('id="purge-plan"');
    const openDir = mkdtempSync(join(tmpdir(), 'norma-web-admin-open-'));
    const openStore = await openSqliteStore(openDir);
    try {
      const open = createApp({
        holder: StandardsHolder.load(bundledStandardsDir, { lock: false }),
        options: testOptions(bundledStandardsDir, { records: { enabled: true, dataDir: openDir } }),
        logger: memoryLogger(),
        records: new RecordsService(openStore),
      });
      expect((await open.request('/records/purge')).status).toBe(403);
      const holds = await open.request('/records/holds');
      expect(holds.status).toBe(200);
      expect(await holds.text()).toContain('id="hold-form"');
    } finally {
      await openStore.close();
      rmSync(openDir, { recursive: true, force: true });
    }
  });
});
