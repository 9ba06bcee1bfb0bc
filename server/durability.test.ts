/**
 * Nothing acknowledged is lost, over HTTP: `norma serve` processes under load are SIGKILLed, and
 * every decisionId a client received is in the store afterwards, whose chains still verify. For
 * SQLite (the default) and PostgreSQL, and for two servers sharing one PostgreSQL, one of them
 * killed while both take load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../records/postgres.ts';
import { openSqliteStore } from '../records/sqlite.ts';
import type { RecordStore } from '../records/store.ts';
import { createTestSchema, postgresUnavailable, TEST_DATABASE_URL } from '../records/testing.ts';
import { testdataDir } from './testing.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Served {
  child: ChildProcess;
  url: Promise<string>;
  kill(): Promise<void>;
}

function serve(env: Record<string, string>): Served {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    // The test standards, not the bundled ones: the load's facts stay valid whatever version is in force.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NORMA_DIR: testdataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening".*?"url":"([^"]+)"/.exec(out);
      if (m) resolve((m[1] as string).replace('localhost', '127.0.0.1'));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`the server exited (${code}) before listening: ${err}${out}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    url,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Clients posting evaluations as fast as they can; the ids of every 200 they were answered. */
function load(url: string, clients: number) {
  const acknowledged: string[] = [];
  let stopped = false;
  const body = JSON.stringify({
    facts: { estimateTotal: 9000, payType: 'customer' },
    subject: { type: 'work-order', id: 'LOAD' },
  });
  const loops = Array.from({ length: clients }, async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${url}/v1/standards/approval.work-order/evaluate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        if (res.status !== 200) continue;
        const envelope = (await res.json()) as { decisionId?: string };
        if (envelope.decisionId) acknowledged.push(envelope.decisionId);
      } catch {
        // The server is gone: whatever was not answered was not acknowledged.
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  });
  return {
    acknowledged,
    async until(n: number) {
      while (acknowledged.length < n) await new Promise((r) => setTimeout(r, 10));
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

async function expectAllKept(store: RecordStore, ids: readonly string[]) {
  const missing: string[] = [];
  for (const id of ids) if (!(await store.get(id))) missing.push(id);
  expect(missing, `${missing.length} of ${ids.length} acknowledged decisions are missing`).toEqual([]);
  const report = await store.verify();
  expect(report.broken).toBeUndefined();
  expect(report.ok).toBe(true);
}

describe('SIGKILL under load: SQLite', () => {
  it('keeps every decision a client was answered with', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'norma-kill-'));
    const server = serve({ NORMA_DATA_DIR: dataDir });
    try {
      const traffic = load(await server.url, 12);
      await traffic.until(150);
      await server.kill();
      await traffic.stop();
      expect(traffic.acknowledged.length).toBeGreaterThanOrEqual(150);
      const store = await openSqliteStore(dataDir);
      try {
        await expectAllKept(store, traffic.acknowledged);
      } finally {
        await store.close();
      }
    } finally {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

if (!TEST_DATABASE_URL) postgresUnavailable('SIGKILL under load: PostgreSQL');
else {
  const url = TEST_DATABASE_URL;
  const inSchema = (schema: string) =>
    `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

  describe('SIGKILL under load: PostgreSQL', () => {
    it('keeps every decision a client was answered with', async () => {
      const schema = await createTestSchema(url);
      const server = serve({ NORMA_DATABASE_URL: inSchema(schema.name) });
      try {
        const traffic = load(await server.url, 12);
        await traffic.until(150);
        await server.kill();
        await traffic.stop();
        const store = await openPostgresStore(url, { schema: schema.name });
        try {
          await expectAllKept(store, traffic.acknowledged);
        } finally {
          await store.close();
        }
      } finally {
        await server.kill();
        await schema.drop();
      }
    }, 60_000);

    it('two servers on one PostgreSQL, load on both, one killed: nothing acknowledged lost, both chains verify', async () => {
      const schema = await createTestSchema(url);
      const one = serve({ NORMA_DATABASE_URL: inSchema(schema.name) });
      const two = serve({ NORMA_DATABASE_URL: inSchema(schema.name) });
      try {
        const [a, b] = [load(await one.url, 6), load(await two.url, 6)];
        await Promise.all([a.until(80), b.until(80)]);
        await one.kill();
        await a.stop();
        await b.until(b.acknowledged.length + 40);
        await b.stop();
        const store = await openPostgresStore(url, { schema: schema.name });
        try {
          await expectAllKept(store, [...a.acknowledged, ...b.acknowledged]);
          expect((await store.verify()).chains.length).toBe(2);
        } finally {
          await store.close();
        }
      } finally {
        await Promise.all([one.kill(), two.kill()]);
        await schema.drop();
      }
    }, 90_000);
  });
}
