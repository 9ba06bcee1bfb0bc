/**
 * `npm start`: serves the standards directory (`NORMA_DIR`, else the bundled standard) on `PORT`
 * (default 3000), reloading on change, until SIGINT or SIGTERM.
 */
import { jsonLogger } from './log.ts';
import { ConfigError, count, optionsFromEnv } from './options.ts';
import { startServer } from './serve.ts';
import { stopOnSignals } from './signals.ts';

const logger = jsonLogger();
try {
  const options = optionsFromEnv(process.env);
  const port = process.env.PORT === '0' ? 0 : count('PORT', process.env.PORT, 3000);
  const running = await startServer({ options, logger, port, ...hostOf(process.env.HOST) });
  stopOnSignals(running, logger);
} catch (e) {
  if (!(e instanceof ConfigError) && (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
  logger.log('error', 'cannot start', { error: (e as Error).message });
  process.exitCode = 1;
}

function hostOf(host: string | undefined): { hostname?: string } {
  return host ? { hostname: host } : {};
}
