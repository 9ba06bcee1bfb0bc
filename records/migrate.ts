/**
 * Applies the migrations a database has not had yet, each in its own transaction together with its
 * row in `records_migrations`, so a crash leaves either the whole step or none of it, and
 * re-opening never re-applies one. Two processes opening one PostgreSQL at once take turns
 * (dialect.migrationLock).
 */
import { NormaError } from '../engine/index.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import type { SqlDialect, SqlExecutor } from './sql.ts';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS records_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at text NOT NULL
)`;

/** Brings the schema up to date; returns the versions it applied (none when it was current). */
export async function migrate(
  sql: SqlDialect,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  const latest = migrations.at(-1)?.version ?? 0;
  for (const migration of migrations) {
    const done = await sql.transaction(async (tx) => {
      for (const statement of sql.migrationLock) await tx.query(statement);
      await tx.query(CREATE_TABLE);
      const current = await currentVersion(tx);
      if (current > latest) {
        throw new NormaError(
          'records_schema_newer',
          `the records database is at schema version ${current}, newer than this norma knows (${latest})`,
        );
      }
      if (current >= migration.version) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO records_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

async function currentVersion(tx: SqlExecutor): Promise<number> {
  const rows = await tx.query('SELECT max(version) AS version FROM records_migrations');
  return Number(rows[0]?.version ?? 0);
}
