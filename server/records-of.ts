import type { RecordsService } from '../records/service.ts';
import type { ServerContext } from './context.ts';
import { httpError } from './errors.ts';

/**
 * The server's decision records, or `records_off` (501) when it keeps none (`NORMA_RECORDS=off`):
 * decisions, cases and evidence all live in the records store. `what` names what the route serves.
 */
export function recordsOf(ctx: ServerContext, what = 'decision records'): RecordsService {
  if (!ctx.records) {
    throw httpError(
      'records_off',
      `this server keeps no decision records (NORMA_RECORDS=off), so no ${what}`,
      [
        {
          code: 'records_off',
          message: `${what} live in the decision records store, and recording is turned off on this server`,
          severity: 'error',
          hint: 'ask the server that records (NORMA_RECORDS on, the default), or turn it on',
        },
      ],
    );
  }
  return ctx.records;
}
