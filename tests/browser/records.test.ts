/**
 * The auditor's records pages in Chromium: a technician's decision found by its work order,
 * opened (input, version, retention, chain) and replayed (identical); the chain verification;
 * exports of the same search; the English switch; no CSP violation, no script error, and no
 * serious or critical accessibility violation on any page.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { today } from '../../engine/index.ts';
import { describeInBrowser, expectNoProblems, poll, seriousViolations, useBrowserSuite } from './harness.ts';

/** Two tiny PNGs (2×2, red and blue), as a tablet's camera would hand over a file. */
const PNG_RED =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
const PNG_BLUE =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgYPgPRmAKABf2A/1+6zfzAAAAAElFTkSuQmCC';
/** Two more (1×1, green and amber), for items that take a photo without asking for one. */
const PNG_GREEN =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgWMAAAAFEAKH5ZOq+AAAAAElFTkSuQmCC';
const PNG_AMBER =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4cIIBAARkAbm/lttLAAAAAElFTkSuQmCC';

/** Every answer of inspection.reception but its required photos, as a technician gives them. */
async function answerReception(page: Page): Promise<void> {
  const item = (key: string) => page.locator(`[data-item="${key}"]`);
  await poll(() => page.locator('#status').textContent()).toContain('未完成');
  await page.selectOption('[data-fact="powertrain"]', 'petrol');
  await page.fill('#answered-by', 'SA-07');
  const pass = (key: string) => item(key).locator('label', { hasText: '合格' }).first().click();
  for (const key of [
    'exterior.damage-recorded',
    'exterior.glass-lamps',
    'exterior.wheels',
    'contents.valuables',
    'contents.accessories',
    'sign-off.customer-signature',
    'sign-off.advisor',
  ]) {
    await pass(key);
  }
  await item('instruments.odometer').locator('input[data-answer]').fill('23456');
  await item('instruments.fuel-level').locator('input[data-answer]').fill('6');
  await item('instruments.warning-lights').locator('select[data-answer]').selectOption('none');
  await item('instruments.warning-lights').locator('[data-evidence]').fill('无报警灯');
  await item('sign-off.customer-signature').locator('[data-evidence]').fill('客户签字 张先生');
  await item('sign-off.advisor').locator('[data-evidence]').fill('签字 SA-07');
}

/** A photo attached to an item: kept by the server, previewed, and cited by the answer. */
async function attach(page: Page, key: string, buffer: Buffer): Promise<void> {
  const item = page.locator(`[data-item="${key}"]`);
  await item
    .locator('input[data-photo]')
    .setInputFiles({ name: `${key}.png`, mimeType: 'image/png', buffer });
  await poll(() => item.locator('[data-photo-status]').textContent()).toBe('照片已保存');
  await poll(() => item.locator('img[data-photo-preview]').isVisible()).toBe(true);
}

function sha256(buffer: Buffer): string {
  return `sha256:${createHash('sha256').update(buffer).digest('hex')}`;
}

describeInBrowser('the records pages in Chromium', () => {
  const suite = useBrowserSuite();

  /** A decision as a workshop system records it: the approval of a work order's estimate. */
  async function decide(workOrder: string, estimateTotal: number): Promise<string> {
    const res = await fetch(`${suite.server.url}/v1/standards/approval.work-order/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        facts: { estimateTotal, payType: 'customer' },
        // Pinned: the record pages are checked against this version, whatever comes into force later.
        version: '1.2.0',
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

  it('a technician attaches photos to the items that need them, submits, and the record shows them', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/inspection.reception/fill?wo=WO-2026-0300`);
    const item = (key: string) => page.locator(`[data-item="${key}"]`);
    const status = page.locator('#status');
    await answerReception(page);
    // Without its photo the damage item is not done: the list does not pass.
    await poll(() => item('exterior.damage-recorded').locator('[data-status]').textContent()).toBe('不通过');
    await poll(() => status.textContent()).toContain('不通过');

    const photos: Record<string, Buffer> = {
      'exterior.damage-recorded': Buffer.from(PNG_RED, 'base64'),
      'instruments.odometer': Buffer.from(PNG_BLUE, 'base64'),
    };
    for (const [key, buffer] of Object.entries(photos)) await attach(page, key, buffer);
    await poll(() => status.textContent()).toContain('通过 · 得分 100');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#submit');
    await poll(() => page.locator('#submitted').textContent()).toContain('已提交工单 WO-2026-0300:通过');
    await page.click('#submitted-record');
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    expect(await page.locator('#record-subject').textContent()).toBe('工单 WO-2026-0300');
    const shown = page.locator('#evidence ~ ul.photos img');
    expect(await shown.count()).toBe(2);
    // The photos load (from /v1/evidence/{hash}) and are the ones taken.
    await poll(() =>
      shown.evaluateAll((imgs) =>
        imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0),
      ),
    ).toBe(true);
    const hashes = await shown.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('data-evidence-hash')));
    expect(hashes.sort()).toEqual(Object.values(photos).map(sha256).sort());
    expect(await seriousViolations(page)).toEqual([]);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('a measured item and a choice item take a photo too, though they do not ask for one; the record holds its hash', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/inspection.reception/fill?wo=WO-2026-0301`);
    await answerReception(page);
    const fuel = page.locator('[data-item="instruments.fuel-level"]');
    // Optional where the item asks for no evidence: the label says so.
    expect(await fuel.locator('.photo label').textContent()).toContain('可选');
    const photos: Record<string, Buffer> = {
      'exterior.damage-recorded': Buffer.from(PNG_RED, 'base64'),
      'instruments.odometer': Buffer.from(PNG_BLUE, 'base64'),
      'instruments.fuel-level': Buffer.from(PNG_GREEN, 'base64'),
      'instruments.warning-lights': Buffer.from(PNG_AMBER, 'base64'),
    };
    for (const [key, buffer] of Object.entries(photos)) await attach(page, key, buffer);
    await poll(() => page.locator('#status').textContent()).toContain('通过 · 得分 100');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#submit');
    await poll(() => page.locator('#submitted').textContent()).toContain('已提交工单 WO-2026-0301:通过');
    const href = (await page.locator('#submitted-record').getAttribute('href')) ?? '';
    const record = (await (
      await fetch(`${suite.server.url}/v1/decisions/${href.split('/').pop()}`)
    ).json()) as {
      input: { answers: Record<string, { value: unknown; evidence?: string[] }> };
    };
    const answers = record.input.answers;
    expect(answers['instruments.fuel-level']).toMatchObject({
      value: 6,
      evidence: [sha256(photos['instruments.fuel-level'] as Buffer)],
    });
    expect(answers['instruments.warning-lights']?.value).toBe('none');
    // The typed note and the photo are both the item's evidence.
    expect(answers['instruments.warning-lights']?.evidence?.sort()).toEqual(
      [sha256(photos['instruments.warning-lights'] as Buffer), '无报警灯'].sort(),
    );
    await page.click('#submitted-record');
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    expect(await page.locator('#evidence ~ ul.photos img').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
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
