/**
 * The records pages without a browser: they read through RecordsService, so a signed-in auditor
 * sees personal values masked and a privacy officer sees them; a session without records:read is
 * refused; with recording off the pages say so.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore, sqliteFile } from '../../records/sqlite.ts';
import type { RecordStore } from '../../records/store.ts';
import { createApp } from '../app.ts';
import { sha256Of } from '../grants.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import type { ServerOptions } from '../options.ts';
import { json, postJson, testdataDir, testOptions } from '../testing.ts';
import { PAGE_CSP } from './web.tsx';

/** A recording app whose HTML answers are not checked against the OpenAPI document (it describes the API). */
async function pagesApp(overrides: Partial<ServerOptions>, standards: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'norma-web-records-data-'));
  const store: RecordStore = await openSqliteStore(dataDir);
  const options = testOptions(standards, { records: { enabled: true, dataDir }, ...overrides });
  const holder = StandardsHolder.load(standards, { lock: false });
  const app = createApp({ holder, options, logger: memoryLogger(), records: new RecordsService(store) });
  return {
    app,
    dataDir,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'norma-web-records-'));
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

describe('the records pages', () => {
  let h: Awaited<ReturnType<typeof pagesApp>>;
  beforeAll(async () => {
    h = await pagesApp(
      {
        grants: [
          { name: 'auditor', sha256: sha256Of(tokens.auditor), scopes: new Set(['records:read'] as const) },
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

  /** The session cookie of a person who signed in with the token. */
  async function signedIn(name: keyof typeof tokens): Promise<string> {
    const res = await h.app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens[name], next: '/records' }).toString(),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  it('masks personal values for an auditor, shows them to a privacy officer, refuses a tablet', async () => {
    const made = await json(
      await h.app.request(
        '/v1/standards/customer.callback/evaluate',
        postJson(
          {
            facts: { customerName: '张伟', days: 3 },
            version: '1.0.0',
            subject: { type: 'work-order', id: 'WO-9' },
          },
          { authorization: `Bearer ${tokens.tablet}` },
        ),
      ),
    );
    const page = async (name: keyof typeof tokens, path: string) =>
      h.app.request(path, { headers: { cookie: await signedIn(name) } });

    const masked = await page('auditor', `/records/${made.decisionId}`);
    expect(masked.status).toBe(200);
    const maskedText = await masked.text();
    expect(maskedText).not.toContain('张伟');
    expect(maskedText).toContain('<span class="badge masked">已遮蔽</span>');
    const list = await (await page('auditor', '/records?subjectType=work-order&subjectId=WO-9')).text();
    expect(list).toContain(`data-decision="${made.decisionId}"`);
    expect(list).not.toContain('张伟');

    expect(await (await page('officer', `/records/${made.decisionId}`)).text()).toContain('张伟');
    for (const path of ['/records', '/records/verify', `/records/${made.decisionId}`]) {
      const res = await page('auditor', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(PAGE_CSP);
    }

    const refused = await page('tablet', '/records');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('records:read');
    // Without a session: sign in first, as every page.
    expect((await h.app.request('/records/verify')).status).toBe(303);
  });

  it('takes a photo from a signed-in tablet only with the page’s CSRF token, and shows it to the auditor', async () => {
    const cookie = await signedIn('tablet');
    const home = await (await h.app.request('/', { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([\w-]+)"/.exec(home)?.[1] ?? '';
    expect(csrf).not.toBe('');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]);
    const post = (headers: Record<string, string>) =>
      h.app.request('/v1/evidence', {
        method: 'POST',
        headers: { cookie, 'content-type': 'image/png', ...headers },
        body: png,
      });
    expect((await post({})).status).toBe(403);
    const kept = await post({ 'x-csrf-token': csrf });
    expect(kept.status).toBe(201);
    const { hash } = await json(kept);
    const shown = await h.app.request(`/v1/evidence/${hash}`, {
      headers: { cookie: await signedIn('auditor') },
    });
    expect([shown.status, shown.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it('names the first broken record on the verification page', async () => {
    const cookie = await signedIn('auditor');
    const ok = await (await h.app.request('/records/verify', { headers: { cookie } })).text();
    expect(ok).toContain('哈希链校验通过。');
    const made = await json(
      await h.app.request(
        '/v1/standards/customer.callback/evaluate',
        postJson(
          { facts: { customerName: '李娜', days: 1 }, version: '1.0.0' },
          { authorization: `Bearer ${tokens.tablet}` },
        ),
      ),
    );
    // Changed behind the store's back, as an intruder with the database file would.
    const db = new Database(sqliteFile(h.dataDir));
    db.prepare('UPDATE decisions SET outcome = ? WHERE decision_id = ?').run('call=true', made.decisionId);
    db.close();
    const broken = await (await h.app.request('/records/verify?lang=en', { headers: { cookie } })).text();
    expect(broken).toContain('A hash chain is broken');
    expect(broken).toContain(`<a href="/records/${made.decisionId}">`);
  });

  it('says a record does not exist, and a bad date is shown as a problem with the search', async () => {
    const cookie = await signedIn('auditor');
    const unknown = await h.app.request('/records/019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f', {
      headers: { cookie },
    });
    expect(unknown.status).toBe(404);
    const bad = await h.app.request('/records?since=yesterday&lang=en', { headers: { cookie } });
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('The search is not valid');
  });

  it('with recording off, says records are off', async () => {
    const options = testOptions(testdataDir);
    const app = createApp({
      holder: StandardsHolder.load(testdataDir, { lock: false }),
      options,
      logger: memoryLogger(),
    });
    for (const path of ['/records', '/records/verify', '/records/019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(503);
      expect(await res.text()).toContain('NORMA_RECORDS=off');
    }
  });
});
