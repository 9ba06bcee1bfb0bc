/**
 * Takes the README's screenshots of the main pages (docs/screenshots/), in Chromium over a copy
 * of the bundled standard: `node --import tsx tests/browser/screenshots.ts`. Not a test: the
 * journeys assert what the pages show; this only keeps their pictures current.
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.mjs';
import { memoryLogger } from '../../server/log.ts';
import { defaults } from '../../server/options.ts';
import { startServer } from '../../server/serve.ts';
import { chromiumArgs, chromiumPath, copyStandard } from './harness.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'docs/screenshots/');
mkdirSync(out, { recursive: true });
await buildWeb({ quiet: true });
const copy = copyStandard();
const server = await startServer({
  options: {
    dir: copy.dir,
    ...defaults,
    tokens: [],
    grants: [],
    // Recording on, beside the copy: the records pages need decisions to show.
    records: { enabled: true, dataDir: join(copy.dir, 'data') },
    lock: true,
    authoring: true,
  },
  logger: memoryLogger(),
  port: 0,
  hostname: '127.0.0.1',
  watch: false,
});
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const shot = async (
    name: string,
    path: string,
    width = 1280,
    height = 900,
    act?: (p: import('playwright-core').Page) => Promise<void>,
  ) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await act?.(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `${name}.png`) });
    await context.close();
    console.log(`docs/screenshots/${name}.png`);
  };
  await shot('standards', '/');
  await shot('document', '/standards/approval.work-order');
  await shot('diff', '/standards/approval.work-order/diff?from=1.0.0&to=1.1.0');
  await shot('editor', '/standards/approval.work-order/edit', 1280, 900, async (page) => {
    await page.locator('.cm-content').waitFor();
    await page.locator('#diagnostics li').first().waitFor();
  });
  await shot('checklist', '/standards/safety.site/fill?wo=WO-2026-0042', 768, 1024, async (page) => {
    const item = (key: string) => page.locator(`[data-item="${key}"]`);
    for (const key of ['site.surroundings', 'site.tools', 'site.warning-sign']) {
      await item(key).locator('label', { hasText: '合格' }).first().click();
    }
    await item('site.wheel-chocks').locator('label', { hasText: '不合格' }).click();
    await page.locator('#why li').first().waitFor();
  });
  // A few decisions of the workshop's systems, for the records pages.
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const decide = async (wo: string, estimateTotalFen: number) =>
    (
      await post('/v1/standards/approval.work-order/evaluate', {
        facts: { estimateTotalFen, payType: 'customer' },
        subject: { type: 'work-order', id: wo },
      })
    ).decisionId as string;
  await decide('WO-2026-0100', 120_000);
  await decide('WO-2026-0101', 860_000);
  const id = await decide('WO-2026-0102', 2_500_000);
  await shot('records', '/records?subjectType=work-order', 1280, 900);
  await shot('record', `/records/${id}`, 1280, 1800, async (page) => {
    await page.click('#replay-button');
    await page.locator('#replay-result[data-identical]').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
  });
  await shot('verify', '/records/verify', 1280, 700);
  // A work order walked through reception, registration and scheduling, for the cases pages.
  const opened = JSON.parse(readFileSync(join(root, 'docs/examples/work-order/open.json'), 'utf8'));
  const caseId = (await post('/v1/cases', opened)).caseId as string;
  await post(`/v1/cases/${caseId}/events`, { type: 'vehicle-received' });
  await post(`/v1/cases/${caseId}/steps`, { step: 'registration.register' });
  await post(`/v1/cases/${caseId}/steps`, { step: 'dispatch.schedule' });
  await shot('cases', '/cases', 1280, 700);
  await shot('case', `/cases/${caseId}`, 1280, 1400);
  await post('/v1/records/holds', {
    target: { subject: { type: 'work-order', id: 'WO-2026-0102' } },
    reason: '客户投诉调查 (complaint investigation)',
  });
  await shot('holds', '/records/holds', 1280, 700);
} finally {
  await browser.close();
  await server.close();
  copy.remove();
}
// The server's compile workers would keep the process alive once everything above is closed.
process.exit(0);
