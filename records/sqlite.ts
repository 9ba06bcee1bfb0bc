/**
 * The embedded store: SQLite through better-sqlite3, one file `<dataDir>/records.sqlite`.
 *
 * WAL with `synchronous=FULL`: a commit returns only once its WAL frames are fsynced, so a record
 * whose append resolved survives SIGKILL and power loss (the default NORMAL would risk the last
 * commits on power loss). better-sqlite3 is synchronous; statements and transactions on the one
 * connection take turns (a transaction is never interleaved with another caller's statement).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { NormaError } from '../engine/diagnostics.ts';
import type { SqlDialect, SqlExecutor, SqlRow, SqlValue } from './sql.ts';
import { SqlRecordStore } from './sql-store.ts';

/** The records file inside a data directory. */
export function sqliteFile(dataDir: string): string {
  return join(resolve(dataDir), 'records.sqlite');
}

/**
 * Stores this process has open on one file share one connection: better-sqlite3 is synchronous,
 * so a second connection waiting for the first one's write lock would block the very event loop
 * the first needs to commit. Each store is still its own writer; only the connection is shared.
 */
const connections = new Map<string, { dialect: SqliteDialect; stores: number }>();

/** Opens (creating the directory and file when missing) the SQLite store in `dataDir`. */
export async function openSqliteStore(dataDir: string): Promise<SqlRecordStore> {
  const file = sqliteFile(dataDir);
  let shared = connections.get(file);
  if (!shared) {
    shared = { dialect: new SqliteDialect(openDatabase(file)), stores: 0 };
    connections.set(file, shared);
  }
  shared.stores++;
  const handle = new SharedConnection(file, shared);
  try {
    return await SqlRecordStore.open(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function openDatabase(file: string): Database.Database {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new NormaError(
      'records_dir_unwritable',
      `cannot keep records in \`${dir}\`: ${(error as Error).message}`,
    );
  }
}

/** One store's use of a shared connection; the connection closes with the last store on it. */
class SharedConnection implements SqlDialect {
  readonly name = 'sqlite';
  readonly migrationLock: readonly string[];
  readonly holdsLock: readonly string[];
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly shared: { dialect: SqliteDialect; stores: number },
  ) {
    this.migrationLock = shared.dialect.migrationLock;
    this.holdsLock = shared.dialect.holdsLock;
  }

  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.shared.dialect.query(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.shared.dialect.transaction(work);
  }

  withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.shared.dialect.withKeyLock(key, work);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (--this.shared.stores > 0) return;
    connections.delete(this.file);
    await this.shared.dialect.close();
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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

  /**
   * An embedded store has one server writing to it, whose callers take turns per key already (the
   * case service's queue); nothing more to hold.
   */
  withKeyLock<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
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

  /**
   * Runs `work` after everything queued before it: one caller on the connection at a time. Each
   * turn starts on a new turn of the event loop: statements here never wait on I/O, so without it
   * a long read (a verify of the whole store, a loop of pages) would be one unbroken chain of
   * microtasks, and nothing else, not even the group commit it shares the process with, would run.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(nextTurn).then(work);
    this.turn = result.catch(() => undefined);
    return result;
  }
}
