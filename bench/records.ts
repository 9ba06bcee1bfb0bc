/**
 * Records per second of each store: `clients` concurrent appenders (as concurrent requests would
 * be), each appending as soon as its last append was committed, for `seconds`. Group commit is
 * what keeps this far above one transaction per record; the bench prints it for SQLite (always)
 * and PostgreSQL (when NORMA_BENCH_DATABASE_URL or NORMA_TEST_DATABASE_URL names one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../records/ids.ts';
import { openPostgresStore } from '../records/postgres.ts';
import { openSqliteStore } from '../records/sqlite.ts';
import type { NewRecord, RecordStore } from '../records/store.ts';
import { createTestSchema } from '../records/testing.ts';

export interface RecordsRate {
  store: 'sqlite' | 'postgres';
  clients: number;
  records: number;
  perSecond: number;
}

function record(n: number): NewRecord {
  return {
    decisionId: uuidv7(),
    recordedAt: new Date().toISOString(),
    standard: { id: 'approval.work-order', version: '1.3.0', digest: 'sha256:bench' },
    at: '2026-12-02',
    kind: 'ruleset',
    input: { facts: { estimateTotalFen: 1000 * n, payType: 'customer' } },
    result: { outputs: { approver: 'service-manager' } },
    matched: [{ rule: 'advisor-opened', clause: '§7.4' }],
    outcome: 'approver=service-manager',
    caller: 'bench',
    requestId: null,
    subject: { type: 'work-order', id: `WO-${n}` },
    caseId: null,
    retention: null,
  };
}

async function rate(store: RecordStore, name: RecordsRate['store'], clients: number, seconds: number) {
  let n = 0;
  const ends = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < ends) await store.append(record(n++));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { store: name, clients, records: n, perSecond: Math.round(n / elapsed) };
}

export async function recordsBenchmark(clients = 64, seconds = 3): Promise<RecordsRate[]> {
  const out: RecordsRate[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'norma-bench-records-'));
  try {
    const sqlite = await openSqliteStore(dir);
    out.push(await rate(sqlite, 'sqlite', clients, seconds));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.NORMA_BENCH_DATABASE_URL ?? process.env.NORMA_TEST_DATABASE_URL;
  if (url) {
    const schema = await createTestSchema(url);
    try {
      const pg = await openPostgresStore(url, { schema: schema.name });
      out.push(await rate(pg, 'postgres', clients, seconds));
      await pg.close();
    } finally {
      await schema.drop();
    }
  }
  return out;
}
