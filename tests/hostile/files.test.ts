/**
 * Hostile standards directories: entries that must be reported and skipped without being opened
 * or read whole (FIFOs, sockets, devices, huge files, links out of the directory), files that
 * cannot be read, and `norma validate` on them (a diagnostic and exit 1, never a hang or a stack).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStandards, type StandardsIndex } from '../../engine/index.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const testdata = join(repo, 'server/testdata');
const DOC = 'rules/routing.job/1.0.0.yaml';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A writable copy of the server's test standards (two ids, four files). */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'norma-hostile-'));
  cpSync(testdata, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function codesAt(index: StandardsIndex, file: string): string[] {
  return index.diagnostics.filter((d) => d.file === file).map((d) => d.code);
}

/** The versions served for `routing.job`. */
function routingVersions(index: StandardsIndex): string[] {
  return (index.documents.get('routing.job') ?? []).map((d) => d.version);
}

/**
 * Makes a FIFO at `path`, with a writer that unblocks a reader after a while: a loader that opens
 * the FIFO then takes 10 s instead of hanging the test run forever, and the time tells.
 */
function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
  const writer: ChildProcess = spawn('sh', ['-c', `sleep 10; echo 'kind: [' > '${path}'`], {
    stdio: 'ignore',
  });
  cleanups.push(() => writer.kill('SIGKILL'));
}

/** Loads `dir`, failing when it takes as long as a blocked open of a FIFO would. */
function loadQuickly(dir: string, previous?: StandardsIndex): StandardsIndex {
  const started = Date.now();
  const index = loadStandards(dir, previous);
  expect(Date.now() - started).toBeLessThan(8000);
  return index;
}

describe('entries that are not regular files', () => {
  it('reports a FIFO and never opens it', () => {
    const dir = copy();
    fifo(join(dir, 'rules/routing.job/3.0.0.yaml'));
    const index = loadQuickly(dir);
    expect(codesAt(index, 'rules/routing.job/3.0.0.yaml')).toEqual(['file_not_regular']);
    expect(index.diagnostics.find((d) => d.code === 'file_not_regular')?.message).toContain('FIFO');
    expect(routingVersions(index)).toEqual(['1.0.0', '2.0.0']);
  });

  it('reports a FIFO put in place of a served file, and keeps serving its last good version', () => {
    const dir = copy();
    const first = loadStandards(dir);
    rmSync(join(dir, DOC));
    fifo(join(dir, DOC));
    const second = loadQuickly(dir, first);
    expect(codesAt(second, DOC)).toEqual(['file_not_regular']);
    expect(second.documents.get('routing.job')?.[0]).toBe(first.files.get(DOC)?.document);
  });

  it('reports a socket', async () => {
    const dir = copy();
    const path = join(dir, 'rules/routing.job/3.0.0.yaml');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    cleanups.push(() => server.close());
    expect(codesAt(loadQuickly(dir), 'rules/routing.job/3.0.0.yaml')).toEqual(['file_not_regular']);
  });

  it('resolves a link inside the directory and checks what it points to', () => {
    const dir = copy();
    fifo(join(dir, 'pipe'));
    symlinkSync('../../pipe', join(dir, 'rules/routing.job/3.0.0.yaml'));
    expect(codesAt(loadQuickly(dir), 'rules/routing.job/3.0.0.yaml')).toEqual(['file_not_regular']);
  });
});

describe('links', () => {
  it('does not follow a link out of the directory: /dev/zero, a file, an id folder', () => {
    const dir = copy();
    const outside = mkdtempSync(join(tmpdir(), 'norma-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    cpSync(join(testdata, 'rules/routing.job'), join(outside, 'routing.other'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'rules/routing.job/3.0.0.yaml'));
    symlinkSync(join(outside, 'routing.other/1.0.0.yaml'), join(dir, 'rules/routing.job/4.0.0.yaml'));
    symlinkSync(join(outside, 'routing.other'), join(dir, 'rules/routing.other'));
    const index = loadQuickly(dir);
    for (const path of [
      'rules/routing.job/3.0.0.yaml',
      'rules/routing.job/4.0.0.yaml',
      'rules/routing.other',
    ]) {
      expect(codesAt(index, path)).toEqual(['file_outside_dir']);
    }
    expect(routingVersions(index)).toEqual(['1.0.0', '2.0.0']);
    expect(index.documents.has('routing.other')).toBe(false);
  });

  it('follows a link that stays inside the directory', () => {
    const dir = copy();
    mkdirSync(join(dir, 'common'));
    cpSync(join(dir, 'rules/routing.job'), join(dir, 'common/routing.job'), { recursive: true });
    rmSync(join(dir, 'rules/routing.job'), { recursive: true });
    symlinkSync('../common/routing.job', join(dir, 'rules/routing.job'));
    const index = loadQuickly(dir);
    expect(index.diagnostics).toEqual([]);
    expect(routingVersions(index)).toEqual(['1.0.0', '2.0.0']);
  });
});

describe('size', () => {
  it('rejects a file over the limit from its size, without reading it', () => {
    const dir = copy();
    // 3 GiB, sparse: reading it whole would fail outright (over Node's 2 GiB buffer limit).
    const huge = join(dir, 'rules/routing.job/3.0.0.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    const fifty = join(dir, 'rules/routing.job/4.0.0.yaml');
    writeFileSync(fifty, '');
    truncateSync(fifty, 50 * 1024 ** 2);
    const index = loadQuickly(dir);
    expect(codesAt(index, 'rules/routing.job/3.0.0.yaml')).toEqual(['yaml_too_large']);
    expect(codesAt(index, 'rules/routing.job/4.0.0.yaml')).toEqual(['yaml_too_large']);
    expect(index.diagnostics.map((d) => d.message).join('\n')).toContain(`${50 * 1024 ** 2} bytes`);
  });
});

/** Runs the CLI in a child process (as `uid` when given), with a deadline instead of a hang. */
function norma(args: string[], uid?: number): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repo, 'bin/norma.js'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('norma validate on a hostile directory', () => {
  it('reports every entry it skips, exits 1, and neither hangs nor prints a stack', () => {
    const dir = copy();
    execFileSync('mkfifo', [join(dir, 'rules/routing.job/3.0.0.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'rules/routing.job/4.0.0.yaml'));
    mkdirSync(join(dir, 'rules/routing.job/5.0.0.yaml'));
    writeFileSync(join(dir, 'rules/routing.job/2.0.0.yml'), '');
    const run = norma(['validate', '--dir', dir]);
    expect(run.status).toBe(1);
    for (const expected of [
      '3.0.0.yaml:1:1 file_not_regular',
      '4.0.0.yaml:1:1 file_outside_dir',
      '5.0.0.yaml:1:1 file_not_regular',
      '2.0.0.yaml:1:1 version_file_duplicate',
      '2.0.0.yml:1:1 version_file_duplicate',
    ]) {
      expect(run.stdout).toContain(expected);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('reports a file it has no permission to read (EACCES), as a user who cannot read it', () => {
    const dir = copy();
    chmodSync(join(dir, DOC), 0o000);
    // Root reads a mode 000 file anyway: run as nobody then, which the copy must let in.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (let d = dirname(join(dir, DOC)); d.startsWith(dir); d = dirname(d)) chmodSync(d, 0o755);
    const run = norma(['validate', '--dir', dir], asRoot ? 65534 : undefined);
    expect(run.stdout).toContain(`${DOC}:1:1 file_unreadable`);
    expect(run.stdout).toContain('EACCES');
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
