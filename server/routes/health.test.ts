import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTestdata, json, testApp } from '../testing.ts';

describe('GET /healthz', () => {
  it('answers ok while the process runs', async () => {
    const res = await testApp().app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('is ready when standards are loaded, with counts and no failing file', async () => {
    const res = await testApp().app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      ready: true,
      standards: 2,
      documents: 4,
      files: 4,
      failing: [],
    });
  });

  it('is not ready (503) when no standard is loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-empty-'));
    try {
      const res = await testApp({}, dir).app.request('/readyz');
      expect(res.status).toBe(503);
      expect(await json(res)).toMatchObject({ ready: false, standards: 0 });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('lists a broken file with its diagnostics and the last good version serving in its place', async () => {
    const copy = copyTestdata();
    try {
      const { app, holder } = testApp({}, copy.dir);
      const file = 'rules/approval.work-order/1.1.0.yaml';
      writeFileSync(join(copy.dir, file), 'kind: ruleset\nid: approval.work-order\nversion: [broken\n');
      holder.reload();
      const res = await app.request('/readyz');
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.reloads).toBe(1);
      expect(body.failing).toEqual([
        {
          file,
          serving: { id: 'approval.work-order', version: '1.1.0', digest: expect.stringMatching(/^sha256:/) },
          diagnostics: [expect.objectContaining({ code: 'yaml_syntax', file, line: expect.any(Number) })],
        },
      ]);
    } finally {
      copy.remove();
    }
  });

  it('lists a new broken file with nothing serving in its place', async () => {
    const copy = copyTestdata();
    try {
      const { app, holder } = testApp({}, copy.dir);
      writeFileSync(join(copy.dir, 'rules/approval.work-order/1.2.0.yaml'), 'kind: ruleset\n');
      holder.reload();
      const body = await json(await app.request('/readyz'));
      expect(body.failing).toEqual([
        expect.objectContaining({ file: 'rules/approval.work-order/1.2.0.yaml', serving: null }),
      ]);
    } finally {
      copy.remove();
    }
  });
});
