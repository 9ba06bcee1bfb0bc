/**
 * Start-up: from spawning the server on the bundled standard to the first 200 from `/readyz`, and
 * its resident memory then, for `npm start` (compiled JavaScript, scripts/start.mjs) and for the
 * TypeScript through tsx (`npm run dev`). Medians of a few starts; the build is made first, so
 * `npm start` finds it fresh, as after `npm install`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './harness.ts';

export interface StartupFigures {
  /** Milliseconds from spawn to the first 200 from /readyz (median). */
  readyMs: number;
  /** Resident memory once ready, in MB (median). */
  rssMb: number;
}

export interface StartupResult {
  /** `npm start` once the build has checked the documents (every start but its first). */
  compiled: StartupFigures;
  /** `npm start` with no document checked before (a build's first start, or NORMA_VERIFIED_FILE=off). */
  firstStart: StartupFigures;
  tsx: StartupFigures;
}

const root = join(import.meta.dirname, '..');

async function once(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NORMA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await listening(child);
    for (;;) {
      const res = await fetch(`${url}/readyz`).catch(() => undefined);
      await res?.text();
      if (res?.status === 200) break;
      if (performance.now() - started > 30_000) throw new Error('not ready in 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    return { ms, rss };
  } finally {
    child.kill();
  }
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const record = JSON.parse(line) as { msg?: string; url?: string };
          if (record.msg === 'listening' && record.url) resolve(record.url);
        } catch {
          // a partial line: more is coming
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

function figures(results: ReadonlyArray<{ ms: number; rss: number }>): StartupFigures {
  return { readyMs: median(results.map((r) => r.ms)), rssMb: median(results.map((r) => r.rss)) };
}

/** Starts each way `runs` times. */
export async function startupBenchmark(runs = 3): Promise<StartupResult> {
  const { buildServer } = (await import(join(root, 'scripts', 'build-server.mjs'))) as {
    buildServer: () => Promise<string | undefined>;
  };
  if (!(await buildServer())) throw new Error('esbuild is not installed: nothing to start compiled');
  // The documents the build checked are kept in a file of the benchmark's own: a first start
  // finds none (the file removed), a later one finds the first's. The two alternate, so the
  // machine's drift falls on both alike.
  const dir = mkdtempSync(join(tmpdir(), 'norma-bench-start-'));
  const env = { NORMA_VERIFIED_FILE: join(dir, 'verified.json'), NORMA_DATA_DIR: join(dir, 'data') };
  const first: Array<{ ms: number; rss: number }> = [];
  const later: Array<{ ms: number; rss: number }> = [];
  const tsx: Array<{ ms: number; rss: number }> = [];
  try {
    for (let i = 0; i < runs; i++) {
      rmSync(env.NORMA_VERIFIED_FILE, { force: true });
      first.push(await once(['scripts/start.mjs'], env));
      later.push(await once(['scripts/start.mjs'], env));
      tsx.push(await once(['--import', 'tsx', 'server/main.ts'], env));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { compiled: figures(later), firstStart: figures(first), tsx: figures(tsx) };
}
