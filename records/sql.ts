/**
 * The tiny dialect layer under the records store: one set of queries (written with `?`
 * placeholders, in the SQL both SQLite and PostgreSQL accept), two drivers. See README.md for why
 * this is plain SQL rather than Kysely.
 */

/** A value bound to a placeholder. */
export type SqlValue = string | number | null;

/** A row as a driver returns it; callers convert (PostgreSQL returns bigint columns as strings). */
export type SqlRow = Record<string, unknown>;

/** Runs statements: inside a transaction, or one at a time on the store's connection. */
export interface SqlExecutor {
  /** Runs one statement and returns its rows (none for statements that return none). */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
}

/** What differs between the two databases, kept to statements the shared code asks for by name. */
export interface SqlDialect extends SqlExecutor {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one write transaction and commits; rolls back and rethrows when it fails. The
   * promise resolves only after COMMIT returned, i.e. once the database made the writes durable.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Statements that serialise migrations between processes opening the same database at once. */
  readonly migrationLock: readonly string[];
  /** Statements that keep legal holds from being set while a destruction checks them. */
  readonly holdsLock: readonly string[];
  /**
   * Runs `work` while no other process on this database runs work under the same `key` (a case:
   * one change at a time, across the replicas sharing one PostgreSQL).
   */
  withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the shared SQL never has `?` inside a literal). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `(?, ?, …), (?, ?, …)` for a multi-row insert of `rows` rows of `columns` values. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}
