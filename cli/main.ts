import { NormaError } from '../engine/index.ts';
import { diffCommand, usage as diffUsage } from './commands/diff.ts';
import { evalCommand, usage as evalUsage } from './commands/eval.ts';
import { historyCommand, usage as historyUsage } from './commands/history.ts';
import { lockCommand, usage as lockUsage } from './commands/lock.ts';
import { renderCommand, usage as renderUsage } from './commands/render.ts';
import { serveCommand, usage as serveUsage } from './commands/serve.ts';
import { testCommand, usage as testUsage } from './commands/test.ts';
import { validateCommand, usage as validateUsage } from './commands/validate.ts';
import { type Io, processIo, UsageError } from './io.ts';

interface Command {
  usage: string;
  summary: string;
  run(argv: string[], io: Io): number | Promise<number>;
}

/** Every command of the CLI; each lives in `cli/commands/<name>.ts`. */
export const commands: Record<string, Command> = {
  validate: {
    usage: validateUsage,
    summary: 'check documents; print file:line:col code message',
    run: validateCommand,
  },
  test: {
    usage: testUsage,
    summary: "run each document's tests and invariants; print shrunk counterexamples",
    run: testCommand,
  },
  eval: {
    usage: evalUsage,
    summary: 'evaluate a standard on facts and print the result envelope',
    run: evalCommand,
  },
  diff: {
    usage: diffUsage,
    summary: 'what changed between two versions (semantic diff) and how often outcomes change',
    run: diffCommand,
  },
  lock: {
    usage: lockUsage,
    summary: 'record newly approved versions in norma.lock; never change an entry',
    run: lockCommand,
  },
  history: {
    usage: historyUsage,
    summary: "a standard's versions: status, effective dates, approver, change, digest, in force",
    run: historyCommand,
  },
  render: {
    usage: renderUsage,
    summary: 'a printable HTML report: blank form or summary, or the report of an evaluation',
    run: renderCommand,
  },
  serve: {
    usage: serveUsage,
    summary: 'serve the HTTP API (docs/http.md), reloading the standards on change',
    run: serveCommand,
  },
};

function help(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `norma: a standards engine for automotive after-sales service\n\nusage:\n${lines.join('\n')}\n`;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure (errors found, bad input), 2 usage. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`norma: unknown command \`${name}\`\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof NormaError) {
      io.out(JSON.stringify(e.toJSON(), null, 2));
      return 1;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`norma ${name}: ${(e as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    throw e;
  }
}
