/**
 * The auditor's records pages in Chromium: a technician's decision found by its work order,
 * opened (input, version, retention, chain) and replayed (identical); the chain verification;
 * exports of the same search; the English switch; no CSP violation, no script error, and no
 * serious or critical accessibility violation on any page.
 */
import { expect, it } from 'vitest';
import { today } from '../../engine/index.ts';
import { describeInBrowser, expectNoProblems, poll, seriousViolations, useBrowserSuite } from './harness.ts';

describeInBrowser('the records pages in Chromium', () => {
  const suite = useBrowserSuite();

  /** A decision as a workshop system records it: the approval of a work order's estimate. */
  async function decide(workOrder: string, estimateTotal: number): Promise<string> {
    const res = await fetch(`${suite.server.url}/v1/standards/approval.work-order/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        facts: { estimateTotal, payType: 'customer' },
        at: today(),
        subject: { type: 'work-order', id: workOrder },
      }),
    });
    const body = (await res.json()) as { decisionId: string };
    expect(res.status).toBe(200);
    return body.decisionId;
  }

  it('an auditor finds a decision by work order, reads it, replays it (identical), and the chain verifies', async () => {
    await decide('WO-2026-0100', 1200);
    const id = await decide('WO-2026-0101', 25000);
    const opened = await suite.open();
    const { page } = opened;
    await page.goto(`${suite.server.url}/`);
    await page.click('nav a[href="/records"]');
    await page.waitForURL(/\/records$/);
    expect(await page.locator('h1').textContent()).toBe('决策记录');
    expect(await seriousViolations(page)).toEqual([]);

    await page.selectOption('#f-subjectType', 'work-order');
    await page.fill('#f-subjectId', 'WO-2026-0101');
    await page.click('form.records-search button[type="submit"]');
    await page.waitForURL(/subjectId=WO-2026-0101/);
    const rows = page.locator('table.records tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-decision')).toBe(id);
    expect(await rows.first().textContent()).toContain('工单 WO-2026-0101');
    // The exports carry the same search.
    const jsonl = await page.locator('#exports a').first().getAttribute('href');
    expect(jsonl).toBe('/v1/records/export?subjectType=work-order&subjectId=WO-2026-0101&format=jsonl');
    const exported = await (await fetch(`${suite.server.url}${jsonl}`)).text();
    expect(
      exported
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).decisionId),
    ).toEqual([id]);

    await rows.first().locator('a').click();
    await page.waitForURL(new RegExp(`/records/${id}$`));
    expect(await page.locator('#record-subject').textContent()).toBe('工单 WO-2026-0101');
    expect(await page.locator('table.input').first().textContent()).toContain('estimateTotal25000');
    const versionLink = page.locator('#record-summary a').first();
    expect(await versionLink.getAttribute('href')).toBe('/standards/approval.work-order?v=1.2.0');
    expect(await page.locator('#retention + dl').textContent()).toContain('decision');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('#replay-button');
    await poll(() => page.locator('#replay-result').getAttribute('data-identical')).toBe('true');
    expect(await page.locator('#replay-result p').first().textContent()).toBe('重放结果与记录一致。');
    expect(await page.locator('#replay-result p').count()).toBeGreaterThan(1);

    await page.click('a[href="/records/verify"]');
    await page.waitForURL(/\/records\/verify$/);
    expect(await page.locator('#verify-status').textContent()).toBe('哈希链校验通过。');
    expect(Number(await page.locator('table.chains tbody td').nth(1).textContent())).toBeGreaterThanOrEqual(
      2,
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('a.lang');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('#verify-status').textContent()).toBe('The hash chains verify.');
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('pages the search with a next-page link, on a 768 px tablet', async () => {
    for (let i = 0; i < 52; i++) await decide('WO-2026-0200', 100 + i);
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/records?subjectType=work-order&subjectId=WO-2026-0200`);
    expect(await page.locator('table.records tbody tr').count()).toBe(50);
    await page.click('#next-page');
    await page.waitForURL(/after=/);
    expect(await page.locator('table.records tbody tr').count()).toBe(2);
    expect(await page.locator('#next-page').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });
});
