/**
 * The embedded store: SQLite through better-sqlite3, one file `<dataDir>/records.sqlite`.
 *
 * WAL with `synchronous=FULL`: a commit returns only once its WAL frames are fsynced, so a record
 * whose append resolved survives SIGKILL and power loss (the default NORMAL would risk the last
 * commits on power loss). better-sqlite3 is synchronous; the one connection is shared, so
 * statements and transactions take turns (a transaction is never interleaved with another
 * caller's statement).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { NormaError } from '../engine/index.ts';
import type { SqlDialect, SqlExecutor, SqlRow, SqlValue } from './sql.ts';
import { SqlRecordStore } from './sql-store.ts';

/** The records file inside a data directory. */
export function sqliteFile(dataDir: string): string {
  return join(resolve(dataDir), 'records.sqlite');
}

/** Opens (creating the directory and file when missing) the SQLite store in `dataDir`. */
export async function openSqliteStore(dataDir: string): Promise<SqlRecordStore> {
  const dir = resolve(dataDir);
  let db: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    db = new Database(sqliteFile(dir));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new NormaError(
      'records_dir_unwritable',
      `cannot keep records in \`${dir}\`: ${(error as Error).message}`,
    );
  }
  const sql = new SqliteDialect(db);
  try {
    return await SqlRecordStore.open(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
}

class SqliteDialect implements SqlDialect {
  readonly name = 'sqlite';
  // BEGIN IMMEDIATE takes the write lock up front: migrations and destructions need nothing more.
  readonly migrationLock: readonly string[] = [];
  readonly holdsLock: readonly string[] = [];
  private readonly statements = new Map<string, Database.Statement>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database.Database) {}

  query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.exclusive(async () => this.run(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({ query: async (sql, params = []) => this.run(sql, params) });
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.turn;
    if (this.db.open) this.db.close();
  }

  private run(sql: string, params: readonly SqlValue[]): SqlRow[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    if (statement.reader) return statement.all(...params) as SqlRow[];
    statement.run(...params);
    return [];
  }

  /** Runs `work` after everything queued before it: one caller on the connection at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }
}
