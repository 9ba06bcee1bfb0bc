import { timingSafeEqual } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { errorResponse, httpError } from './errors.ts';
import { bareGrants, sha256Of, type TokenGrant } from './grants.ts';
import type { Json, PathItems } from './openapi/helpers.ts';
import type { ServerOptions } from './options.ts';
import { type Caller, defaultScope, isScope, mayDo, OPEN_SCOPES, type Scope } from './scopes.ts';

/** Every token the server accepts: the bare ones of `NORMA_TOKENS` and the named ones of `NORMA_TOKENS_FILE`. */
export function grantsOf(options: Pick<ServerOptions, 'tokens' | 'grants'>): TokenGrant[] {
  return [...bareGrants(options.tokens), ...options.grants];
}

/** Whether the server asks for tokens at all (otherwise it is open, but for purge). */
export function accessControlled(options: Pick<ServerOptions, 'tokens' | 'grants'>): boolean {
  return options.tokens.length > 0 || options.grants.length > 0;
}

export const OPEN_CALLER: Caller = { name: null, scopes: new Set(OPEN_SCOPES) };

/**
 * Who is calling `/v1/`: with tokens configured, a bearer token must be one of them (401 without
 * one, 403 for an unknown one); without, everyone is the open caller. Tokens are compared as
 * SHA-256 digests with `timingSafeEqual`, and every one is checked, so the time taken says
 * nothing about a near miss. A token sent to an open server still names its caller.
 */
export function identify(grants: readonly TokenGrant[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? BEARER.exec(header) : null;
    if (grants.length === 0) {
      c.set('caller', OPEN_CALLER);
      return next();
    }
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="norma"');
      return errorResponse(
        c,
        httpError('auth_required', 'this route needs a bearer token', [
          {
            code: 'auth_required',
            message: header ? 'the Authorization header is not `Bearer <token>`' : 'no Authorization header',
            severity: 'error',
            hint: 'send `Authorization: Bearer <token>` with one of the tokens in NORMA_TOKENS or NORMA_TOKENS_FILE',
          },
        ]),
      );
    }
    const grant = grantFor(grants, match[1] as string);
    if (!grant) {
      c.header('WWW-Authenticate', 'Bearer realm="norma", error="invalid_token"');
      return errorResponse(c, httpError('auth_forbidden', 'the bearer token is not accepted'));
    }
    c.set('caller', { name: grant.name, scopes: grant.scopes });
    return next();
  };
}

/** The caller a token names (compared as `identify` does), or undefined for a token not accepted. */
export function callerOf(grants: readonly TokenGrant[], token: string): Caller | undefined {
  const grant = token === '' ? undefined : grantFor(grants, token);
  return grant ? { name: grant.name, scopes: grant.scopes } : undefined;
}

/** Whether an Authorization header carries one of `grants` (compared as `identify` does). */
export function bearerAccepted(grants: readonly TokenGrant[]): (header: string | undefined) => boolean {
  return (header) => {
    const match = header ? BEARER.exec(header) : null;
    return match !== null && grantFor(grants, match[1] as string) !== undefined;
  };
}

/** The scope an OpenAPI operation needs: its `x-scope`, or the default for its method. */
export function scopeOf(method: string, operation: Json): Scope {
  const declared = operation['x-scope'];
  return isScope(declared) ? declared : defaultScope(method);
}

/** Registers, before the handlers, the scope check of every `/v1/` operation in `paths`. */
export function checkScopes(app: Hono<AppEnv>, paths: PathItems): void {
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/v1/')) continue;
    const honoPath = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(item)) {
      app.on(method.toUpperCase(), honoPath, requireScope(scopeOf(method, operation)));
    }
  }
}

/** A middleware answering `scope_missing` (403) unless the caller holds `scope`. */
export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller') ?? OPEN_CALLER;
    if (!mayDo(caller, scope)) {
      const who =
        caller.name === null ? 'an open server’s caller (no token configured)' : `token \`${caller.name}\``;
      return errorResponse(
        c,
        httpError('scope_missing', `this route needs the scope \`${scope}\``, [
          {
            code: 'scope_missing',
            message: `${who} does not hold \`${scope}\``,
            severity: 'error',
            hint:
              scope === 'records:purge'
                ? 'purging always needs a named token with `records:purge` (NORMA_TOKENS_FILE), even on an open server'
                : `give the token \`${scope}\` (or \`admin\`) in NORMA_TOKENS_FILE`,
          },
        ]),
      );
    }
    await next();
  };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function grantFor(grants: readonly TokenGrant[], token: string): TokenGrant | undefined {
  const given = sha256Of(token);
  let found: TokenGrant | undefined;
  for (const g of grants) if (timingSafeEqual(g.sha256, given) && !found) found = g;
  return found;
}
