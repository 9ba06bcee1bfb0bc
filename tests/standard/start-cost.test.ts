/**
 * What a start of the bundled standard loads. The packages that only some work needs
 * (engine/packages.ts: the `yaml` library, Handlebars, ajv's compiler, json-rules-engine) take
 * 20–60 ms each to load; one static import of one of them anywhere in the server's module graph,
 * or one document the fast YAML reader leaves to the library, would bring it back to every start.
 * The server is the compiled one `npm start` runs (built here first when a source is newer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'norma-start-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Preloaded into the server: on SIGUSR2 it writes the CommonJS files loaded so far, and exits. */
const HOOK = `process.on('SIGUSR2', () => {
  process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n');
  process.exit(0);
});`;

/** The server's listening URL, from its first log line that has one. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = /"url":"(http:[^"]+)"/.exec(text)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${text}`)));
  });
}

function loadedFiles(child: ChildProcess): Promise<string[]> {
  return new Promise((resolve) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on('exit', () => resolve(JSON.parse(/^LOADED (.*)$/m.exec(text)?.[1] ?? '[]') as string[]));
  });
}

/** The compiled server, built first when a source is newer than the build. */
async function builtServer(): Promise<string> {
  const { buildServer, isFresh, outfile } = (await import(
    join(import.meta.dirname, '..', '..', 'scripts', 'build-server.mjs')
  )) as {
    buildServer: () => Promise<string | undefined>;
    isFresh: () => boolean;
    outfile: string;
  };
  if (!isFresh()) expect(await buildServer()).toBe(outfile);
  return outfile;
}

/** The fields of the `listening` log line of one start of the compiled server, which then stops. */
async function announced(env: Record<string, string>): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [await builtServer()], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NORMA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  try {
    await listening(child);
  } finally {
    child.kill();
  }
  const line = text.split('\n').find((l) => l.includes('"msg":"listening"'));
  return JSON.parse(line ?? '{}') as Record<string, unknown>;
}

describe('a start of the bundled standard', () => {
  it('checks every document in full once per build, and skips the pure checks of later starts', async () => {
    const outfile = await builtServer();
    // The build is stamped: a document checked by one build is never taken as checked by another.
    expect(readFileSync(outfile, 'utf8')).not.toContain(`sha256:${'0'.repeat(64)}`);
    const env = { NORMA_VERIFIED_FILE: join(dir, 'verified.json'), NORMA_DATA_DIR: join(dir, 'data-v') };
    const first = await announced(env);
    expect(first.checkedBefore).toBe(0);
    const second = await announced(env);
    expect(second.files).toBe(first.files);
    expect(second.checkedBefore).toBe(first.files);
    expect(second.failing).toEqual([]);
    const off = await announced({ ...env, NORMA_VERIFIED_FILE: 'off' });
    expect(off.checkedBefore).toBeUndefined();
    expect(off.standards).toBe(first.standards);
  }, 60_000);

  it('serves /readyz without loading yaml, Handlebars, ajv’s compiler or json-rules-engine', async () => {
    const outfile = await builtServer();
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, HOOK);
    const child = spawn(process.execPath, ['--require', hook, outfile], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NORMA_DIR: '', NORMA_DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const files = loadedFiles(child);
    try {
      const url = await listening(child);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      child.kill('SIGUSR2');
    }
    const packages = (await files)
      .map((file) => /node_modules\/(.+)$/.exec(file)?.[1])
      .filter((file) => file !== undefined);
    // The server did load packages, so an empty list cannot pass for a lean start.
    expect(packages.some((file) => file.startsWith('better-sqlite3/'))).toBe(true);
    const needless = packages.filter(
      (file) =>
        /^(yaml|handlebars|json-rules-engine)\//.test(file) ||
        // The kind validators use ajv's runtime helpers (and read its version), not its compiler.
        (file.startsWith('ajv/') && !/^ajv\/(package\.json|dist\/runtime\/)/.test(file)),
    );
    expect(needless).toEqual([]);
  }, 60_000);
});
