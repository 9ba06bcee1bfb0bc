import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NormaError } from '../diagnostics.ts';
import {
  type IndexOptions,
  indexFiles,
  listStandardFiles,
  loadStandards,
  type StandardsIndex,
} from './directory.ts';
import { evaluateStandard, versionsOf } from './evaluate.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** These directories are development fixtures: the lock is off (engine/lock/lock.test.ts tests it). */
const DEV: IndexOptions = { lock: false };

/** An index's diagnostics but the `lock_off` warning that every DEV load carries. */
const fileProblems = (index: StandardsIndex) => index.diagnostics.filter((d) => d.code !== 'lock_off');

/** Loads a fixture directory with the lock off, leaving out the `lock_off` warning that says so. */
function load(dir: string, previous?: StandardsIndex): StandardsIndex {
  const index = loadStandards(dir, previous, DEV);
  return { ...index, diagnostics: index.diagnostics.filter((d) => d.code !== 'lock_off') };
}

/** A temporary standards directory holding the given files. */
function standards(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'norma-std-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) write(dir, path, text);
  return dir;
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A small ruleset whose output names its own version, so tests see which version decided. */
function ruleset(
  version: string,
  header: { status?: string; effective?: string; change?: string | null; id?: string } = {},
): string {
  const status = header.status ?? 'approved';
  const lines = [
    'kind: ruleset',
    `id: ${header.id ?? 'fees.labour'}`,
    `version: ${version}`,
    `status: ${status}`,
    ...(header.effective ? [`effective: ${header.effective}`] : []),
    'title: labour',
    ...(status === 'approved' ? ['approved: { by: 王强, at: 2024-12-01 }'] : []),
    ...(header.change === null || version === '1.0.0' ? [] : [`change: ${header.change ?? 'updated'}`]),
    'facts:',
    '  hours: { type: number }',
    'hit: first',
    'outputs:',
    '  version: { type: string }',
    'rules:',
    '  - id: always',
    `    then: { version: "${version}" }`,
  ];
  return `${lines.join('\n')}\n`;
}

async function versionAt(dir: string, at: string, version?: string): Promise<string | NormaError> {
  try {
    const env = await evaluateStandard(load(dir), 'fees.labour', {
      facts: { hours: 1 },
      at,
      ...(version ? { version } : {}),
    });
    return env.standard.version;
  } catch (e) {
    if (e instanceof NormaError) return e;
    throw e;
  }
}

describe('choosing the version in force', () => {
  const history = {
    'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
    'rules/fees.labour/1.9.0.yaml': ruleset('1.9.0', { effective: '2026-01-01' }),
    'rules/fees.labour/1.10.0.yaml': ruleset('1.10.0', { status: 'retired', effective: '2026-02-01' }),
    'rules/fees.labour/2.0.0.yaml': ruleset('2.0.0', { status: 'draft' }),
    'rules/fees.labour/3.0.0.yaml': ruleset('3.0.0', { effective: '2027-01-01' }),
  };

  it('loads every version in semver order, with no diagnostics', () => {
    const index = load(standards(history));
    expect(index.diagnostics).toEqual([]);
    expect(versionsOf(index, 'fees.labour').map((d) => d.version)).toEqual([
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
      '3.0.0',
    ]);
  });

  it('takes the highest approved version whose `effective` is on or before `at`', async () => {
    const dir = standards(history);
    expect(await versionAt(dir, '2025-01-01')).toBe('1.0.0');
    expect(await versionAt(dir, '2025-12-31')).toBe('1.0.0');
    expect(await versionAt(dir, '2026-01-01')).toBe('1.9.0');
    expect(await versionAt(dir, '2027-06-01')).toBe('3.0.0');
  });

  it('never chooses a retired version or a draft by date', async () => {
    const dir = standards(history);
    expect(await versionAt(dir, '2026-03-01')).toBe('1.9.0');
  });

  it('evaluates a draft or a retired version when it is pinned', async () => {
    const dir = standards(history);
    expect(await versionAt(dir, '2026-03-01', '2.0.0')).toBe('2.0.0');
    expect(await versionAt(dir, '2026-03-01', '1.10.0')).toBe('1.10.0');
  });

  it('says clearly when `at` is before any version is in force', async () => {
    const e = await versionAt(standards(history), '2024-12-31');
    expect(e).toBeInstanceOf(NormaError);
    expect((e as NormaError).code).toBe('version_not_in_force');
    expect((e as NormaError).message).toContain('2025-01-01');
    expect((e as NormaError).details[0]?.hint).toMatch(/evaluate at 2025-01-01 or later/);
  });

  it('says so when only drafts exist', async () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { status: 'draft' }) });
    expect(((await versionAt(dir, '2026-01-01')) as NormaError).code).toBe('version_not_in_force');
    expect(await versionAt(dir, '2026-01-01', '1.0.0')).toBe('1.0.0');
  });

  it('rejects an unknown pinned version and an unknown id', async () => {
    const dir = standards(history);
    expect(((await versionAt(dir, '2026-03-01', '9.9.9')) as NormaError).code).toBe('version_unknown');
    const index = load(dir);
    const e = await evaluateStandard(index, 'fees.labor', { facts: { hours: 1 } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'standard_unknown' });
    expect((e as NormaError).details[0]?.hint).toBe('did you mean `fees.labour`?');
  });
});

describe('checks across a standards directory', () => {
  it('requires a `change` note on every version after the first', () => {
    const index = load(
      standards({
        'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
        'rules/fees.labour/1.1.0.yaml': ruleset('1.1.0', { effective: '2026-01-01', change: null }),
      }),
    );
    expect(index.diagnostics.map((d) => [d.code, d.file, d.line, d.col])).toEqual([
      ['change_missing', 'rules/fees.labour/1.1.0.yaml', 3, 1],
    ]);
  });

  it('reports a version whose kind differs from the first version', () => {
    const index = load(
      standards({
        'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
        'rules/fees.labour/1.1.0.yaml': ruleset('1.1.0', { effective: '2026-01-01' }),
      }),
    );
    const state = index.files.get('rules/fees.labour/1.1.0.yaml');
    if (!state?.document) throw new Error('must compile');
    // Another kind with the same id, as a second kind's document would be after its own compile.
    index.files.set(state.path, { ...state, document: { ...state.document, kind: 'scorecard' } });
    const again = indexFiles(index.dir, index.files, undefined, DEV).diagnostics.filter(
      (d) => d.code !== 'lock_off',
    );
    expect(again.map((d) => [d.code, d.line])).toEqual([['kind_changed', 1]]);
    expect(again[0]?.message).toMatch(/1\.1\.0 is a scorecard, but 1\.0\.0 is a ruleset/);
  });

  it('reports files that are not at <folder>/<id>/<version>.yaml', () => {
    const index = load(standards({ 'rules/loose.yaml': ruleset('1.0.0', { effective: '2025-01-01' }) }));
    expect(index.diagnostics.map((d) => [d.code, d.file])).toEqual([['path_layout', 'rules/loose.yaml']]);
    expect(index.documents.size).toBe(0);
  });

  it('checks each document against its path', () => {
    const index = load(
      standards({
        'rules/fees.labour/1.0.1.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
        'rules/fees.other/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
      }),
    );
    expect(index.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['path_version_mismatch', 'rules/fees.labour/1.0.1.yaml'],
      ['path_id_mismatch', 'rules/fees.other/1.0.0.yaml'],
    ]);
  });

  it('ignores files that are not YAML and folders other than rules/ and checklists/', () => {
    const index = load(
      standards({
        'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
        'rules/fees.labour/README.md': '# notes',
        'templates/x/1.0.0.yaml': 'not: checked',
      }),
    );
    expect(index.diagnostics).toEqual([]);
    expect([...index.files.keys()]).toEqual(['rules/fees.labour/1.0.0.yaml']);
  });
});

describe('reloading a standards directory', () => {
  it('keeps serving the last good document when an edit breaks it, and reports the edit', async () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }) });
    const first = load(dir);
    write(dir, 'rules/fees.labour/1.0.0.yaml', `${ruleset('1.0.0', { effective: '2025-01-01' })}hit: any\n`);
    const second = load(dir, first);
    expect(second.diagnostics.map((d) => [d.code, d.line])).toEqual([['yaml_duplicate_key', 16]]);
    const env = await evaluateStandard(second, 'fees.labour', { facts: { hours: 1 }, at: '2026-01-01' });
    expect(env.standard.version).toBe('1.0.0');
    expect(second.files.get('rules/fees.labour/1.0.0.yaml')?.lastGood).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml')?.document,
    );
    // A second broken edit still keeps the same last good document.
    write(dir, 'rules/fees.labour/1.0.0.yaml', 'kind: [');
    const third = load(dir, second);
    expect(versionsOf(third, 'fees.labour')[0]).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml')?.document,
    );
  });

  it('serves nothing for a broken file without a previous index', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': 'kind: [' });
    const index = load(dir);
    expect(index.documents.size).toBe(0);
    expect(index.diagnostics.map((d) => d.code)).toEqual(['yaml_syntax']);
  });

  it('reuses unchanged files and recompiles a fixed one', () => {
    const dir = standards({
      'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
      'rules/fees.other/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01', id: 'fees.other' }),
    });
    const first = load(dir);
    write(
      dir,
      'rules/fees.other/1.0.0.yaml',
      ruleset('1.0.0', { effective: '2025-02-01', id: 'fees.other' }),
    );
    const second = load(dir, first);
    expect(second.files.get('rules/fees.labour/1.0.0.yaml')).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml'),
    );
    expect(versionsOf(second, 'fees.other')[0]?.effective).toBe('2025-02-01');
  });

  it('keeps a digest through reformatting and changes it with any value', () => {
    const text = ruleset('1.0.0', { effective: '2025-01-01' });
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': text });
    const digest = () => versionsOf(load(dir), 'fees.labour')[0]?.digest;
    const before = digest();
    write(
      dir,
      'rules/fees.labour/1.0.0.yaml',
      `# comment\n${text.replace('hours: { type: number }', 'hours:\n    type: "number"')}`,
    );
    expect(digest()).toBe(before);
    write(dir, 'rules/fees.labour/1.0.0.yaml', text.replace('title: labour', 'title: Labour'));
    expect(digest()).not.toBe(before);
  });
});

describe('reading a standards directory that cannot be trusted', () => {
  const good = ruleset('1.0.0', { effective: '2025-01-01' });

  it('reads neither of two files for one version, and says which they are', () => {
    const index = loadStandards(
      standards({ 'rules/fees.labour/1.0.0.yaml': good, 'rules/fees.labour/1.0.0.yml': good }),
    );
    expect(index.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['version_file_duplicate', 'rules/fees.labour/1.0.0.yaml'],
      ['version_file_duplicate', 'rules/fees.labour/1.0.0.yml'],
    ]);
    expect(index.diagnostics[0]?.message).toContain('`rules/fees.labour/1.0.0.yml`');
    expect(index.documents.size).toBe(0);
  });

  it('keeps serving the last good version when a second file for it appears, and both are reported', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': good });
    const first = loadStandards(dir, undefined, DEV);
    write(dir, 'rules/fees.labour/1.0.0.yml', good.replace('title: labour', 'title: other'));
    const second = loadStandards(dir, first);
    expect(fileProblems(second).map((d) => d.code)).toEqual([
      'version_file_duplicate',
      'version_file_duplicate',
    ]);
    expect(versionsOf(second, 'fees.labour')[0]).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml')?.document,
    );
    rmSync(join(dir, 'rules/fees.labour/1.0.0.yml'));
    const third = loadStandards(dir, second);
    expect(fileProblems(third)).toEqual([]);
    expect(versionsOf(third, 'fees.labour')[0]?.title).toBe('labour');
  });

  it('reports a folder named like a version file and does not read it', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': good });
    mkdirSync(join(dir, 'rules/fees.labour/1.1.0.yaml'));
    const index = loadStandards(dir, undefined, DEV);
    expect(fileProblems(index).map((d) => [d.code, d.file])).toEqual([
      ['file_not_regular', 'rules/fees.labour/1.1.0.yaml'],
    ]);
    expect(versionsOf(index, 'fees.labour').map((d) => d.version)).toEqual(['1.0.0']);
  });

  it('keeps the last good state of a file that cannot be read now, and reads it again later', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': good });
    const file = join(dir, 'rules/fees.labour/1.0.0.yaml');
    const first = loadStandards(dir, undefined, DEV);
    // A link to itself cannot be followed (ELOOP): a read failure root cannot bypass, unlike a mode.
    rmSync(file);
    symlinkSync('1.0.0.yaml', file);
    const second = loadStandards(dir, first);
    expect(second.readFailures?.map((d) => d.code)).toEqual(['file_unreadable']);
    expect(fileProblems(second).map((d) => [d.code, d.file])).toEqual([
      ['file_unreadable', 'rules/fees.labour/1.0.0.yaml'],
    ]);
    expect(versionsOf(second, 'fees.labour')[0]).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml')?.document,
    );
    // Unchanged on the next attempt: the same state, so nothing looks changed.
    const again = loadStandards(dir, second);
    expect(again.files.get('rules/fees.labour/1.0.0.yaml')).toBe(
      second.files.get('rules/fees.labour/1.0.0.yaml'),
    );
    rmSync(file);
    write(dir, 'rules/fees.labour/1.0.0.yaml', good);
    const third = loadStandards(dir, again);
    expect(fileProblems(third)).toEqual([]);
    expect(third.readFailures).toBeUndefined();
    expect(versionsOf(third, 'fees.labour')[0]?.version).toBe('1.0.0');
  });

  it('keeps the files of an id folder that cannot be listed now', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': good });
    const first = loadStandards(dir, undefined, DEV);
    rmSync(join(dir, 'rules/fees.labour'), { recursive: true });
    symlinkSync('fees.labour', join(dir, 'rules/fees.labour'));
    const second = loadStandards(dir, first);
    expect(fileProblems(second).map((d) => [d.code, d.file])).toEqual([
      ['file_unreadable', 'rules/fees.labour'],
    ]);
    expect(versionsOf(second, 'fees.labour')[0]).toBe(
      first.files.get('rules/fees.labour/1.0.0.yaml')?.document,
    );
  });

  it('holds only the reason when the directory cannot be read, gone or without document folders', () => {
    const gone = join(tmpdir(), 'norma-no-such-dir');
    const missing = loadStandards(gone);
    expect(missing.unavailable?.code).toBe('dir_unreadable');
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['dir_unreadable']);
    expect(missing.diagnostics[0]?.message).toContain('does not exist');
    const empty = loadStandards(standards({ 'README.md': '# nothing here' }));
    expect(empty.unavailable?.code).toBe('dir_not_standards');
    const file = join(standards({ 'rules/x': '' }), 'rules/x');
    expect(loadStandards(file).unavailable?.message).toContain('is not a directory');
  });

  it('lists only the files it would read', () => {
    const dir = standards({ 'rules/fees.labour/1.0.0.yaml': good });
    mkdirSync(join(dir, 'rules/fees.labour/1.1.0.yaml'));
    expect(listStandardFiles(dir)).toEqual(['rules/fees.labour/1.0.0.yaml']);
  });
});

describe('versions that can never be in force', () => {
  it('are warned about when a higher approved version takes effect on the same day or earlier', async () => {
    const dir = standards({
      'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2025-01-01' }),
      'rules/fees.labour/1.1.0.yaml': ruleset('1.1.0', { effective: '2026-01-01' }),
      'rules/fees.labour/1.2.0.yaml': ruleset('1.2.0', { effective: '2026-01-01' }),
      'rules/fees.labour/1.3.0.yaml': ruleset('1.3.0', { effective: '2027-01-01' }),
      'rules/fees.labour/1.4.0.yaml': ruleset('1.4.0', { status: 'draft', effective: '2020-01-01' }),
    });
    const found = load(dir).diagnostics.filter((d) => d.code === 'version_never_in_force');
    expect(found.map((d) => [d.file, d.severity])).toEqual([['rules/fees.labour/1.1.0.yaml', 'warning']]);
    expect(found[0]?.message).toContain(
      '1.2.0, a higher approved version, takes effect on 2026-01-01, the same day',
    );
    // What the warning says is what evaluation does: 1.1.0 never decides.
    expect(await versionAt(dir, '2026-01-01')).toBe('1.2.0');
    expect(await versionAt(dir, '2025-12-31')).toBe('1.0.0');
  });

  it('are warned about when a higher version took effect before, and when the date can never come', () => {
    const dir = standards({
      'rules/fees.labour/1.0.0.yaml': ruleset('1.0.0', { effective: '2026-06-01' }),
      'rules/fees.labour/2.0.0.yaml': ruleset('2.0.0', { effective: '2025-01-01' }),
      'rules/fees.labour/3.0.0.yaml': ruleset('3.0.0', { effective: '9999-01-01' }),
    });
    const found = load(dir).diagnostics.filter((d) => d.code === 'version_never_in_force');
    expect(found.map((d) => d.file)).toEqual([
      'rules/fees.labour/1.0.0.yaml',
      'rules/fees.labour/3.0.0.yaml',
    ]);
    expect(found[0]?.message).toContain('before it');
    expect(found[1]?.message).toContain('after the last evaluation date');
  });
});
