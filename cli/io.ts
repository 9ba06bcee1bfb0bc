import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledStandardsDir, type IndexOptions, NormaError, standardFolders } from '../engine/index.ts';
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

/** A command's usage mistake: printed with the usage line, exit code 2. */
export class UsageError extends Error {}

/** A user's mistake found while running (a path that does not exist, a port in use): exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * The standards directory: `--dir`, else `NORMA_DIR`, else the bundled standard. It must exist and
 * be a directory: a mistyped `--dir` must never look like an empty, "up to date" standard.
 */
export function standardsDir(io: Io, dir: string | undefined): string {
  const source = dir !== undefined ? '--dir' : 'NORMA_DIR';
  const chosen = dir ?? io.env.NORMA_DIR;
  if (chosen === undefined || chosen === '') return bundledStandardsDir;
  const path = resolve(io.cwd, chosen);
  const problem = directoryProblem(path);
  if (problem) {
    throw new CliError(`the standards directory \`${chosen}\` (${source}) ${problem}`, DIR_HINT);
  }
  return path;
}

const DIR_HINT = `give a directory holding ${standardFolders.map((f) => `\`${f}/\``).join(' or ')} with --dir or NORMA_DIR`;

/** Like `standardsDir`, and the directory must hold standards (a kind's folder: `rules/`, `checklists/`). */
export function standardsRoot(io: Io, dir: string | undefined): string {
  const path = standardsDir(io, dir);
  if (!isStandardsRoot(path)) {
    const folders = standardFolders.map((f) => `\`${f}/\``).join(' or ');
    throw new CliError(
      `no standards in \`${dir ?? io.env.NORMA_DIR ?? path}\`: it has no ${folders} folder`,
      DIR_HINT,
    );
  }
  return path;
}

/** Whether a directory is a standards directory: it has one of the kinds' folders. */
export function isStandardsRoot(dir: string): boolean {
  return standardFolders.some((f) => directoryProblem(join(dir, f)) === undefined);
}

function directoryProblem(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : 'is not a directory';
  } catch (e) {
    return fsReason(e);
  }
}

/** Why a file operation failed, in words: "does not exist", "cannot be read: permission denied"… */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'ENOTDIR') return 'does not exist (a part of the path is a file)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be accessed: permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot be accessed: ${(e as Error).message}`;
}

/** The largest input file read (`--facts`, `--answers`, `--inputs`): `/dev/zero` never ends. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a UTF-8 text file (or standard input for `-`): `input_unreadable` names the file and why,
 * `input_too_large` past MAX_INPUT_BYTES, `input_malformed` when it is not UTF-8.
 */
export function readTextFile(io: Io, path: string, what: string): string {
  let bytes: Buffer;
  try {
    if (path === '-') return io.readStdin();
    bytes = readBounded(resolve(io.cwd, path), what, path);
  } catch (e) {
    if (e instanceof NormaError) throw e;
    const source = path === '-' ? `standard input (the ${what})` : `the ${what} file \`${path}\``;
    throw new NormaError('input_unreadable', `${source} ${fsReason(e)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NormaError('input_malformed', `the ${what} file \`${path}\` is not UTF-8 text`);
  }
}

/** Reads at most MAX_INPUT_BYTES, chunk by chunk, so a device or a pipe cannot exhaust memory. */
function readBounded(file: string, what: string, shown: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let total = 0;
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      total += n;
      if (total > MAX_INPUT_BYTES) {
        throw new NormaError(
          'input_too_large',
          `the ${what} file \`${shown}\` is larger than the limit of ${MAX_INPUT_BYTES} bytes`,
        );
      }
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Reads a JSON file (or standard input for `-`), with a coded error when it cannot. */
export function readJsonFile(io: Io, path: string, what: string): unknown {
  const text = readTextFile(io, path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new NormaError(
      'input_malformed',
      `${what} file \`${path}\` is not valid JSON: ${(e as Error).message}`,
    );
  }
}

/** Writes an output file (`--out`); a path that cannot be written is the user's to fix, not a crash. */
export function writeOutputFile(io: Io, path: string, text: string): void {
  try {
    writeFileSync(resolve(io.cwd, path), text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'its directory does not exist'
        : fsReason(e).replace(/^cannot be accessed: /, '');
    throw new CliError(
      `cannot write \`${path}\`: ${reason}`,
      'give --out a path in an existing, writable directory',
    );
  }
}

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
