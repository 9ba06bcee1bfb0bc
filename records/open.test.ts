import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, openStore, recordsOptionsFromEnv } from './open.ts';

describe('recordsOptionsFromEnv', () => {
  it('records into ./data by default', () => {
    expect(recordsOptionsFromEnv({})).toEqual({ enabled: true, dataDir: DEFAULT_DATA_DIR });
    expect(DEFAULT_DATA_DIR).toBe('./data');
  });

  it('reads the data directory, the database URL and the switch', () => {
    expect(
      recordsOptionsFromEnv({
        NORMA_DATA_DIR: '/var/lib/norma',
        NORMA_DATABASE_URL: 'postgres://norma@db:5432/norma',
        NORMA_RECORDS: 'OFF',
      }),
    ).toEqual({ enabled: false, dataDir: '/var/lib/norma', databaseUrl: 'postgres://norma@db:5432/norma' });
    expect(recordsOptionsFromEnv({ NORMA_DATABASE_URL: '  ', NORMA_RECORDS: 'on' })).toEqual({
      enabled: true,
      dataDir: DEFAULT_DATA_DIR,
    });
  });

  it('refuses a switch that is neither on nor off', () => {
    expect(() => recordsOptionsFromEnv({ NORMA_RECORDS: 'yes' })).toThrow(
      expect.objectContaining({ code: 'records_option_invalid' }),
    );
  });
});

describe('openStore', () => {
  it('opens SQLite in the data directory when no URL is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-open-'));
    const store = await openStore({ dataDir: join(dir, 'data') });
    expect(store.driver).toBe('sqlite');
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens PostgreSQL when a URL is given, and says when it is not one', async () => {
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: 'http://db/x' })).rejects.toMatchObject({
      code: 'records_url_invalid',
    });
  });
});
