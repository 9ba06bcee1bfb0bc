/**
 * The shared store: PostgreSQL through a pg Pool, for several norma processes on one database.
 * Each process is its own writer with its own chain, so their commits never wait on one another
 * except for the rows they both touch (a source both insert).
 */
import type pg from 'pg';
import { NormaError } from '../engine/diagnostics.ts';
import {
  numberedPlaceholders,
  type SqlDialect,
  type SqlExecutor,
  type SqlRow,
  type SqlValue,
} from './sql.ts';
import { SqlRecordStore } from './sql-store.ts';

/** How long a change waits for a key another replica holds before it gives up. */
const KEY_LOCK_WAIT_MS = 30_000;

/** Any constant: the advisory lock key migrations of the records schema take turns on. */
const MIGRATION_LOCK_KEY = 7_468_201;

export interface PostgresOptions {
  /** The schema to keep the tables in (tests use a fresh one each); default: the URL's search_path. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
}

/** Opens the PostgreSQL store at `url`, creating or migrating its tables. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<SqlRecordStore> {
  checkUrl(url);
  // Loaded only here: a server on the embedded store never pays for the driver at start-up.
  const { Pool } = (await import('pg')).default;
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdent(options.schema)}` }),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const sql = new PostgresDialect(pool);
  try {
    return await SqlRecordStore.open(sql);
  } catch (error) {
    await sql.close();
    if (error instanceof NormaError) throw error;
    throw new NormaError(
      'records_unreachable',
      `cannot open the records database at \`${redact(url)}\`: ${(error as Error).message}`,
    );
  }
}

function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new NormaError(
      'records_url_invalid',
      `\`${redact(url)}\` is not a PostgreSQL URL (postgres://user@host:5432/database)`,
    );
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

class PostgresDialect implements SqlDialect {
  readonly name = 'postgres';
  readonly migrationLock: readonly string[] = [`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`];
  // SHARE conflicts with the ROW EXCLUSIVE lock an INSERT or UPDATE of holds takes: while a
  // destruction checks holds, none can be set or lifted under it.
  readonly holdsLock: readonly string[] = ['LOCK TABLE holds IN SHARE MODE'];
  private readonly texts = new Map<string, string>();

  constructor(private readonly pool: pg.Pool) {}

  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await this.pool.query(this.text(sql), params as SqlValue[])).rows;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out client whose server goes away emits 'error' besides failing its query; with
    // no listener that event would crash the process.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async (sql, params = []) => (await client.query(this.text(sql), params as SqlValue[])).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  /**
   * A session advisory lock per key, on one connection kept for locks alone: taken with
   * `pg_try_advisory_lock` and retried, so a key another replica holds never blocks the locks of
   * other keys behind it. A replica that dies loses its session, and its locks with it.
   */
  async withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const ends = Date.now() + KEY_LOCK_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const [row] = await this.lockQuery('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      if (row?.ok === true) break;
      if (Date.now() > ends) {
        throw new NormaError(
          'records_commit_failed',
          `another server kept \`${key}\` locked for ${KEY_LOCK_WAIT_MS} ms`,
        );
      }
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await work();
    } finally {
      await this.lockQuery('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    }
  }

  private lockClient: Promise<pg.PoolClient> | undefined;

  private async lockQuery(sql: string, params: SqlValue[]): Promise<SqlRow[]> {
    this.lockClient ??= this.pool.connect().then((client) => {
      // A lost connection loses its locks: the next lock opens a new one.
      client.on('error', () => {
        this.lockClient = undefined;
      });
      return client;
    });
    const client = await this.lockClient;
    return (await client.query(sql, params)).rows;
  }

  async close(): Promise<void> {
    const client = await this.lockClient?.catch(() => undefined);
    client?.release();
    await this.pool.end();
  }

  private text(sql: string): string {
    let text = this.texts.get(sql);
    if (text === undefined) {
      text = numberedPlaceholders(sql);
      this.texts.set(sql, text);
    }
    return text;
  }
}
