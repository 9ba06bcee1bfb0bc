/**
 * A process whose links to other standards fail is not served: its evaluation answers as for a
 * document that failed to load, /readyz lists its file with what serves in its place, and the
 * other documents keep serving, on the first load and on a reload.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture as checklist } from '../../engine/kinds/checklist/conformance.ts';
import { fixture as ruleset } from '../../engine/kinds/ruleset/conformance.ts';
import { json, postJson, testApp } from '../testing.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PROCESS = 'rules/t.process/1.0.0.yaml';
const CHECKLIST = 'checklists/conformance.checklist/1.0.0.yaml';

function processNaming(standard: string, title = 'linked'): string {
  return `kind: process
id: t.process
version: 1.0.0
status: approved
effective: 2026-03-01
approved: { by: 王强, at: 2026-03-01 }
title: ${title}
stages:
  - id: check
    steps:
      - { id: safety, standard: ${standard}, completes: { status: pass } }
`;
}

function served(standard: string) {
  const dir = mkdtempSync(join(tmpdir(), 'norma-unlinked-http-'));
  dirs.push(dir);
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(CHECKLIST, checklist.document);
  write('rules/conformance.ruleset/1.0.0.yaml', ruleset.document);
  write(PROCESS, processNaming(standard));
  const { app, holder } = testApp({}, dir);
  const evaluateProcess = () =>
    app.request(
      '/v1/standards/t.process/evaluate',
      postJson({ facts: {}, history: [], at: '2026-03-02T10:00:00+08:00' }),
    );
  const evaluateRuleset = () =>
    app.request(
      '/v1/standards/conformance.ruleset/evaluate',
      postJson({ ...ruleset.request, version: '1.0.0' }),
    );
  return { app, holder, write, dir, evaluateProcess, evaluateRuleset };
}

describe('a process whose links fail, over HTTP', () => {
  it('is not evaluable from the first load (404 standard_unknown), and /readyz lists its file', async () => {
    const { app, evaluateProcess, evaluateRuleset } = served('conformance.checklst');
    const res = await evaluateProcess();
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('standard_unknown');
    expect((await evaluateRuleset()).status).toBe(200);
    const ready = await json(await app.request('/readyz'));
    expect(ready).toMatchObject({ ready: true, standards: 2, failingFiles: 1 });
    expect(ready.failing).toEqual([
      {
        file: PROCESS,
        serving: null,
        diagnostics: [expect.objectContaining({ code: 'process_standard_unknown', file: PROCESS })],
      },
    ]);
    // Said once, under the failing file, not again among the other problems.
    expect(ready.problems).toEqual([]);
  });

  it('stops serving on a reload once a standard it names is gone; the others keep serving', async () => {
    const { app, holder, dir, evaluateProcess, evaluateRuleset } = served('conformance.checklist');
    expect((await evaluateProcess()).status).toBe(200);
    rmSync(join(dir, CHECKLIST));
    const outcome = holder.reload();
    expect(outcome.broken).toEqual([expect.objectContaining({ file: PROCESS, serving: null })]);
    const res = await evaluateProcess();
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('standard_unknown');
    expect((await evaluateRuleset()).status).toBe(200);
    expect((await json(await app.request('/readyz'))).failing).toEqual([
      expect.objectContaining({ file: PROCESS, serving: null }),
    ]);
  });

  it('keeps serving the last good version on a reload whose edit breaks its links, until fixed', async () => {
    const { app, holder, write, evaluateProcess } = served('conformance.checklist');
    write(PROCESS, processNaming('conformance.gone', 'edited'));
    holder.reload();
    const res = await evaluateProcess();
    expect(res.status).toBe(200);
    expect((await json(res)).standard).toMatchObject({ id: 't.process', version: '1.0.0' });
    const ready = await json(await app.request('/readyz'));
    expect(ready.failing).toEqual([
      expect.objectContaining({
        file: PROCESS,
        serving: { id: 't.process', version: '1.0.0', digest: expect.stringMatching(/^sha256:/) },
      }),
    ]);
    write(PROCESS, processNaming('conformance.checklist', 'fixed'));
    expect(holder.reload().fixed).toEqual([PROCESS]);
    expect((await json(await app.request('/readyz'))).failing).toEqual([]);
  });

  it('lists both problems of a broken edit whose last good version lost a standard it names', async () => {
    const { app, holder, dir, write, evaluateProcess } = served('conformance.checklist');
    rmSync(join(dir, CHECKLIST));
    write(PROCESS, 'kind: process\nid: t.process\nversion: [broken\n');
    holder.reload();
    expect((await evaluateProcess()).status).toBe(404);
    const ready = await json(await app.request('/readyz'));
    expect(ready.failing).toEqual([
      expect.objectContaining({
        file: PROCESS,
        serving: null,
        diagnostics: [
          expect.objectContaining({ code: 'yaml_syntax' }),
          expect.objectContaining({ code: 'process_standard_unknown' }),
        ],
      }),
    ]);
  });
});
