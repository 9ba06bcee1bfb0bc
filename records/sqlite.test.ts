import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { conformance, type StoreHarness } from './conformance.ts';
import { openSqliteStore, sqliteFile } from './sqlite.ts';

function sqliteHarness(): StoreHarness {
  const dirs: string[] = [];
  return {
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'norma-records-'));
      dirs.push(dir);
      return {
        open: () => openSqliteStore(dir),
        async raw(sql, params = []) {
          // A connection of its own, as another process would have.
          const db = new Database(sqliteFile(dir));
          try {
            const statement = db.prepare(sql);
            if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
            statement.run(...params);
            return [];
          } finally {
            db.close();
          }
        },
      };
    },
    async cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

conformance('sqlite', sqliteHarness());

describe('the SQLite store', () => {
  it('creates its data directory and keeps records.sqlite there, WAL and synchronous=FULL', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'norma-records-')), 'nested', 'data');
    const store = await openSqliteStore(dir);
    await store.close();
    const db = new Database(sqliteFile(dir), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    rmSync(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('says which directory it cannot write', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'norma-records-')), 'a-file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '');
    await expect(openSqliteStore(join(file, 'data'))).rejects.toMatchObject({
      code: 'records_dir_unwritable',
      message: expect.stringContaining(join(file, 'data')),
    });
  });
});
