import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { LOCK_FILE, readLock } from './lockfile.ts';

/**
 * The CI check of ISO 9001 7.5 on the bundled standard: it ships its lock, every approved version
 * is in it, and none was edited after approval. When this fails after approving a version, run
 * `norma lock`; when it fails after editing one, publish a new version instead.
 */
describe('the bundled standard against its lock', () => {
  const index = loadStandards(bundledStandardsDir);

  it('ships norma.lock', () => {
    expect(existsSync(join(bundledStandardsDir, LOCK_FILE))).toBe(true);
    expect(readLock(bundledStandardsDir).diagnostics).toEqual([]);
  });

  it('has no lock problem: every approved version locked, none changed, none deleted', () => {
    const problems = index.diagnostics
      .filter((d) => d.code.startsWith('lock_'))
      .map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('locks the approval authority at each of its versions', () => {
    const entries = readLock(bundledStandardsDir).lock?.entries.get('approval.work-order');
    expect([...(entries?.keys() ?? [])]).toEqual(['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0']);
  });
});
