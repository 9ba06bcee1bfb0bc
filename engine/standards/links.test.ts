import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture as checklist } from '../kinds/checklist/conformance.ts';
import { fixture as ruleset } from '../kinds/ruleset/conformance.ts';
import { planLock, writeLock } from '../lock/update.ts';
import { loadStandards } from './directory.ts';
import { chooseStandardVersion } from './evaluate.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PROCESS = 'rules/t.process/1.0.0.yaml';

/** An approved process whose one step needs `standard`. */
function processNaming(standard: string, title = 't'): string {
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

/** A directory with the checklist and ruleset fixtures and a process naming `standard`. */
function directory(standard: string) {
  const dir = mkdtempSync(join(tmpdir(), 'norma-unlinked-'));
  dirs.push(dir);
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('checklists/conformance.checklist/1.0.0.yaml', checklist.document);
  write('rules/conformance.ruleset/1.0.0.yaml', ruleset.document);
  write(PROCESS, processNaming(standard));
  return { dir, write, remove: (path: string) => rmSync(join(dir, path)) };
}

describe('a process whose links fail is not served', () => {
  it('withholds a process naming a standard that is not there; the other documents serve', () => {
    const { dir } = directory('conformance.checklst');
    const index = loadStandards(dir, undefined, { lock: false });
    expect(index.documents.has('t.process')).toBe(false);
    expect([...index.documents.keys()].sort()).toEqual(['conformance.checklist', 'conformance.ruleset']);
    expect(index.unlinked.get(PROCESS)).toMatchObject({
      document: { id: 't.process', version: '1.0.0' },
      diagnostics: [{ code: 'process_standard_unknown', file: PROCESS, path: '/stages/0/steps/0/standard' }],
    });
    expect(index.unlinked.get(PROCESS)?.serving).toBeUndefined();
    expect(index.diagnostics.map((d) => d.code)).toContain('process_standard_unknown');
    expect(() => chooseStandardVersion(index, 't.process', '2026-03-02')).toThrow(
      expect.objectContaining({ code: 'standard_unknown' }),
    );
  });

  it('on a reload, keeps serving the last good version of a file whose edit breaks its links', () => {
    const { dir, write } = directory('conformance.checklist');
    const first = loadStandards(dir, undefined, { lock: false });
    const good = first.documents.get('t.process')?.[0];
    expect(good?.title).toBe('t');
    write(PROCESS, processNaming('conformance.gone', 'edited'));
    const next = loadStandards(dir, first);
    expect(next.documents.get('t.process')).toEqual([good]);
    expect(next.unlinked.get(PROCESS)).toMatchObject({ document: { title: 'edited' }, serving: good });
    // Fixed again: the edit serves, nothing is unlinked.
    write(PROCESS, processNaming('conformance.checklist', 'fixed'));
    const fixed = loadStandards(dir, next);
    expect(fixed.documents.get('t.process')?.[0]?.title).toBe('fixed');
    expect(fixed.unlinked.size).toBe(0);
  });

  it('on a reload, stops serving an unchanged process once a standard it names is gone', () => {
    const { dir, remove } = directory('conformance.checklist');
    const first = loadStandards(dir, undefined, { lock: false });
    remove('checklists/conformance.checklist/1.0.0.yaml');
    const next = loadStandards(dir, first);
    expect(next.documents.has('t.process')).toBe(false);
    expect(next.unlinked.get(PROCESS)?.serving).toBeUndefined();
    expect(next.documents.has('conformance.ruleset')).toBe(true);
  });

  it('under the lock, withholds a locked process whose links fail, with the reason, and never locks one', () => {
    const { dir, remove, write } = directory('conformance.checklist');
    writeLock(loadStandards(dir));
    const first = loadStandards(dir);
    expect(first.documents.has('t.process')).toBe(true);
    remove('checklists/conformance.checklist/1.0.0.yaml');
    const next = loadStandards(dir, first);
    expect(next.documents.has('t.process')).toBe(false);
    expect(next.withheld.get('t.process')).toMatchObject([
      { version: '1.0.0', cause: 'process_standard_unknown', reason: expect.stringContaining('links') },
    ]);
    expect(() => chooseStandardVersion(next, 't.process', '2026-03-02')).toThrow(
      expect.objectContaining({ code: 'lock_standard_withheld' }),
    );
    // A new approved version with broken links is not approved as it is: `norma lock` skips it.
    write(
      'rules/t.process/1.1.0.yaml',
      processNaming('conformance.gone').replace('1.0.0', '1.1.0').replace('title: t', 'title: t\nchange: c'),
    );
    const plan = planLock(loadStandards(dir));
    expect(plan.added).toEqual([]);
    expect(plan.skipped).toContain('rules/t.process/1.1.0.yaml');
  });
});
