import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NormaError } from '../diagnostics.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { evaluateStandard } from '../standards/evaluate.ts';
import { historyOf } from './history.ts';
import { LOCK_FILE, readLock } from './lockfile.ts';
import { planLock, writeLock } from './update.ts';
import { WITHHELD } from './withheld.ts';

const ID = 'approval.work-order';
const V110 = 'rules/approval.work-order/1.1.0.yaml';
const FACTS = { estimateTotal: 6000, payType: 'customer' };

async function caught(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (e: unknown) => e,
  );
}
async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  return ((await caught(work)) as NormaError | undefined)?.code;
}
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'norma-lock-'));
  // The sample is its two versions 1.0.0 and 1.1.0: later fixes of the bundled standard stay out.
  cpSync(join(bundledStandardsDir, 'rules/approval.work-order'), join(dir, 'rules/approval.work-order'), {
    recursive: true,
    filter: (src) => !src.endsWith('.yaml') || /\/1\.[01]\.0\.yaml$/.test(src),
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
  it('withholds every approved version when the standards directory has none', async () => {
    expect(lockCodes()).toEqual(['lock_missing', 'lock_standard_withheld', 'lock_standard_withheld']);
    const index = loadStandards(dir);
    expect(index.documents.size).toBe(0);
    expect(await codeOf(evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' }))).toBe(WITHHELD);
  });

  it('serves approved versions unchecked, with a warning, when the lock is off', () => {
    const index = loadStandards(dir, undefined, { lock: false });
    expect(index.diagnostics.map((d) => [d.code, d.severity])).toEqual([['lock_off', 'warning']]);
    expect(index.documents.get(ID)?.map((d) => d.version)).toEqual(['1.0.0', '1.1.0']);
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

  it('fails an approved version edited after approval and withholds it', async () => {
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
    // The edited version is withheld, and 1.0.0 does not take over its decisions on any date.
    expect(index.documents.get(ID)?.map((d) => d.version)).toEqual(['1.0.0']);
    for (const at of ['2026-03-01', '2025-06-01']) {
      const e = await caught(evaluateStandard(index, ID, { facts: FACTS, at }));
      expect(e).toMatchObject({ code: WITHHELD, message: expect.stringContaining(V110) });
    }
    expect(await codeOf(evaluateStandard(index, ID, { facts: FACTS, version: '1.1.0' }))).toBe(WITHHELD);
    const pinned = await evaluateStandard(index, ID, { facts: FACTS, version: '1.0.0', at: '2025-06-01' });
    expect(pinned.standard.version).toBe('1.0.0');
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

  it('withholds an approved version missing from the lock from its effective date', async () => {
    writeLock(loadStandards(dir));
    const text = readFileSync(join(dir, V110), 'utf8')
      .replace('version: 1.1.0', 'version: 1.2.0')
      .replace('effective: 2026-01-01', 'effective: 2026-06-01');
    writeFileSync(join(dir, 'rules/approval.work-order/1.2.0.yaml'), text);
    const index = loadStandards(dir);
    expect(index.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual([
      'lock_missing_entry rules/approval.work-order/1.2.0.yaml',
      'lock_standard_withheld rules/approval.work-order/1.2.0.yaml',
    ]);
    expect(index.documents.get(ID)?.map((d) => d.version)).toEqual(['1.0.0', '1.1.0']);
    const before = await evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' });
    expect(before.standard.version).toBe('1.1.0');
    expect(await codeOf(evaluateStandard(index, ID, { facts: FACTS, at: '2026-07-01' }))).toBe(WITHHELD);
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

  it('keeps one digest through retirement: in the envelope, in history and in the lock', async () => {
    writeLock(loadStandards(dir));
    const request = { facts: FACTS, version: '1.0.0', at: '2025-06-01' };
    const issued = await evaluateStandard(loadStandards(dir), ID, request);
    edit('rules/approval.work-order/1.0.0.yaml', 'status: approved', 'status: retired');
    const index = loadStandards(dir);
    expect(lockCodes()).toEqual([]);
    const later = await evaluateStandard(index, ID, request);
    const history = historyOf(index, ID, '2026-03-01').versions.find((v) => v.version === '1.0.0');
    expect(history?.status).toBe('retired');
    expect(later.standard.digest).toBe(issued.standard.digest);
    expect(history?.digest).toBe(issued.standard.digest);
    expect(readLock(dir).lock?.entries.get(ID)?.get('1.0.0')?.digest).toBe(issued.standard.digest);
  });

  it('reports a locked version whose file was deleted', async () => {
    writeLock(loadStandards(dir));
    rmSync(join(dir, 'rules/approval.work-order/1.0.0.yaml'));
    const index = loadStandards(dir);
    expect(index.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([
      `lock_version_missing ${LOCK_FILE}:8`,
      'lock_standard_withheld rules/approval.work-order/1.0.0.yaml:1',
    ]);
    // 1.1.0 still decides where it is in force; where 1.0.0 would, nothing does.
    const served = await evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' });
    expect(served.standard.version).toBe('1.1.0');
    expect(await codeOf(evaluateStandard(index, ID, { facts: FACTS, at: '2025-06-01' }))).toBe(WITHHELD);
  });

  it('reports a malformed lock with its position', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      'lockVersion: 2\nstandards:\n  approval.work-order:\n    1.0.0: { file: x }\n',
    );
    const index = loadStandards(dir);
    expect(index.diagnostics.filter((d) => d.code === 'lock_invalid').map((d) => d.line)).toEqual([4]);
    expect(index.documents.size).toBe(0);
  });
});
