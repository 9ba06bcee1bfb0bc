/**
 * What a caller may do beyond reading: `author` (save drafts) and `approve`. Tokens carry no
 * scopes yet, so every caller that passed `bearerAuth` may; this is the one place the scope
 * check goes when tokens with names and scopes arrive.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { httpError } from './errors.ts';
import type { ServerOptions } from './options.ts';

export type Scope = 'author' | 'approve';

/** The middleware that will refuse a caller without `scope`; for now it lets every caller pass. */
export function requireScope(_scope: Scope): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    await next();
  };
}

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
