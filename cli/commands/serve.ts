import { parseArgs } from 'node:util';
import { jsonLogger } from '../../server/log.ts';
import { ConfigError, count, optionsFromEnv } from '../../server/options.ts';
import { startServer } from '../../server/serve.ts';
import { stopOnSignals } from '../../server/signals.ts';
import { type Io, noLockOption, standardsDir, UsageError } from '../io.ts';

export const usage = 'norma serve [--port 3000] [--dir path] [--host address] [--no-lock]';

/** `norma serve`: the HTTP API of `npm start`, until SIGINT or SIGTERM. */
export async function serveCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, dir: { type: 'string' }, host: { type: 'string' }, ...noLockOption },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument \`${positionals[0]}\``);
  const portText = values.port ?? io.env.PORT;
  const port = portText === '0' ? 0 : safeCount('--port', portText, 3000);
  const logger = jsonLogger((line) => io.out(line));
  try {
    const given = { dir: standardsDir(io, values.dir), ...(values['no-lock'] ? { lock: false } : {}) };
    const options = optionsFromEnv(io.env, given, io.cwd);
    const host = values.host ? { hostname: values.host } : {};
    const running = await startServer({ options, logger, port, ...host });
    await stopOnSignals(running, logger);
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError) && (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    io.err(`norma serve: ${(e as Error).message}`);
    return 1;
  }
}

function safeCount(name: string, raw: string | undefined, fallback: number): number {
  try {
    return count(name, raw, fallback);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
