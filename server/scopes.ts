/**
 * What a caller may do beyond reading: `author` (save drafts) and `approve`. Tokens carry no
 * scopes yet, so every caller that passed `bearerAuth` may; this is the one place the scope
 * check goes when tokens with names and scopes arrive.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

export type Scope = 'author' | 'approve';

/** The middleware that will refuse a caller without `scope`; for now it lets every caller pass. */
export function requireScope(_scope: Scope): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    await next();
  };
}
