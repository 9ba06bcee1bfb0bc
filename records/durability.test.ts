/**
 * Nothing acknowledged is lost: a writer process is SIGKILLed mid-stream, and every decisionId it
 * printed (it prints one only after its append resolved) must be in the store, whose chains still
 * verify. The HTTP-level version of this (server/) builds on it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { RecordStore } from './store.ts';
import { createTestSchema, postgresUnavailable, TEST_DATABASE_URL } from './testing.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = fileURLToPath(new URL('./testdata/append-loop.ts', import.meta.url));

interface Writer {
  child: ChildProcess;
  /** The writer id, once the process opened its store. */
  writer: Promise<string>;
  /** Every decisionId printed so far (complete lines only). */
  acknowledged: string[];
  /** Resolves once at least `n` ids were printed. */
  reached(n: number): Promise<void>;
  /** SIGKILLs the process and resolves once it is gone. */
  kill(): Promise<void>;
}

function startWriter(args: string[]): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  let partial = '';
  let stderr = '';
  let resolveWriter: (id: string) => void = () => {};
  let rejectWriter: (error: Error) => void = () => {};
  const writer = new Promise<string>((resolve, reject) => {
    resolveWriter = resolve;
    rejectWriter = reject;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? ''; // a line cut off by the kill was never acknowledged
    for (const line of lines) {
      if (line.startsWith('ready ')) resolveWriter(line.slice(6));
      else acknowledged.push(line);
    }
    for (const w of waiting.filter((w) => acknowledged.length >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL') rejectWriter(new Error(`the writer exited (${code}): ${stderr}`));
    for (const w of waiting.splice(0)) w.resolve();
  });
  return {
    child,
    writer,
    acknowledged,
    reached: (n) =>
      acknowledged.length >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve })),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When to kill: after about a second of appending, or sooner once 1500 ids were acknowledged (a
 * fast machine would otherwise leave tens of thousands to check, and the test would be slow).
 * Either way 32 appends are in flight at the kill, some of them mid-commit.
 */
const killPoint = (writer: Writer) => Promise.race([writer.reached(1500), sleep(1000)]);

/** Every acknowledged id of the writer is in the store, and every chain verifies. */
async function expectNothingLost(store: RecordStore, writers: Writer[]): Promise<void> {
  const kept = new Set<string>();
  for await (const r of store.stream({})) kept.add(r.decisionId);
  for (const w of writers) {
    expect(w.acknowledged.length).toBeGreaterThan(0);
    expect(w.acknowledged.filter((id) => !kept.has(id))).toEqual([]);
  }
  const report = await store.verify();
  expect(report.ok).toBe(true);
  const ids = await Promise.all(writers.map((w) => w.writer));
  expect(report.chains.map((c) => c.writer).sort()).toEqual([...ids].sort());
}

describe('durability under SIGKILL', () => {
  it('SQLite: every record acknowledged before the kill is in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-durability-'));
    try {
      const writer = startWriter(['sqlite', dir]);
      await writer.writer;
      await killPoint(writer);
      await writer.kill();
      const store = await openSqliteStore(dir);
      await expectNothingLost(store, [writer]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = TEST_DATABASE_URL;
  if (!url) return;

  it('PostgreSQL, one writer killed: every record it acknowledged is in the store', async () => {
    const schema = await createTestSchema(url);
    try {
      const writer = startWriter(['postgres', url, schema.name]);
      await writer.writer;
      await killPoint(writer);
      await writer.kill();
      const store = await openPostgresStore(url, { schema: schema.name });
      await expectNothingLost(store, [writer]);
      await store.close();
    } finally {
      await schema.drop();
    }
  });

  it('PostgreSQL, two writers on one database, one killed: the other goes on, nothing acknowledged is lost', async () => {
    const schema = await createTestSchema(url);
    try {
      const one = startWriter(['postgres', url, schema.name]);
      const two = startWriter(['postgres', url, schema.name]);
      await Promise.all([one.writer, two.writer]);
      await Promise.all([killPoint(one), killPoint(two)]);
      await one.kill();
      const before = two.acknowledged.length;
      await Promise.race([two.reached(before + 200), sleep(2000)]);
      expect(two.acknowledged.length).toBeGreaterThan(before);
      await two.kill();
      const store = await openPostgresStore(url, { schema: schema.name });
      await expectNothingLost(store, [one, two]);
      await store.close();
    } finally {
      await schema.drop();
    }
  });
});

if (!TEST_DATABASE_URL) postgresUnavailable('durability under SIGKILL on PostgreSQL');
