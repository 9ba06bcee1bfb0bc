import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormaError } from '../diagnostics.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { LOCK_FILE, readLock } from './lockfile.ts';
import { planLock, writeLock } from './update.ts';

const V110 = 'rules/approval.work-order/1.1.0.yaml';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'norma-lock-'));
  cpSync(join(bundledStandardsDir, 'rules/approval.work-order'), join(dir, 'rules/approval.work-order'), {
    recursive: true,
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockCodes = (d = dir) =>
  loadStandards(d)
    .diagnostics.filter((x) => x.code.startsWith('lock_'))
    .map((x) => x.code);
const edit = (path: string, from: string, to: string) => {
  const full = join(dir, path);
  writeFileSync(full, readFileSync(full, 'utf8').replace(from, to));
};

describe('the lock file', () => {
  it('is not checked when the standards directory has none', () => {
    expect(lockCodes()).toEqual([]);
  });

  it('records every approved version with its digest and approval, and then validates clean', () => {
    const plan = writeLock(loadStandards(dir));
    expect(plan.added.map((a) => `${a.id} ${a.version}`)).toEqual([
      'approval.work-order 1.0.0',
      'approval.work-order 1.1.0',
    ]);
    const lock = readLock(dir).lock;
    expect(lock?.entries.get('approval.work-order')?.get('1.1.0')).toMatchObject({
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      file: V110,
      approved: { by: '王强', at: '2025-12-20' },
    });
    expect(lockCodes()).toEqual([]);
  });

  it('ignores formatting and comment edits, which do not change the digest', () => {
    writeLock(loadStandards(dir));
    edit(V110, 'hit: first', '# the first matching rule decides\nhit:   first');
    expect(lockCodes()).toEqual([]);
  });

  it('fails an approved version edited after approval and withholds the standard', () => {
    writeLock(loadStandards(dir));
    edit(V110, 'greaterThan: 8000', 'greaterThan: 9000');
    const index = loadStandards(dir);
    const problem = index.diagnostics.find((d) => d.code === 'lock_digest_mismatch');
    expect(problem).toMatchObject({
      file: V110,
      line: 4,
      hint: 'approved versions are immutable: publish 1.1.1 instead',
    });
    expect(index.diagnostics.map((d) => d.code)).toContain('lock_standard_withheld');
    expect(index.documents.has('approval.work-order')).toBe(false);
  });

  it('keeps serving the approved text on a reload after a tampering edit', () => {
    writeLock(loadStandards(dir));
    const before = loadStandards(dir);
    edit(V110, 'greaterThan: 8000', 'greaterThan: 9000');
    const after = loadStandards(dir, before);
    expect(after.diagnostics.map((d) => d.code)).toEqual(['lock_digest_mismatch']);
    const served = after.documents.get('approval.work-order')?.find((d) => d.version === '1.1.0');
    expect(served?.digest).toBe(readLock(dir).lock?.entries.get('approval.work-order')?.get('1.1.0')?.digest);
  });

  it('reports an approved version missing from the lock, and still serves it', () => {
    writeLock(loadStandards(dir));
    const text = readFileSync(join(dir, V110), 'utf8')
      .replace('version: 1.1.0', 'version: 1.2.0')
      .replace('effective: 2026-01-01', 'effective: 2026-06-01');
    writeFileSync(join(dir, 'rules/approval.work-order/1.2.0.yaml'), text);
    const index = loadStandards(dir);
    expect(index.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual([
      'lock_missing_entry rules/approval.work-order/1.2.0.yaml',
    ]);
    expect(index.documents.get('approval.work-order')?.map((d) => d.version)).toEqual([
      '1.0.0',
      '1.1.0',
      '1.2.0',
    ]);
    expect(planLock(index).added.map((a) => a.version)).toEqual(['1.2.0']);
  });

  it('refuses to change an existing entry and leaves the lock untouched', () => {
    writeLock(loadStandards(dir));
    const locked = readFileSync(join(dir, LOCK_FILE), 'utf8');
    edit(V110, 'greaterThan: 8000', 'greaterThan: 9000');
    let thrown: unknown;
    try {
      writeLock(loadStandards(dir));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(NormaError);
    expect((thrown as NormaError).code).toBe('lock_entry_immutable');
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(locked);
  });

  it('lets an approved version be retired without breaking its entry', () => {
    writeLock(loadStandards(dir));
    edit('rules/approval.work-order/1.0.0.yaml', 'status: approved', 'status: retired');
    expect(lockCodes()).toEqual([]);
  });

  it('reports a locked version whose file was deleted', () => {
    writeLock(loadStandards(dir));
    rmSync(join(dir, 'rules/approval.work-order/1.0.0.yaml'));
    const index = loadStandards(dir);
    expect(index.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([
      `lock_version_missing ${LOCK_FILE}:7`,
    ]);
  });

  it('reports a malformed lock with its position', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      'lockVersion: 1\nstandards:\n  approval.work-order:\n    1.0.0: { file: x }\n',
    );
    const index = loadStandards(dir);
    expect(index.diagnostics.filter((d) => d.code === 'lock_invalid').map((d) => d.line)).toEqual([4]);
  });
});
