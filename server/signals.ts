import type { Logger } from './log.ts';
import type { RunningServer } from './serve.ts';

/** On SIGINT or SIGTERM, stops gracefully and resolves; a second signal exits at once. */
export function stopOnSignals(running: RunningServer, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.log('info', 'stopping: requests in flight finish, new connections are refused', { signal });
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
