import { decisionsCommand, spec as decisionsSpec } from './commands/decisions.ts';
import { diffCommand, spec as diffSpec } from './commands/diff.ts';
import { evalCommand, spec as evalSpec } from './commands/eval.ts';
import { historyCommand, spec as historySpec } from './commands/history.ts';
import { lockCommand, spec as lockSpec } from './commands/lock.ts';
import { recordsCommand, spec as recordsSpec } from './commands/records.ts';
import { renderCommand, spec as renderSpec } from './commands/render.ts';
import { serveCommand, spec as serveSpec } from './commands/serve.ts';
import { testCommand, spec as testSpec } from './commands/test.ts';
import { validateCommand, spec as validateSpec } from './commands/validate.ts';
import { EXIT, reportFailure } from './failure.ts';
import { type Io, processIo } from './io.ts';
import { asksForHelp, type CommandSpec, commandHelp } from './options.ts';

interface Command {
  spec: CommandSpec;
  run(argv: string[], io: Io): number | Promise<number>;
}

/** Every command of the CLI; each lives in `cli/commands/<name>.ts`. */
export const commands: Record<string, Command> = {
  validate: { spec: validateSpec, run: validateCommand },
  test: { spec: testSpec, run: testCommand },
  eval: { spec: evalSpec, run: evalCommand },
  diff: { spec: diffSpec, run: diffCommand },
  lock: { spec: lockSpec, run: lockCommand },
  history: { spec: historySpec, run: historyCommand },
  render: { spec: renderSpec, run: renderCommand },
  serve: { spec: serveSpec, run: serveCommand },
  decisions: { spec: decisionsSpec, run: decisionsCommand },
  records: { spec: recordsSpec, run: recordsCommand },
};

function help(): string {
  const lines = Object.values(commands).map((c) => `  ${c.spec.usage}\n      ${c.spec.summary}`);
  return [
    'norma: a standards engine for automotive after-sales service',
    '',
    'usage:',
    ...lines,
    '',
    '`norma <command> --help` describes every option of a command.',
    '',
    'exit codes: 0 ok; 1 problems found or the command failed (a path, a port, an evaluation);',
    '2 a usage mistake (unknown command or option, a bad or missing value); 3 an internal error',
    '(a bug: NORMA_DEBUG=1 prints its stack).',
    '',
  ].join('\n');
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure (errors found, bad input), 2 usage, 3 bug. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands[name];
  if (!command) {
    io.err(`norma: unknown command \`${name}\`\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    if (asksForHelp(rest, command.spec)) {
      io.out(commandHelp(command.spec));
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (e) {
    return reportFailure(e, command.spec, io);
  }
}
