/**
 * The lock fails closed against a careless operator and an attacker: whatever happens to
 * norma.lock (gone, a directory, unreadable, a FIFO, malformed, of an older scheme, cut short),
 * no approved version it cannot vouch for is served, every lookup says why with one code, and a
 * server keeps what was vouched for. Drafts are never affected.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  diffVersions,
  evaluateStandard,
  findVersion,
  historyOf,
  LOCK_FILE,
  loadStandards,
  migrateLock,
  NormaError,
  readLock,
  type StandardsIndex,
  WITHHELD,
  writeLock,
} from '../../engine/index.ts';
import { legacyDigestOf } from '../../engine/lock/migrate.ts';

const ID = 'approval.work-order';
const V110 = `rules/${ID}/1.1.0.yaml`;
const DRAFT = `rules/${ID}/1.2.0-rc.1.yaml`;
const FACTS = { estimateTotal: 6000, payType: 'customer' };
let dir: string;

const repo = fileURLToPath(new URL('../..', import.meta.url));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'norma-hostile-lock-'));
  // The sample is its two versions 1.0.0 and 1.1.0: later fixes of the bundled standard stay out.
  cpSync(join(bundledStandardsDir, 'rules', ID), join(dir, 'rules', ID), {
    recursive: true,
    filter: (src) => !src.endsWith('.yaml') || /\/1\.[01]\.0\.yaml$/.test(src),
  });
  const draft = readFileSync(join(dir, V110), 'utf8')
    .replace('version: 1.1.0', 'version: 1.2.0-rc.1')
    .replace('status: approved', 'status: draft');
  writeFileSync(join(dir, DRAFT), draft);
  writeLock(loadStandards(dir));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const lockPath = () => join(dir, LOCK_FILE);
const errorsOf = (index: StandardsIndex) =>
  index.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

async function thrown(work: () => unknown): Promise<NormaError> {
  try {
    await work();
  } catch (e) {
    if (e instanceof NormaError) return e;
    throw e;
  }
  throw new Error('expected a NormaError');
}

/** Every lookup of the standard answers `lock_standard_withheld`, naming the file and the reason. */
async function expectWithheld(index: StandardsIndex, reason: RegExp): Promise<void> {
  const lookups: (() => unknown)[] = [
    () => evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' }),
    () => evaluateStandard(index, ID, { facts: FACTS, version: '1.1.0' }),
    () => findVersion(index, ID, '1.0.0'),
    () => diffVersions(index, ID, '1.0.0', '1.1.0', { behaviour: false }),
  ];
  for (const lookup of lookups) {
    const e = await thrown(lookup);
    expect(e.code).toBe(WITHHELD);
    expect(e.message).toMatch(/rules\/approval\.work-order\/1\.[01]\.0\.yaml/);
    expect(e.message).toMatch(reason);
  }
  const history = historyOf(index, ID, '2026-03-01');
  expect(history.inForce).toBeUndefined();
  expect(history.versions.map((v) => [v.version, v.withheld?.code])).toEqual([
    ['1.0.0', WITHHELD],
    ['1.1.0', WITHHELD],
    ['1.2.0-rc.1', undefined],
  ]);
  expect(history.versions[0]?.withheld?.reason).toMatch(reason);
  // The draft is not the lock's business.
  const draft = await evaluateStandard(index, ID, { facts: FACTS, version: '1.2.0-rc.1' });
  expect(draft.standard.version).toBe('1.2.0-rc.1');
}

describe('a norma.lock that cannot vouch withholds every approved version', () => {
  it('when it is missing', async () => {
    rmSync(lockPath());
    const index = loadStandards(dir);
    expect(errorsOf(index)).toEqual(['lock_missing', WITHHELD, WITHHELD]);
    await expectWithheld(index, /there is no norma\.lock/);
  });

  it('when it is a directory', async () => {
    rmSync(lockPath());
    mkdirSync(lockPath());
    const index = loadStandards(dir);
    expect(errorsOf(index)).toEqual(['lock_unreadable', WITHHELD, WITHHELD]);
    await expectWithheld(index, /norma\.lock is a directory/);
  });

  it('when it cannot be read (EACCES)', async () => {
    chmodSync(lockPath(), 0o000);
    if (process.getuid?.() !== 0) {
      const index = loadStandards(dir);
      expect(errorsOf(index)).toContain('lock_unreadable');
      await expectWithheld(index, /cannot be read \(EACCES\)/);
      return;
    }
    // Root reads a mode 000 file anyway: `norma validate` runs as nobody, whom the copy lets in.
    for (let d = dirname(lockPath()); d.startsWith(dir); d = dirname(d)) chmodSync(d, 0o755);
    execFileSync('chmod', ['-R', 'a+rX', join(dir, 'rules')]);
    const run = spawnSync(process.execPath, [join(repo, 'bin/norma.js'), 'validate', '--dir', dir], {
      encoding: 'utf8',
      timeout: 60_000,
      uid: 65534,
      gid: 65534,
    });
    expect(run.stdout).toContain('lock_unreadable');
    expect(run.stdout).toContain('EACCES');
    expect(run.stdout).toContain(WITHHELD);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  it.skipIf(process.platform === 'win32')('when it is a FIFO, without blocking on it', async () => {
    rmSync(lockPath());
    execFileSync('mkfifo', [lockPath()]);
    const index = loadStandards(dir);
    expect(errorsOf(index)).toContain('lock_unreadable');
    await expectWithheld(index, /not a regular file/);
  });

  it.each([
    ['a YAML syntax error', (t: string) => t.replace('standards:', 'standards: [')],
    ['a wrong lockVersion', (t: string) => t.replace('lockVersion: 2', 'lockVersion: 7')],
    ['an entry without its digest', (t: string) => t.replace(/digest: sha256:[0-9a-f]+/, 'digest: x')],
    ['a duplicated entry', (t: string) => `${t}  ${ID}:\n    9.9.9: { digest: x, file: y }\n`],
  ])('when it has %s', async (_, corrupt) => {
    writeFileSync(lockPath(), corrupt(readFileSync(lockPath(), 'utf8')));
    const index = loadStandards(dir);
    expect(errorsOf(index).filter((c) => c !== WITHHELD).length).toBeGreaterThan(0);
    await expectWithheld(index, /norma\.lock is malformed/);
  });

  it('when an entry was deleted (only that version, and nothing older takes its place)', async () => {
    const text = readFileSync(lockPath(), 'utf8');
    writeFileSync(lockPath(), text.replace(/ {4}1\.1\.0:\n(?: {6}.*\n)+/, ''));
    const index = loadStandards(dir);
    expect(errorsOf(index)).toEqual(['lock_missing_entry', WITHHELD]);
    const e = await thrown(() => evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' }));
    expect(e.message).toMatch(/1\.1\.0 is withheld .*not recorded in norma\.lock/);
  });

  it('when it is of the older digest scheme, until `norma lock --migrate` re-checks and rewrites it', async () => {
    writeLegacyLock();
    const index = loadStandards(dir);
    expect(errorsOf(index)).toEqual(['lock_outdated', WITHHELD, WITHHELD]);
    await expectWithheld(index, /older digest scheme/);
    const migrated = migrateLock(index);
    expect(migrated.migrated.map((m) => m.version)).toEqual(['1.0.0', '1.1.0']);
    expect(errorsOf(loadStandards(dir))).toEqual([]);
  });

  it('refuses to migrate an entry whose file changed since it was locked', () => {
    writeLegacyLock();
    const file = join(dir, V110);
    writeFileSync(file, readFileSync(file, 'utf8').replace('greaterThan: 8000', 'greaterThan: 9000'));
    const before = readFileSync(lockPath(), 'utf8');
    expect(() => migrateLock(loadStandards(dir))).toThrow(/no longer match/);
    expect(readFileSync(lockPath(), 'utf8')).toBe(before);
  });
});

describe('while serving', () => {
  it('keeps what the lock vouched for when it becomes malformed, and admits nothing new', async () => {
    const served = loadStandards(dir);
    writeFileSync(lockPath(), 'lockVersion: [\n');
    const added = readFileSync(join(dir, V110), 'utf8')
      .replace('version: 1.1.0', 'version: 1.3.0')
      .replace('effective: 2026-01-01', 'effective: 2026-02-01');
    writeFileSync(join(dir, `rules/${ID}/1.3.0.yaml`), added);
    const reloaded = loadStandards(dir, served);
    expect(errorsOf(reloaded)).toContain('yaml_syntax');
    expect(reloaded.documents.get(ID)?.map((d) => d.version)).toEqual(['1.0.0', '1.1.0', '1.2.0-rc.1']);
    expect(reloaded.withheld.get(ID)?.map((w) => w.version)).toEqual(['1.3.0']);
    // Before the new version takes effect, the vouched one decides; from then on, nothing does.
    const january = await evaluateStandard(reloaded, ID, { facts: FACTS, at: '2026-01-15' });
    expect(january.standard.version).toBe('1.1.0');
    const e = await thrown(() => evaluateStandard(reloaded, ID, { facts: FACTS, at: '2026-03-01' }));
    expect(e.code).toBe(WITHHELD);
  });

  it('keeps what the lock vouched for when it vanishes', () => {
    const served = loadStandards(dir);
    rmSync(lockPath());
    const reloaded = loadStandards(dir, served);
    expect(errorsOf(reloaded)).toEqual(['lock_missing']);
    expect(reloaded.documents.get(ID)).toEqual(served.documents.get(ID));
  });
});

/** The lock as a norma before digest scheme 2 wrote it. */
function writeLegacyLock(): void {
  const index = loadStandards(dir);
  const lines = ['lockVersion: 1', 'standards:', `  ${ID}:`];
  for (const state of index.files.values()) {
    const doc = state.document;
    if (!doc || doc.status === 'draft') continue;
    lines.push(`    ${doc.version}:`, `      digest: ${legacyDigestOf(doc)}`, `      file: ${doc.file}`);
  }
  writeFileSync(lockPath(), `${lines.join('\n')}\n`);
  expect(readLock(dir).outdated).toBeDefined();
}
