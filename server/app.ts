import { Hono } from 'hono';
import type { RecordsService } from '../records/service.ts';
import { checkScopes, grantsOf, identify } from './auth.ts';
import type { AppEnv, ServerContext } from './context.ts';
import { notFound, onError } from './errors.ts';
import type { StandardsHolder } from './holder.ts';
import { type Logger, requestLog } from './log.ts';
import type { ServerOptions } from './options.ts';
import { checkQueries } from './query.ts';
import { routeModules } from './routes/index.ts';

/** What an app serves: the holder of the standards index, the options, and where logs go. */
export interface AppInput {
  holder: StandardsHolder;
  options: ServerOptions;
  logger: Logger;
  /** Decision records; none with `NORMA_RECORDS=off`. */
  records?: RecordsService;
}

/**
 * The HTTP API as a Hono app: request log and id, the index pinned per request, bearer access on
 * `/v1/` (who calls, and whether they hold each route's scope), every route family, one error handler.
 */
export function createApp({ holder, options, logger, records }: AppInput): Hono<AppEnv> {
  const ctx: ServerContext = { holder, options, logger, ...(records ? { records } : {}) };
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(logger));
  app.use('*', async (c, next) => {
    // Read once: a reload swaps the holder's index, never the one this request is using.
    c.set('index', holder.index);
    await next();
  });
  app.use('/v1/*', identify(grantsOf(options)));
  for (const module of routeModules) checkQueries(app, module.paths);
  for (const module of routeModules) checkScopes(app, module.paths);
  for (const module of routeModules) module.mount(app, ctx);
  app.notFound(notFound);
  app.onError(onError(logger));
  return app;
}
