import { bundledStandardsDir, chooseVersion, loadStandards, today } from '../../engine/index.ts';
/**
 * The read-only pages in Chromium, as a person sees them: the standard by chapter, search, one
 * document in Chinese and in English, a diff that shows a changed threshold; no CSP violation,
 * no script error, and no serious or critical accessibility violation on any of them.
 */

import { expect, it } from 'vitest';
import { memoryLogger } from '../../server/log.ts';
import { defaults } from '../../server/options.ts';
import { workOrderFacts, workOrderSteps } from '../../server/routes/cases-journey.ts';
import { startServer } from '../../server/serve.ts';
import { NO_RECORDS } from '../../server/testing.ts';
import { describeInBrowser, expectNoProblems, poll, seriousViolations, useBrowserSuite } from './harness.ts';

const bundled = loadStandards(bundledStandardsDir);

/** The version of `id` in force today in the bundled standard, as the page should show it. */
function inForce(id: string): string {
  return chooseVersion(id, bundled.documents.get(id) ?? [], today()).version;
}

describeInBrowser('the standards pages in Chromium', () => {
  const suite = useBrowserSuite();

  it('lists the standard by chapter, finds a document by clause, and opens it', async () => {
    const opened = await suite.open();
    const { page } = opened;
    await page.goto(`${suite.server.url}/`);
    await poll(() => page.locator('h1').textContent()).toBe('服务标准');
    expect(await page.locator('h2').first().textContent()).toBe('第 1 章');
    const row = page.locator('tr[data-id="approval.work-order"]');
    expect(await row.locator('td').nth(3).textContent()).toBe(inForce('approval.work-order'));
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#q', '§7.4');
    await page.click('form.search button');
    await page.waitForURL(/q=/);
    const ids = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toContain('approval.work-order');
    // Only documents that cite the clause: approval documents do, the site-safety checklist does not.
    expect(ids).not.toContain('safety.site');
    expect(ids.length).toBeLessThan(10);

    await page.click('a[href="/standards/approval.work-order"]');
    await page.waitForURL(/\/standards\/approval\.work-order$/);
    expect(await page.locator('h1').textContent()).toContain('维修费用审批权限');
    // The general manager's band: above 20000 CNY (2000000 fen, approval.work-order 1.3.0).
    const band = page.locator('table.decision tbody tr', { hasText: 'is greater than 2000000' }).first();
    expect(await band.locator('td.output').textContent()).toBe('general-manager');
    // One history row per published version, however many the standard holds by now.
    const versions = bundled.documents.get('approval.work-order')?.length;
    expect(await page.locator('#history + .scroll tbody tr').count()).toBe(versions);
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('switches to English and keeps the choice, and shows a checklist as a form', async () => {
    const opened = await suite.open();
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/safety.site`);
    expect(await page.locator('#content').textContent()).toBe('内容');
    await page.click('a.lang');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('#content').textContent()).toBe('Content');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${suite.server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Service standard');
    await page.goto(`${suite.server.url}/standards/safety.site`);
    expect(await page.locator('.form-preview fieldset').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.form-preview').textContent()).toContain('HV lockout');
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('shows a fee schedule and a scorecard as tables, and a changed threshold in a diff', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/fees.work-order`);
    expect(await page.locator('section.part table').count()).toBeGreaterThan(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${suite.server.url}/standards/scorecard.advisor`);
    expect(await page.locator('section.part table').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${suite.server.url}/standards/approval.work-order/diff?from=1.0.0&to=1.1.0`);
    const changed = page.locator('li.change', { hasText: 'greaterThan' }).first();
    expect(await changed.locator('.was del').first().textContent()).toBe('5000');
    expect(await changed.locator('.now ins').first().textContent()).toBe('8000');
    expect(await page.locator('body').textContent()).not.toMatch(/[{]"/);
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('shows a work order’s case: its stages, what is done, and the next step', async () => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${suite.server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { caseId: string };
    };
    const { caseId } = await post('/v1/cases', {
      process: 'process.work-order',
      version: '1.0.0',
      subject: { type: 'work-order', id: 'WO-CASE-7' },
      facts: workOrderFacts,
    });
    await post(`/v1/cases/${caseId}/events`, { type: 'vehicle-received' });
    await post(`/v1/cases/${caseId}/steps`, workOrderSteps().register);
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/cases/${caseId}`);
    await poll(() => page.locator('h1').textContent()).toBe('工单流程 WO-CASE-7');
    expect(await page.locator('#case-stage').textContent()).toContain('派工');
    expect(await page.locator('[data-step="registration.register"]').getAttribute('data-state')).toBe('done');
    expect(await page.locator('#case-next [data-step="dispatch.schedule"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('answers an unknown standard with a page that says so', async () => {
    const opened = await suite.open();
    const res = await opened.page.goto(`${suite.server.url}/standards/no.such`);
    expect(res?.status()).toBe(404);
    expect(await opened.page.locator('main').textContent()).toContain('no.such');
    expect(await seriousViolations(opened.page)).toEqual([]);
    await opened.context.close();
  });

  it('with tokens, asks for one once, then works with a session cookie and its CSRF token', async () => {
    const guarded = await startServer({
      options: {
        dir: suite.dir,
        ...defaults,
        tokens: ['s3cret'],
        grants: [],
        records: NO_RECORDS,
        lock: true,
        authoring: true,
      },
      logger: memoryLogger(),
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
    });
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    try {
      await page.goto(`${guarded.url}/standards/safety.site/fill?wo=WO-7`);
      await page.waitForURL(/\/signin\?next=/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.fill('#token', 'wrong');
      await page.click('form.signin button');
      await page.waitForURL(/failed=1/);
      expect(await page.locator('[role="alert"]').textContent()).toBe('令牌不正确。');
      await page.fill('#token', 's3cret');
      await page.click('form.signin button');
      await page.waitForURL(/\/standards\/safety\.site\/fill\?wo=WO-7$/);
      // The page's module evaluates through the API with the session: the status comes back.
      await page.locator('[data-item="site.surroundings"] label', { hasText: '不合格' }).click();
      await poll(() => page.locator('#status').textContent()).toContain('不通过');
      await page.click('form.signout button');
      await page.waitForURL(/\/signin$/);
      await page.goto(`${guarded.url}/`);
      await page.waitForURL(/\/signin\?next=%2F$/);
      expectNoProblems(opened);
    } finally {
      await opened.context.close();
      await guarded.close();
    }
  });
});
