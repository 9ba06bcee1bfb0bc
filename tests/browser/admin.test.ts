/**
 * The records administrator's and the quality manager's pages in Chromium, on a server with
 * tokens (signed in once, then the session and its CSRF token): the cases list, filtered and
 * followed to a case; a legal hold placed and released; the purge's dry run, run from the page,
 * and its destruction log; the editor's diff of an unsaved draft against recorded decisions. No
 * CSP violation, no script error, no serious or critical accessibility violation, at 768 px.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { today } from '../../engine/index.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import type { NewRecord } from '../../records/store.ts';
import { sha256Of } from '../../server/grants.ts';
import { replaceLine } from './editor-keys.ts';
import { describeInBrowser, expectNoProblems, poll, seriousViolations, useBrowserSuite } from './harness.ts';

const TOKEN = 'records-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

/** A decision recorded in 2020: past its three years, destroyable with both approvals. */
const old = (n: number, subject: { type: string; id: string } | null = null): NewRecord => ({
  decisionId: `01800000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  recordedAt: '2020-06-01T02:00:00.000Z',
  standard: { id: 'inspection.reception', version: '1.0.0', digest: 'sha256:old' },
  at: '2020-06-01',
  kind: 'checklist',
  input: { facts: {}, answers: {} },
  result: { status: 'pass' },
  matched: [],
  outcome: 'pass',
  caller: null,
  requestId: null,
  subject,
  caseId: null,
  retention: { recordClass: 'quality', keepUntil: '2023-06-01', from: 'decided', decidedBy: ['test'] },
});

describeInBrowser('the records administrator’s pages in Chromium', () => {
  const suite = useBrowserSuite(
    {
      grants: [{ name: 'records-admin', sha256: sha256Of(TOKEN), scopes: new Set(['admin'] as const) }],
    },
    async (dataDir) => {
      const store = await openSqliteStore(dataDir);
      await store.append(old(1, { type: 'work-order', id: 'HELD-1' }));
      await store.append(old(2));
      await store.close();
    },
  );

  async function signIn(page: Page, path: string): Promise<void> {
    await page.goto(`${suite.server.url}${path}`);
    await page.waitForURL(/\/signin\?next=/);
    await page.fill('#token', TOKEN);
    await page.click('form.signin button');
    await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  }

  async function api(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${suite.server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  }

  it('lists the cases, filters them, and follows one to its case page, on a 768 px tablet', async () => {
    const kase = await api('POST', '/v1/cases', {
      process: 'process.work-order',
      subject: { type: 'work-order', id: 'WO-2026-0500' },
      facts: { job: { type: 'maintenance' }, workLevel: 'minor-repair', advisor: 'SA-01' },
    });
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await signIn(page, '/');
    await page.click('nav a[href="/cases"]');
    await page.waitForURL(/\/cases$/);
    expect(await page.locator('h1').textContent()).toBe('工单流程列表');
    const row = page.locator(`tr[data-case="${kase.caseId}"]`);
    expect(await row.textContent()).toContain('工单 WO-2026-0500');
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#c-process', 'process.work-order');
    await page.check('#c-overdue');
    await page.click('form.records-search button[type="submit"]');
    await page.waitForURL(/overdue=true/);
    expect(await page.locator('.count').textContent()).toBe('没有符合条件的工单流程。');
    await page.uncheck('#c-overdue');
    await page.click('form.records-search button[type="submit"]');
    await page.waitForURL((url) => !url.search.includes('overdue'));
    await row.locator('a').click();
    await page.waitForURL(new RegExp(`/cases/${kase.caseId}$`));
    expect(await page.locator('h1').textContent()).toContain('WO-2026-0500');

    await page.goto(`${suite.server.url}/cases?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Cases');
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('places a legal hold and releases one; the purge’s dry run spares the held record, and the purge destroys the other', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await signIn(page, '/records/holds');
    expect(await page.locator('#holds-count').textContent()).toBe('目前没有保全。');

    const place = async (type: string, id: string, reason: string) => {
      await page.selectOption('#hold-type', type);
      await page.fill('#hold-id', id);
      await page.fill('#hold-reason', reason);
      await page.click('#hold-form button[type="submit"]');
    };
    await place('work-order', 'HELD-1', '诉讼 (2026)粤0106民初1号');
    await poll(() => page.locator('table.holds tbody tr').count()).toBe(1);
    await place('vehicle', 'LGXCE4CB8N0012345', '保险理赔');
    await poll(() => page.locator('table.holds tbody tr').count()).toBe(2);
    expect(await page.locator('table.holds').textContent()).toContain('车辆 LGXCE4CB8N0012345');
    expect(await seriousViolations(page)).toEqual([]);
    const vehicle = page.locator('table.holds tbody tr', { hasText: 'LGXCE4CB8N0012345' });
    await vehicle.locator('button[data-release]').click();
    await poll(() => page.locator('table.holds tbody tr').count()).toBe(1);
    expect(await page.locator('table.holds').textContent()).toContain('工单 HELD-1');

    await page.click('.records-nav a[href="/records/purge"]');
    await page.waitForURL(/\/records\/purge$/);
    expect(await page.locator('#purge-log-none').textContent()).toBe('还没有销毁过记录。');
    await page.fill('#purge-admin', '陈静');
    await page.fill('#purge-manager', '刘洋');
    await page.click('#purge-preview');
    await page.waitForURL(/admin=/);
    expect(await page.locator('#purge-summary').textContent()).toContain('1 条可以销毁');
    expect(await page.locator('tr[data-destroyable]').getAttribute('data-destroyable')).toBe(
      old(2).decisionId,
    );
    expect(await page.locator('tr[data-kept="legal-hold"] td').nth(1).textContent()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);

    await page.check('#purge-confirm');
    await page.click('#purge-run button[type="submit"]');
    await page.waitForURL(/destroyed=1/);
    expect(await page.locator('#purge-done').textContent()).toBe('已销毁 1 条记录。');
    expect(await page.locator('#purge-nothing').textContent()).toBe('没有可以销毁的记录。');
    const logged = page.locator(`tr[data-destroyed="${old(2).decisionId}"]`);
    expect(await logged.textContent()).toContain('陈静 (records-administrator), 刘洋 (after-sales-manager)');
    expect(await seriousViolations(page)).toEqual([]);
    const gone = await fetch(`${suite.server.url}/v1/decisions/${old(2).decisionId}`, { headers: auth });
    expect(gone.status).toBe(404);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('shows which recorded decisions an unsaved draft would change, each linked to its record', async () => {
    const decide = async (fen: number) =>
      (
        await api('POST', '/v1/standards/approval.work-order/evaluate', {
          facts: { estimateTotalFen: fen, payType: 'customer' },
          version: '1.3.0',
          at: today(),
          subject: { type: 'work-order', id: `WO-FEN-${fen}` },
        })
      ).decisionId as string;
    await decide(1_000_000);
    const moved = await decide(2_500_000);
    const versionsNow = async () =>
      (
        (await (
          await fetch(`${suite.server.url}/v1/standards/approval.work-order`, { headers: auth })
        ).json()) as { versions: { version: string; status: string }[] }
      ).versions.map((v) => `${v.version} ${v.status}`);
    const before = await versionsNow();
    const opened = await suite.open();
    const { page } = opened;
    await signIn(page, '/standards/approval.work-order/edit');
    await page.locator('.cm-content').waitFor();
    const text = await page.locator('#source').inputValue();
    const line =
      text.split('\n').findIndex((l) => /estimateTotalFen: \{ greaterThan: 2000000 \} \}/.test(l)) + 1;
    // The general manager's threshold moves from 20000 to 30000 CNY, unsaved.
    await replaceLine(page, line, '    when: { estimateTotalFen: { greaterThan: 3000000 } }');
    await replaceLine(
      page,
      text.split('\n').findIndex((l) => l.startsWith('change:')) + 1,
      'change: "the general manager approves above 30000 CNY"',
    );
    await poll(() => page.locator('#diagnostics-status').textContent()).toBe('没有错误。');

    await page.click('#diff-recorded');
    const out = page.locator('#recorded-results');
    await poll(() => out.textContent()).toContain('检查了 2 条记录的决策,其中 1 条的结果会改变。');
    const changed = page.locator('#recorded-changes li');
    expect(await changed.count()).toBe(1);
    expect(await changed.getAttribute('data-decision')).toBe(moved);
    expect(await changed.textContent()).toBe(
      'WO-FEN-2500000 · 1.3.0 作出的决策:approver=general-manager → approver=service-manager',
    );
    expect(await changed.locator('a').getAttribute('href')).toBe(`/records/${moved}`);
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was saved: the draft is still only in the editor.
    expect(await versionsNow()).toEqual(before);
    expect(before.some((v) => v.endsWith(' draft'))).toBe(false);
    expectNoProblems(opened);
    await opened.context.close();
  });
});
