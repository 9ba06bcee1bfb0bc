import type { Io } from './io.ts';

/** An Io for tests: what a command prints is kept line by line instead of written out. */
export interface CapturedIo extends Io {
  stdout: string[];
  stderr: string[];
}

/** Captures a command's output, as a user would see it from `cwd`. */
export function captureIo(options: { cwd?: string; stdin?: string; env?: Io['env'] } = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readStdin: () => options.stdin ?? '',
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}
