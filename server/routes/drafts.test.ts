/**
 * Authoring over HTTP: drafts are saved as new files and never overwrite one, checked with their
 * tests and against the version in force, and approved with a date that is never in the past,
 * writing the approver into the file and the version into norma.lock, so it decides from its date.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLock, today } from '../../engine/index.ts';
import { RecordsService } from '../../records/service.ts';
import { openSqliteStore } from '../../records/sqlite.ts';
import { createApp } from '../app.ts';
import { sha256Of } from '../grants.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { checkedResponses, copyTestdata, json, postJson, testApp, testOptions } from '../testing.ts';

let copy: ReturnType<typeof copyTestdata>;
beforeEach(() => {
  copy = copyTestdata();
});
afterEach(() => copy.remove());

const source = () => readFileSync(join(copy.dir, 'rules/approval.work-order/1.1.0.yaml'), 'utf8');
/** Version 1.2.0 of approval.work-order as a draft: the manager's threshold moves to 9000. */
const draft = () =>
  source()
    .replace('version: 1.1.0', 'version: 1.2.0')
    .replace('status: approved', 'status: draft')
    .replace(/^approved:.*$/m, '')
    .replace(/^effective:.*$/m, '')
    .replace(/^change:.*$/m, 'change: the service manager approves above 9000 CNY')
    .replaceAll('8000', '9000');
const yaml = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/yaml' }, body });
const tomorrow = () => new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('authoring over HTTP', () => {
  it('is refused with authoring_off unless NORMA_AUTHORING=on', async () => {
    const { app } = testApp({}, copy.dir);
    const res = await app.request('/v1/standards/approval.work-order/drafts', yaml(draft()));
    expect([res.status, (await json(res)).error.code]).toEqual([403, 'authoring_off']);
  });

  it('saves a draft as a new file, and never overwrites it', async () => {
    const { app, holder } = testApp({ authoring: true }, copy.dir);
    const res = await app.request('/v1/standards/approval.work-order/drafts', yaml(draft()));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.saved).toMatchObject({
      id: 'approval.work-order',
      version: '1.2.0',
      file: 'rules/approval.work-order/1.2.0.yaml',
    });
    expect(readFileSync(join(copy.dir, body.saved.file), 'utf8')).toBe(draft());
    expect(holder.index.documents.get('approval.work-order')?.map((d) => d.version)).toContain('1.2.0');
    const again = await app.request(
      '/v1/standards/approval.work-order/drafts',
      yaml(draft().replace('9000 CNY', 'nine thousand')),
    );
    expect([again.status, (await json(again)).error.code]).toEqual([409, 'draft_exists']);
    expect(readFileSync(join(copy.dir, body.saved.file), 'utf8')).toBe(draft());
  });

  it('answers a broken draft with its diagnostics at their lines, and refuses an approved one', async () => {
    const { app } = testApp({ authoring: true }, copy.dir);
    const broken = draft().replace('hit: first', 'hit: firts');
    const res = await app.request('/v1/standards/approval.work-order/drafts', yaml(broken));
    expect(res.status).toBe(422);
    const body = await json(res);
    const line = broken.split('\n').findIndex((l) => l.startsWith('hit:')) + 1;
    expect(body.valid).toBe(false);
    expect(body.diagnostics.some((d: { line: number }) => d.line === line)).toBe(true);
    expect(existsSync(join(copy.dir, 'rules/approval.work-order/1.2.0.yaml'))).toBe(false);
    const approvedText = draft().replace(
      'status: draft',
      'status: approved\neffective: 2027-01-01\napproved: { by: 王强, at: 2026-12-01 }',
    );
    const refused = await app.request('/v1/standards/approval.work-order/drafts', yaml(approvedText));
    expect([refused.status, (await json(refused)).error.code]).toEqual([422, 'draft_not_draft']);
  });

  it('checks a draft: its tests, and what it changes against the version in force', async () => {
    const { app } = testApp({ authoring: true }, copy.dir);
    const res = await app.request('/v1/standards/approval.work-order/drafts/check', yaml(draft()));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.tests.total).toBeGreaterThan(0);
    expect(body.against.version).toBe('1.1.0');
    expect(body.against.outcome).toBeGreaterThan(0);
    expect(body.against.lines.join('\n')).toMatch(/8000 → 9000/);
  });

  it('replays the latest recorded decisions on an unsaved draft and lists those whose outcome changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'norma-draft-recorded-'));
    const store = await openSqliteStore(dataDir);
    try {
      const app = checkedResponses(
        createApp({
          holder: StandardsHolder.load(copy.dir, { lock: true }),
          options: testOptions(copy.dir, { authoring: true, records: { enabled: true, dataDir } }),
          logger: memoryLogger(),
          records: new RecordsService(store),
        }),
      );
      const decide = async (estimateTotal: number) =>
        (
          await json(
            await app.request(
              '/v1/standards/approval.work-order/evaluate',
              postJson({
                facts: { estimateTotal, payType: 'customer' },
                version: '1.1.0',
                subject: { type: 'work-order', id: `WO-${estimateTotal}` },
              }),
            ),
          )
        ).decisionId as string;
      await decide(500);
      const moved = await decide(8500);
      await decide(12000);
      const path = '/v1/standards/approval.work-order/drafts/diff/recorded';
      const res = await app.request(path, yaml(draft()));
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ valid: true, last: 200, examined: 3, changed: 1, unavailable: 0 });
      expect(body.decisions).toEqual([
        expect.objectContaining({
          decisionId: moved,
          version: '1.1.0',
          subject: { type: 'work-order', id: 'WO-8500' },
          from: { approver: 'service-manager' },
          to: { approver: 'service-advisor' },
        }),
      ]);
      // Only the latest: the last one recorded did not change.
      expect(await json(await app.request(`${path}?last=1`, yaml(draft())))).toMatchObject({
        examined: 1,
        changed: 0,
        decisions: [],
      });
      const bad = await app.request(`${path}?last=0`, yaml(draft()));
      expect([bad.status, (await json(bad)).error.code]).toEqual([400, 'query_invalid']);
      const broken = await app.request(path, yaml(draft().replace('hit: first', 'hit: firts')));
      expect([broken.status, (await json(broken)).valid]).toEqual([422, false]);
      // Never saved: the draft stays a draft in the editor.
      expect(existsSync(join(copy.dir, 'rules/approval.work-order/1.2.0.yaml'))).toBe(false);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('diffs a draft on recorded decisions only where authoring is on and decisions are recorded', async () => {
    const path = '/v1/standards/approval.work-order/drafts/diff/recorded';
    const off = await testApp({}, copy.dir).app.request(path, yaml(draft()));
    expect([off.status, (await json(off)).error.code]).toEqual([403, 'authoring_off']);
    const unrecorded = await testApp({ authoring: true }, copy.dir).app.request(path, yaml(draft()));
    expect([unrecorded.status, (await json(unrecorded)).error.code]).toEqual([501, 'records_off']);
  });

  it('diffs a draft on recorded decisions only for an author who may also read records', async () => {
    const path = '/v1/standards/approval.work-order/drafts/diff/recorded';
    const grants = [
      { name: 'qm', sha256: sha256Of('author-only-token'), scopes: new Set(['read', 'author'] as const) },
    ];
    const { app } = testApp({ authoring: true, grants }, copy.dir);
    const res = await app.request(path, {
      ...yaml(draft()),
      headers: { 'content-type': 'application/yaml', authorization: 'Bearer author-only-token' },
    });
    const body = await json(res);
    expect([res.status, body.error.code]).toEqual([403, 'scope_missing']);
    expect(JSON.stringify(body)).toContain('records:read');
  });

  it('approves a draft from a date not in the past: approver in the file, version in the lock', async () => {
    const { app } = testApp({ authoring: true, lock: true }, copy.dir);
    expect((await app.request('/v1/standards/approval.work-order/drafts', yaml(draft()))).status).toBe(201);
    const approve = (body: unknown) =>
      app.request('/v1/standards/approval.work-order/versions/1.2.0/approve', postJson(body));
    const past = await approve({ effective: '2020-01-01', by: '王强' });
    expect([past.status, (await json(past)).error.code]).toEqual([422, 'effective_in_past']);
    const effective = tomorrow();
    const res = await approve({ effective, by: '王强' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      version: '1.2.0',
      effective,
      approved: { by: '王强', at: today() },
      locked: true,
    });
    const text = readFileSync(join(copy.dir, 'rules/approval.work-order/1.2.0.yaml'), 'utf8');
    expect(text).toMatch(/^status: approved$/m);
    expect(text).toMatch(new RegExp(`^effective: ${effective}$`, 'm'));
    expect(text).toMatch(/^approved: \{ by: 王强, at: \d{4}-\d\d-\d\d \}$/m);
    expect(readLock(copy.dir).lock?.entries.get('approval.work-order')?.has('1.2.0')).toBe(true);
    const twice = await approve({ effective, by: '王强' });
    expect([twice.status, (await json(twice)).error.code]).toEqual([422, 'draft_not_draft']);

    const approver = async (at: string) => {
      const r = await app.request(
        '/v1/standards/approval.work-order/evaluate',
        postJson({ facts: { estimateTotal: 8500, payType: 'customer' }, at }),
      );
      const b = await json(r);
      return `${b.standard.version} ${b.result.outputs.approver}`;
    };
    expect(await approver(today())).toBe('1.1.0 service-manager');
    expect(await approver(effective)).toBe('1.2.0 service-advisor');
  });
});
