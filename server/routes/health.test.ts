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

describe('GET /readyz under hostile conditions', () => {
  it('answers counts only to a caller without a token when tokens are set; details to a token holder', async () => {
    const copy = copyTestdata();
    try {
      const { app, holder } = testApp({ tokens: ['secret'] }, copy.dir);
      writeFileSync(join(copy.dir, 'rules/approval.work-order/1.2.0.yaml'), 'kind: ruleset\n');
      holder.reload();
      const anyone = await app.request('/readyz');
      expect(anyone.status).toBe(200);
      const counts = await json(anyone);
      expect(counts).toMatchObject({ ready: true, standards: 2, failingFiles: 1, problemCount: 0 });
      expect(counts).not.toHaveProperty('failing');
      expect(counts).not.toHaveProperty('problems');
      expect(JSON.stringify(counts)).not.toContain(copy.dir);
      const wrong = await json(await app.request('/readyz', { headers: { authorization: 'Bearer nope' } }));
      expect(wrong).not.toHaveProperty('failing');
      const holderView = await json(
        await app.request('/readyz', { headers: { authorization: 'Bearer secret' } }),
      );
      expect(holderView.failing).toEqual([
        expect.objectContaining({ file: 'rules/approval.work-order/1.2.0.yaml' }),
      ]);
    } finally {
      copy.remove();
    }
  });

  it('never shows an absolute path, and caps files and diagnostics with counts', async () => {
    const copy = copyTestdata();
    try {
      const { app, holder } = testApp({}, copy.dir);
      const junk = Array.from({ length: 300 }, (_, i) => `k${i}: 1`).join('\n');
      for (let v = 0; v < 30; v++) {
        writeFileSync(join(copy.dir, `rules/approval.work-order/3.${v}.0.yaml`), `kind: ruleset\n${junk}\n`);
      }
      holder.reload();
      const res = await app.request('/readyz');
      const text = await res.text();
      expect(text).not.toContain(copy.dir);
      expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
      const body = JSON.parse(text);
      expect(body).not.toHaveProperty('dir');
      expect(body.failingFiles).toBe(30);
      expect(body.failing).toHaveLength(20);
      expect(body.failingNotShown).toBe(10);
      const diagnostics = body.failing[0].diagnostics;
      expect(diagnostics.length).toBeLessThanOrEqual(11);
      expect(diagnostics.at(-1).code).toBe('details_truncated');
    } finally {
      copy.remove();
    }
  });
});
