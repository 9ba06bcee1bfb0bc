import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  documentDigest,
  LOCK_FILE,
  loadStandards,
  loadYaml,
  writeLock,
} from '../engine/index.ts';
import { failingFiles } from './holder.ts';

const ID = 'approval.work-order';
const V110 = `rules/${ID}/1.1.0.yaml`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('failingFiles', () => {
  it('does not list a version a newer check finds fault with while its lock entry keeps it serving', () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-holder-'));
    dirs.push(dir);
    // The sample is its two versions 1.0.0 and 1.1.0: later fixes of the bundled standard stay out.
    cpSync(join(bundledStandardsDir, 'rules', ID), join(dir, 'rules', ID), {
      recursive: true,
      filter: (src) => !src.endsWith('.yaml') || /\/1\.[01]\.0\.yaml$/.test(src),
    });
    writeLock(loadStandards(dir));
    // 1.1.0 as an older norma, without the enum check, would have locked it.
    const text = readFileSync(join(dir, V110), 'utf8').replace(
      'when: { estimateTotal: { greaterThan: 20000 } }',
      'when: { estimateTotal: { greaterThan: 20000 }, payType: { in: [customer, fleet] } }',
    );
    writeFileSync(join(dir, V110), text);
    const digest = documentDigest(loadYaml(text, V110).data as Record<string, unknown>);
    const lock = readFileSync(join(dir, LOCK_FILE), 'utf8');
    writeFileSync(
      join(dir, LOCK_FILE),
      lock.replace(/( {4}1\.1\.0:\n {6}digest: )(sha256:[0-9a-f]+)/, `$1${digest}`),
    );
    const index = loadStandards(dir);
    expect(index.documents.get(ID)?.map((d) => d.version)).toEqual(['1.0.0', '1.1.0']);
    expect(failingFiles(index)).toEqual([]);
    // Edited again, the lock no longer vouches for it: now it fails, and nothing serves in its place.
    writeFileSync(join(dir, V110), text.replace('greaterThan: 20000', 'greaterThan: 30000'));
    expect(failingFiles(loadStandards(dir)).map((f) => [f.file, f.serving])).toEqual([[V110, null]]);
  });
});
