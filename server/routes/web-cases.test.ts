/**
 * The cases list without a browser: cases by process, stage and overdue (the listing of
 * GET /v1/cases), each linking its case page, in keyset pages of 50; a session without
 * records:read is refused; a bad query is shown as a problem; recording off says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import type { NewCase } from '../../records/case-model.ts';
import { uuidv7Generator } from '../../records/ids.ts';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import type { RecordStore } from '../../records/store.ts';
import { createApp } from '../app.ts';
import { sha256Of } from '../grants.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { json, postJson, testOptions } from '../testing.ts';
import { workOrderFacts, workOrderSteps } from './cases-journey.ts';
import { PAGE_CSP } from './web.tsx';

const tokens = { auditor: 'auditor-token-0123456789', tablet: 'tablet-token-0123456789' };

let dataDir: string;
let store: RecordStore;
let app: ReturnType<typeof createApp>;
let guarded: ReturnType<typeof createApp>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'norma-web-cases-'));
  store = await openSqliteStore(dataDir);
  const holder = StandardsHolder.load(bundledStandardsDir, { lock: false });
  const records = new RecordsService(store);
  processDigest =
    holder.index.documents.get('process.work-order')?.find((d) => d.version === '1.0.0')?.digest ?? '';
  const options = testOptions(bundledStandardsDir, { records: { enabled: true, dataDir } });
  app = createApp({ holder, options, logger: memoryLogger(), records });
  const withTokens = testOptions(bundledStandardsDir, {
    records: { enabled: true, dataDir },
    grants: [
      { name: 'auditor', sha256: sha256Of(tokens.auditor), scopes: new Set(['records:read'] as const) },
      { name: 'tablet', sha256: sha256Of(tokens.tablet), scopes: new Set(['read', 'evaluate'] as const) },
    ],
  });
  guarded = createApp({ holder, options: withTokens, logger: memoryLogger(), records });
  // Loading the bundled standard takes seconds on a loaded machine: more than a hook's default.
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const newId = uuidv7Generator();
let processDigest = '';

/** A case written straight to the store, standing where the test needs it. */
function storedCase(subjectId: string, place: Partial<NewCase>): NewCase {
  return {
    caseId: newId(),
    process: { id: 'process.work-order', version: '1.0.0', digest: processDigest },
    subject: { type: 'work-order', id: subjectId },
    facts: {},
    openedAt: new Date().toISOString(),
    openedBy: 'SA-01',
    stage: 'reception',
    complete: false,
    nextDue: null,
    ...place,
  };
}

const rows = (page: string) => [...page.matchAll(/<tr data-case="([\w-]+)">/g)].map((m) => m[1]);

describe('the cases page', () => {
  it('lists cases by stage and overdue, each linking its case page, in Chinese and English', async () => {
    const opened = await json(
      await app.request(
        '/v1/cases',
        postJson({
          process: 'process.work-order',
          version: '1.0.0',
          subject: { type: 'work-order', id: 'WO-LIST-1' },
          facts: workOrderFacts,
        }),
      ),
    );
    await app.request(`/v1/cases/${opened.caseId}/events`, postJson({ type: 'vehicle-received' }));
    await app.request(`/v1/cases/${opened.caseId}/steps`, postJson(workOrderSteps().register));
    const late = await store.openCase(
      storedCase('WO-LIST-LATE', { stage: 'settlement', nextDue: '2026-01-01T00:00:00.000Z' }),
    );

    const res = await app.request('/cases');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const page = await res.text();
    expect(page).toContain('<h1>工单流程列表</h1>');
    expect(page).toContain('<a href="/cases">工单流程</a>');
    expect(page).toContain(`<a href="/cases/${opened.caseId}">工单 WO-LIST-1</a>`);
    expect(page).toContain('派工 (scheduling and assignment)');
    expect(page).toContain('<span class="badge state-blocked">已逾期</span>');
    // The list shows where a case stands, never its facts.
    expect(page).not.toContain('张伟');

    const dispatch = await (await app.request('/cases?process=process.work-order&stage=dispatch')).text();
    expect(rows(dispatch)).toEqual([opened.caseId]);
    const overdue = await (await app.request('/cases?overdue=true')).text();
    expect(rows(overdue)).toEqual([late.caseId]);
    expect(overdue).toMatch(/<input id="c-overdue" type="checkbox" name="overdue" value="true" checked/);

    const english = await (await app.request('/cases?lang=en')).text();
    expect(english).toContain('<h1>Cases</h1>');
    expect(english).toContain('Work order WO-LIST-1');
    const bad = await (await app.request('/cases?overdue=yes&lang=en')).text();
    expect(bad).toContain('The search is not valid');
  });

  it('pages with a next-page link that keeps the search', async () => {
    for (let i = 0; i < 51; i++) await store.openCase(storedCase(`WO-PAGED-${i}`, { stage: 'archive' }));
    const first = await (await app.request('/cases?stage=archive')).text();
    expect(rows(first)).toHaveLength(50);
    const next = /<a id="next-page" rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/cases\?stage=archive&after=/);
    const second = await (await app.request(next as string)).text();
    expect(rows(second)).toHaveLength(1);
    expect(second).not.toContain('id="next-page"');
    expect(second).toContain('<a href="/cases?stage=archive">第一页</a>');
  });

  it('needs a session with records:read when tokens are set, and says when records are off', async () => {
    const signedIn = async (token: string) => {
      const res = await guarded.request('/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, next: '/cases' }).toString(),
      });
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    expect((await guarded.request('/cases')).status).toBe(303);
    const auditor = await guarded.request('/cases', { headers: { cookie: await signedIn(tokens.auditor) } });
    expect(auditor.status).toBe(200);
    const tablet = await guarded.request('/cases', { headers: { cookie: await signedIn(tokens.tablet) } });
    expect(tablet.status).toBe(403);
    expect(await tablet.text()).toContain('records:read');
    const off = createApp({
      holder: StandardsHolder.load(bundledStandardsDir, { lock: false }),
      options: testOptions(bundledStandardsDir),
      logger: memoryLogger(),
    });
    expect((await off.request('/cases')).status).toBe(503);
  });
});
