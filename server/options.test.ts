import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../engine/index.ts';
import { ConfigError, defaults, optionsFromEnv } from './options.ts';

describe('options from the environment', () => {
  it('defaults to the bundled standard, 1 MiB bodies, 1000 items, an open server', () => {
    expect(optionsFromEnv({})).toEqual({
      dir: bundledStandardsDir,
      bodyLimit: 1024 * 1024,
      evidenceLimit: 5 * 1024 * 1024,
      batchMax: 1000,
      timeoutMs: defaults.timeoutMs,
      tokens: [],
      grants: [],
      lock: true,
      records: { enabled: true, dataDir: join(process.cwd(), 'data') },
      connections: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 512,
      },
      authoring: false,
    });
  });

  it('records in ./data by default, in NORMA_DATA_DIR or PostgreSQL when set, nowhere with NORMA_RECORDS=off', () => {
    expect(optionsFromEnv({ NORMA_DATA_DIR: 'var/norma' }, {}, '/srv').records).toEqual({
      enabled: true,
      dataDir: '/srv/var/norma',
    });
    expect(optionsFromEnv({ NORMA_DATABASE_URL: 'postgres://u@db:5432/norma' }).records.databaseUrl).toBe(
      'postgres://u@db:5432/norma',
    );
    expect(optionsFromEnv({ NORMA_RECORDS: 'off' }).records.enabled).toBe(false);
    expect(() => optionsFromEnv({ NORMA_RECORDS: 'maybe' })).toThrow(ConfigError);
  });

  it('turns authoring on only for NORMA_AUTHORING=on, and refuses any other value', () => {
    expect(optionsFromEnv({ NORMA_AUTHORING: 'on' }).authoring).toBe(true);
    expect(optionsFromEnv({ NORMA_AUTHORING: 'off' }).authoring).toBe(false);
    expect(() => optionsFromEnv({ NORMA_AUTHORING: 'yes' })).toThrow(/NORMA_AUTHORING/);
  });

  it('keeps the checked documents in the build’s file, NORMA_VERIFIED_FILE, or nowhere with off', () => {
    expect(optionsFromEnv({}).verified).toBeUndefined();
    expect(optionsFromEnv({ NORMA_VERIFIED_FILE: 'off' }).verified).toBe(false);
    expect(optionsFromEnv({ NORMA_VERIFIED_FILE: 'OFF' }).verified).toBe(false);
    expect(optionsFromEnv({ NORMA_VERIFIED_FILE: 'v.json' }, {}, '/srv').verified).toBe('/srv/v.json');
    expect(optionsFromEnv({ NORMA_VERIFIED_FILE: 'v.json' }, { verified: false }).verified).toBe(false);
  });

  it('turns the lock off only for NORMA_LOCK=off, and refuses any other value', () => {
    expect(optionsFromEnv({ NORMA_LOCK: 'off' }).lock).toBe(false);
    expect(optionsFromEnv({ NORMA_LOCK: 'on' }).lock).toBe(true);
    expect(() => optionsFromEnv({ NORMA_LOCK: 'no' })).toThrow(/NORMA_LOCK/);
  });

  it('reads every variable, sizes with units, and a directory relative to the working directory', () => {
    const options = optionsFromEnv(
      {
        NORMA_DIR: 'standards',
        NORMA_BODY_LIMIT: '512k',
        NORMA_EVIDENCE_LIMIT: '8m',
        NORMA_BATCH_MAX: '50',
        NORMA_EVAL_TIMEOUT_MS: '2000',
        NORMA_TOKENS: ' one, two ,,',
      },
      {},
      '/srv',
    );
    expect(options).toEqual({
      dir: '/srv/standards',
      bodyLimit: 524288,
      evidenceLimit: 8 * 1024 * 1024,
      batchMax: 50,
      timeoutMs: 2000,
      tokens: ['one', 'two'],
      grants: [],
      lock: true,
      connections: defaults.connections,
      records: { enabled: true, dataDir: '/srv/data' },
      authoring: false,
    });
    expect(optionsFromEnv({ NORMA_BODY_LIMIT: '2mb' }).bodyLimit).toBe(2 * 1024 * 1024);
  });

  it('fails at start on a value that makes no sense', () => {
    expect(() => optionsFromEnv({ NORMA_BODY_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => optionsFromEnv({ NORMA_BODY_LIMIT: '10q' })).toThrow(/NORMA_BODY_LIMIT/);
    expect(() => optionsFromEnv({ NORMA_BATCH_MAX: '0' })).toThrow(/NORMA_BATCH_MAX/);
    expect(() => optionsFromEnv({ NORMA_EVAL_TIMEOUT_MS: '1.5' })).toThrow(/NORMA_EVAL_TIMEOUT_MS/);
  });

  it('reads the connection limits, and refuses a headers timeout above the request timeout', () => {
    const env = {
      NORMA_HEADERS_TIMEOUT_MS: '2000',
      NORMA_REQUEST_TIMEOUT_MS: '5000',
      NORMA_KEEPALIVE_TIMEOUT_MS: '1000',
      NORMA_MAX_CONNECTIONS: '64',
    };
    expect(optionsFromEnv(env).connections).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 5000,
      keepAliveTimeoutMs: 1000,
      maxConnections: 64,
    });
    expect(() => optionsFromEnv({ NORMA_MAX_CONNECTIONS: '-1' })).toThrow(/NORMA_MAX_CONNECTIONS/);
    expect(() => optionsFromEnv({ NORMA_HEADERS_TIMEOUT_MS: '60000' })).toThrow(/NORMA_REQUEST_TIMEOUT_MS/);
  });

  it('refuses NORMA_TOKENS set to nothing rather than running open', () => {
    expect(() => optionsFromEnv({ NORMA_TOKENS: ' , ' })).toThrow(/NORMA_TOKENS/);
  });
});
