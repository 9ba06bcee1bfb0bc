/**
 * Which store a process records into, from its options or environment: PostgreSQL when a database
 * URL is given, else SQLite in the data directory.
 */
import { NormaError } from '../engine/index.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { RecordStore } from './store.ts';

export interface StoreOptions {
  /** Where the embedded store keeps `records.sqlite`. */
  dataDir: string;
  /** A PostgreSQL URL; when given, the store is there and dataDir is not used. */
  databaseUrl?: string | undefined;
}

export interface RecordsOptions extends StoreOptions {
  /** False for stateless deployments (`NORMA_RECORDS=off`): nothing is recorded. */
  enabled: boolean;
}

/** The default data directory, relative to the working directory (git-ignored). */
export const DEFAULT_DATA_DIR = './data';

/** Opens the store the options name; errors are NormaErrors with `records_*` codes. */
export function openStore(options: StoreOptions): Promise<RecordStore> {
  return options.databaseUrl ? openPostgresStore(options.databaseUrl) : openSqliteStore(options.dataDir);
}

/** Reads NORMA_DATA_DIR (default ./data), NORMA_DATABASE_URL and NORMA_RECORDS (on | off, default on). */
export function recordsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RecordsOptions {
  const switchValue = (env.NORMA_RECORDS ?? 'on').trim().toLowerCase();
  if (switchValue !== 'on' && switchValue !== 'off') {
    throw new NormaError(
      'records_option_invalid',
      `NORMA_RECORDS must be \`on\` or \`off\`, not \`${env.NORMA_RECORDS}\``,
    );
  }
  const databaseUrl = env.NORMA_DATABASE_URL?.trim() || undefined;
  return {
    enabled: switchValue === 'on',
    dataDir: env.NORMA_DATA_DIR?.trim() || DEFAULT_DATA_DIR,
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}
