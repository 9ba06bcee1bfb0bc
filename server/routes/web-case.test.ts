/**
 * The case page without a browser: a work order's stages, what is done (with a link to the
 * decision), the current stage and the next step, in Chinese and English; an unknown case and
 * recording off say so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir, type CompiledDocument, loadStandards } from '../../engine/index.ts';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import type { RecordStore } from '../../records/store.ts';
import { createApp } from '../app.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { json, type Loose, postJson, testOptions } from '../testing.ts';
import { workOrderFacts, workOrderSteps } from './cases-journey.ts';
import { PAGE_CSP } from './web.tsx';

/** The bundled versions of process.work-order. */
const index = (): CompiledDocument[] =>
  loadStandards(bundledStandardsDir).documents.get('process.work-order') ?? [];
const isBilingual = (data: Record<string, unknown>) => typeof data.title === 'object';

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

/** Opens a work-order case on `version` of process.work-order for `id`. */
async function openCase(version: string | undefined, id: string): Promise<Loose> {
  const res = await app.request(
    '/v1/cases',
    postJson({
      process: 'process.work-order',
      version,
      subject: { type: 'work-order', id },
      facts: workOrderFacts,
    }),
  );
  return json(res);
}

describe('the case page', () => {
  it('shows the stages, what is done with its decision, the current stage and the next step', async () => {
    const opened = await openCase('1.0.0', 'WO-PAGE-1');
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
    // Why a stage is not done and why a step is blocked: in the page's language, Chinese naming
    // the process's titles, English naming ids as the API does.
    expect(page).toContain('步骤「确定优先级与所需技能」未完成');
    expect(page).toMatch(
      /「作业前安全检查通过」属于阶段「[^」]+」，但阶段「派工 \(scheduling and assignment\)」尚未完成/,
    );
    expect(page).not.toContain('is not done');
    expect(english).toContain('step `dispatch.schedule` is not done');
    expect(english).toContain(
      '`site-safety.check` belongs to stage `site-safety`, but stage `dispatch` is not done',
    );
  });

  it('shows a bilingual process in the page language, titles and reasons alike', async () => {
    const bilingual = index().find((d) => typeof d.data.stages === 'object' && isBilingual(d.data));
    expect(bilingual, 'a bilingual edition of process.work-order').toBeDefined();
    const opened = await openCase(bilingual?.version, 'WO-PAGE-2');
    await app.request(`/v1/cases/${opened.caseId}/events`, postJson({ type: 'vehicle-received' }));
    const zh = await (await app.request(`/cases/${opened.caseId}`)).text();
    const en = await (await app.request(`/cases/${opened.caseId}?lang=en`)).text();
    for (const page of [zh, en]) expect(page).not.toContain('[object Object]');
    expect(zh).toContain('当前阶段:接待');
    expect(zh).toContain('维修工单规范流程');
    expect(zh).toMatch(/步骤「接车检查[^」]*」未完成/);
    expect(en).toContain('Current stage: reception');
    expect(en).toContain('The work-order process, reception to archive');
    expect(en).toContain('step `reception.inspect` is not done');
    const list = await (await app.request('/cases?lang=en')).text();
    expect(list).toContain('The work-order process, reception to archive');
  });

  it('names the next steps and events in the page language where the process gives both', async () => {
    const titled = index().findLast((d) => {
      const events = d.data.events as Record<string, { title?: unknown }>;
      return typeof events['vehicle-received']?.title === 'object';
    });
    expect(titled, 'an edition of process.work-order with bilingual step and event titles').toBeDefined();
    const opened = await openCase(titled?.version, 'WO-PAGE-3');
    const nextOf = (html: string) => /<ul id="case-next">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    const pageIn = async (lang: string) => (await app.request(`/cases/${opened.caseId}?lang=${lang}`)).text();
    expect(nextOf(await pageIn('en'))).toContain('Vehicle received');
    expect(nextOf(await pageIn('zh'))).toContain('接车');
    expect(nextOf(await pageIn('en'))).not.toContain('接车');
    await app.request(`/v1/cases/${opened.caseId}/events`, postJson({ type: 'vehicle-received' }));
    const en = nextOf(await pageIn('en'));
    expect(en).toContain('Reception inspection (walk-around');
    expect(en).not.toMatch(/[\u4e00-\u9fff]{4}/);
    expect(nextOf(await pageIn('zh'))).toContain('接车检查');
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
