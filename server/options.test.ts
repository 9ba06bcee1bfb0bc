import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../engine/index.ts';
import { ConfigError, defaults, optionsFromEnv } from './options.ts';

describe('options from the environment', () => {
  it('defaults to the bundled standard, 1 MiB bodies, 1000 items, an open server', () => {
    expect(optionsFromEnv({})).toEqual({
      dir: bundledStandardsDir,
      bodyLimit: 1024 * 1024,
      batchMax: 1000,
      timeoutMs: defaults.timeoutMs,
      tokens: [],
      lock: true,
    });
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
      batchMax: 50,
      timeoutMs: 2000,
      tokens: ['one', 'two'],
      lock: true,
    });
    expect(optionsFromEnv({ NORMA_BODY_LIMIT: '2mb' }).bodyLimit).toBe(2 * 1024 * 1024);
  });

  it('fails at start on a value that makes no sense', () => {
    expect(() => optionsFromEnv({ NORMA_BODY_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => optionsFromEnv({ NORMA_BODY_LIMIT: '10q' })).toThrow(/NORMA_BODY_LIMIT/);
    expect(() => optionsFromEnv({ NORMA_BATCH_MAX: '0' })).toThrow(/NORMA_BATCH_MAX/);
    expect(() => optionsFromEnv({ NORMA_EVAL_TIMEOUT_MS: '1.5' })).toThrow(/NORMA_EVAL_TIMEOUT_MS/);
  });

  it('refuses NORMA_TOKENS set to nothing rather than running open', () => {
    expect(() => optionsFromEnv({ NORMA_TOKENS: ' , ' })).toThrow(/NORMA_TOKENS/);
  });
});
