import { jsonLogger } from '../../server/log.ts';
import { ConfigError, optionsFromEnv } from '../../server/options.ts';
import { startServer } from '../../server/serve.ts';
import { stopOnSignals } from '../../server/signals.ts';
import { CliError, type Io, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, noLockFlag, parseCommandLine } from '../options.ts';

/** `norma serve`'s command line. */
export const spec = {
  name: 'serve',
  usage: 'norma serve [--port 3000] [--host address] [--dir path] [--no-lock]',
  summary: 'serve the HTTP API (docs/http.md), reloading the standards on change',
  flags: {
    port: flag.string('n', 'the TCP port, 0 to 65535; 0 takes a free one (default: `PORT`, else 3000)'),
    host: flag.string('address', 'the address to listen on (default: every address)'),
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 0, max: 0 },
};

const DEFAULT_PORT = 3000;
const HOST_HINT = 'give --host an address of this machine, such as 127.0.0.1';

/** `norma serve`: the HTTP API of `npm start`, until SIGINT or SIGTERM. */
export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, spec);
  const port = portOf(values.port, io.env.PORT);
  const dir = standardsDir(io, values.dir);
  const logger = jsonLogger((line) => io.out(line));
  let options: ReturnType<typeof optionsFromEnv>;
  try {
    options = optionsFromEnv(io.env, { dir, ...(values['no-lock'] ? { lock: false } : {}) }, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  const host = values.host ? { hostname: values.host } : {};
  const where = values.host ? `${values.host}:${port}` : `port ${port}`;
  const running = await startServer({ options, logger, port, ...host }).catch((e: unknown) => {
    throw listenFailure(e, where);
  });
  await stopOnSignals(running, logger);
  return 0;
}

/** `--port`, else `PORT`, else 3000: a whole number a socket can listen on. */
function portOf(flagValue: string | undefined, envValue: string | undefined): number {
  const raw = flagValue ?? (envValue === '' ? undefined : envValue);
  if (raw === undefined) return DEFAULT_PORT;
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (n >= 0 && n <= 65535) return n;
  const source = flagValue !== undefined ? '`--port`' : 'PORT';
  throw new UsageError(`${source} takes a port from 0 to 65535, not \`${raw}\``);
}

/** Why the server could not start, in the words of the user's mistake when it is one. */
function listenFailure(e: unknown, where: string): unknown {
  if (e instanceof ConfigError) return new CliError(e.message);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new CliError(
      `cannot listen on ${where}: it is already in use`,
      'stop what uses it, or choose another with --port',
    );
  if (code === 'EACCES')
    return new CliError(
      `cannot listen on ${where}: permission denied`,
      'ports below 1024 need privileges: choose one from 1024 with --port',
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CliError(`cannot listen on ${where}: the host name cannot be resolved`, HOST_HINT);
  }
  if (code === 'EADDRNOTAVAIL') {
    return new CliError(`cannot listen on ${where}: the address is not one of this machine's`, HOST_HINT);
  }
  return e;
}
