import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundledStandardsDir, type IndexOptions, NormaError } from '../engine/index.ts';
import { ConfigError, lockFrom } from '../server/options.ts';

/** Where command output goes; tests replace it to capture what a command printed. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): string;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The process's own streams. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  readStdin: () => readFileSync(0, 'utf8'),
  env: process.env,
  cwd: process.cwd(),
};

/** The standards directory: `--dir`, else `NORMA_DIR`, else the bundled standard. */
export function standardsDir(io: Io, dir: string | undefined): string {
  const chosen = dir ?? io.env.NORMA_DIR;
  return chosen ? resolve(io.cwd, chosen) : bundledStandardsDir;
}

/** The `--no-lock` option of every command that loads a standards directory. */
export const noLockOption = { 'no-lock': { type: 'boolean', default: false } } as const;

/**
 * How a command indexes the standards directory: the lock is checked unless `--no-lock` or
 * `NORMA_LOCK=off` turns it off (development directories only; the index then warns `lock_off`).
 */
export function indexOptions(io: Io, noLock: boolean | undefined): IndexOptions {
  try {
    return { lock: !noLock && lockFrom(io.env.NORMA_LOCK) };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/** Reads a JSON file (or standard input for `-`), with a coded error when it cannot. */
export function readJsonFile(io: Io, path: string, what: string): unknown {
  let text: string;
  try {
    text = path === '-' ? io.readStdin() : readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new NormaError('input_unreadable', `cannot read ${what} file \`${path}\`: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new NormaError(
      'input_malformed',
      `${what} file \`${path}\` is not valid JSON: ${(e as Error).message}`,
    );
  }
}

/** A command's usage mistake: printed with the usage line, exit code 2. */
export class UsageError extends Error {}
