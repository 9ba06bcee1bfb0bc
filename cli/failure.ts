import { NormaError } from '../engine/index.ts';
import { CliError, type Io, UsageError } from './io.ts';

/** Exit codes of every command (also in `norma --help` and the README). */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/**
 * Turns what a command threw into output and an exit code. A user's mistake is one line (and a
 * hint), never a stack trace; only a genuine bug is "internal", with its stack when NORMA_DEBUG=1.
 */
export function reportFailure(e: unknown, command: { name: string; usage: string }, io: Io): number {
  const prefix = `norma ${command.name}:`;
  if (e instanceof NormaError) {
    // Machines read one stream: the error JSON goes where the result would have gone.
    io.out(JSON.stringify(e.toJSON(), null, 2));
    return EXIT.failed;
  }
  if (e instanceof UsageError) {
    io.err(
      `${prefix} ${e.message}\nusage: ${command.usage}\n(\`norma ${command.name} --help\` for every option)`,
    );
    return EXIT.usage;
  }
  const debug = isDebug(io) ? `\n${(e as Error)?.stack ?? String(e)}` : '';
  if (e instanceof CliError) {
    io.err(`${prefix} ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}${debug}`);
    return EXIT.failed;
  }
  if (isSystemError(e)) {
    // The file system or the network refused (EACCES, EMFILE, ENOSPC…): the environment, not a bug.
    io.err(`${prefix} ${e.message}${debug}`);
    return EXIT.failed;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(
    `${prefix} internal error: ${message}${debug || '\n  hint: this is a bug in norma; run again with NORMA_DEBUG=1 to print the stack and report it'}`,
  );
  return EXIT.internal;
}

function isDebug(io: Io): boolean {
  const v = io.env.NORMA_DEBUG;
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** Node's errors from the operating system carry an errno code and the failed system call. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}
