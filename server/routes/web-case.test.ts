/**
 * The case page without a browser: a work order's stages, what is done (with a link to the
 * decision), the current stage and the next step, in Chinese and English; an unknown case and
 * recording off say so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import type { RecordStore } from '../../records/store.ts';
import { createApp } from '../app.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { json, postJson, testOptions } from '../testing.ts';
import { workOrderFacts, workOrderSteps } from './cases-journey.ts';
import { PAGE_CSP } from './web.tsx';

let dataDir: string;
let store: RecordStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'norma-web-case-'));
  store = await openSqliteStore(dataDir);
  const options = testOptions(bundledStandardsDir, { records: { enabled: true, dataDir } });
  const holder = StandardsHolder.load(bundledStandardsDir, { lock: false });
  // The pages are HTML: not checked against the OpenAPI document, which describes the API.
  app = createApp({ holder, options, logger: memoryLogger(), records: new RecordsService(store) });
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the case page', () => {
  it('shows the stages, what is done with its decision, the current stage and the next step', async () => {
    const opened = await json(
      await app.request(
        '/v1/cases',
        postJson({
          process: 'process.work-order',
          version: '1.0.0',
          subject: { type: 'work-order', id: 'WO-PAGE-1' },
          facts: workOrderFacts,
        }),
      ),
    );
    await app.request(`/v1/cases/${opened.caseId}/events`, postJson({ type: 'vehicle-received' }));
    const stepped = await json(
      await app.request(`/v1/cases/${opened.caseId}/steps`, postJson(workOrderSteps().register)),
    );
    const res = await app.request(`/cases/${opened.caseId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const page = await res.text();
    expect(page).toContain('工单流程 WO-PAGE-1');
    expect(page).toContain('当前阶段:派工 (scheduling and assignment)');
    expect(page).toMatch(/data-step="registration\.register" data-state="done"/);
    expect(page).toContain(`href="/records/${stepped.decision.decisionId}"`);
    expect(page).toMatch(/<li data-step="dispatch\.schedule">/);
    expect(page).toContain('<code>vehicle-received</code>');
    const english = await (await app.request(`/cases/${opened.caseId}?lang=en`)).text();
    expect(english).toContain('Current stage: 派工 (scheduling and assignment)');
    expect(english).toContain('Stages and steps');
  });

  it('says when there is no such case, and when the server keeps no records', async () => {
    const missing = await app.request('/cases/019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('没有编号为 019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f 的工单流程。');
    const off = createApp({
      holder: StandardsHolder.load(bundledStandardsDir, { lock: false }),
      options: testOptions(bundledStandardsDir),
      logger: memoryLogger(),
    });
    expect((await off.request('/cases/anything')).status).toBe(503);
  });
});
