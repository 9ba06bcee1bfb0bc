import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { httpError } from './errors.ts';
import type { ServerOptions } from './options.ts';

/** Refuses every request with 403 `authoring_off` unless this server has NORMA_AUTHORING=on. */
export function requireAuthoring(options: ServerOptions): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    if (options.authoring !== true) {
      throw httpError('authoring_off', 'authoring is not enabled on this server', [
        {
          code: 'authoring_off',
          message: 'drafts and approvals need NORMA_AUTHORING=on',
          severity: 'error',
          hint: 'enable authoring on one server; the others reload the shared standards directory',
        },
      ]);
    }
    await next();
  };
}
