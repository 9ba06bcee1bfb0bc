/**
 * Test helpers for the PostgreSQL suites: a fresh schema per harness, dropped afterwards, and the
 * rule for a machine without PostgreSQL (CI fails, a laptop says plainly what it did not run).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { numberedPlaceholders, type SqlRow, type SqlValue } from './sql.ts';

/** The PostgreSQL URL the suites use, when this machine has one. */
export const TEST_DATABASE_URL = process.env.NORMA_TEST_DATABASE_URL?.trim() || undefined;

/** A schema of its own in the test database, for one suite. */
export interface TestSchema {
  name: string;
  /** Runs SQL with `?` placeholders in the schema, on a connection of its own. */
  raw(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
  drop(): Promise<void>;
}

/** Creates `norma_test_<random>` in the test database. */
export async function createTestSchema(url: string): Promise<TestSchema> {
  const name = `norma_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.query(`SET search_path TO ${name}`);
  return {
    name,
    async raw(sql, params = []) {
      return (await admin.query(numberedPlaceholders(sql), params)).rows;
    },
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * Stands in for a PostgreSQL suite that cannot run: on CI (`CI` set) a failing test, since the
 * suites must run there; elsewhere a skipped suite whose name, and a warning, say why.
 */
export function postgresUnavailable(suite: string): void {
  const why = `${suite}: NORMA_TEST_DATABASE_URL is not set, so the PostgreSQL suite did not run`;
  if (process.env.CI) {
    describe(suite, () => {
      it('runs on CI, which must provide PostgreSQL', () => {
        throw new Error(`${why} (on CI it must: see .ci/run)`);
      });
    });
    return;
  }
  console.warn(`note: ${why}`);
  describe.skip(`${why} (set it to postgres://postgres@127.0.0.1:5432/test to run it)`, () => {
    it('needs PostgreSQL', () => {});
  });
}
