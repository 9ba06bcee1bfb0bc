import { describe, expect, it } from 'vitest';
import { NormaError } from '../engine/index.ts';
import { EXIT, reportFailure } from './failure.ts';
import { CliError, UsageError } from './io.ts';
import { captureIo } from './testing.ts';

const command = { name: 'eval', usage: 'norma eval <id> --facts f.json' };
const STACK_LINE = /^\s+at /m;

function report(e: unknown, env: Record<string, string> = {}) {
  const io = captureIo({ env });
  const code = reportFailure(e, command, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('reportFailure', () => {
  it('prints a NormaError as the error JSON on standard output, exit 1', () => {
    const r = report(new NormaError('standard_unknown', 'unknown standard `x`'));
    expect(r.code).toBe(EXIT.failed);
    expect(JSON.parse(r.out).error.code).toBe('standard_unknown');
  });

  it('prints a usage mistake with the usage line, exit 2', () => {
    const r = report(new UsageError('unknown option `--x`'));
    expect(r).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('usage: norma eval <id>') });
    expect(r.err.split('\n')[0]).toBe('norma eval: unknown option `--x`');
  });

  it("prints a user's mistake and an operating-system refusal as one line, no stack, exit 1", () => {
    const cli = report(new CliError('cannot write `x`', 'give another path'));
    expect(cli).toMatchObject({
      code: EXIT.failed,
      err: 'norma eval: cannot write `x`\n  hint: give another path',
    });
    const os = Object.assign(new Error("EMFILE: too many open files, open 'f'"), {
      code: 'EMFILE',
      syscall: 'open',
    });
    expect(report(os)).toMatchObject({
      code: EXIT.failed,
      err: "norma eval: EMFILE: too many open files, open 'f'",
    });
  });

  it('calls anything else an internal error, exit 3, with its stack only when NORMA_DEBUG is set', () => {
    const bug = new TypeError("cannot read properties of undefined (reading 'x')");
    const quiet = report(bug);
    expect(quiet.code).toBe(EXIT.internal);
    expect(quiet.err).toContain(
      "norma eval: internal error: cannot read properties of undefined (reading 'x')",
    );
    expect(quiet.err).toContain('NORMA_DEBUG=1');
    expect(quiet.err).not.toMatch(STACK_LINE);
    for (const off of ['0', 'false', ''])
      expect(report(bug, { NORMA_DEBUG: off }).err).not.toMatch(STACK_LINE);
    const loud = report(bug, { NORMA_DEBUG: '1' });
    expect(loud.code).toBe(EXIT.internal);
    expect(loud.err).toMatch(STACK_LINE);
    expect(report('thrown text').err).toContain('internal error: thrown text');
  });
});
