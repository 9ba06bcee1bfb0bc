import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { errorResponse, httpError } from './errors.ts';

/**
 * Bearer-token access for the `/v1/` routes. Tokens are compared as SHA-256 digests with
 * `timingSafeEqual`, and every token is checked, so the time taken says nothing about a near miss.
 */
export function bearerAuth(tokens: readonly string[]): MiddlewareHandler<AppEnv> {
  const digests = tokens.map(digest);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? BEARER.exec(header) : null;
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer realm="norma"');
      return errorResponse(
        c,
        httpError('auth_required', 'this route needs a bearer token', [
          {
            code: 'auth_required',
            message: header ? 'the Authorization header is not `Bearer <token>`' : 'no Authorization header',
            severity: 'error',
            hint: 'send `Authorization: Bearer <token>` with one of the tokens in NORMA_TOKENS',
          },
        ]),
      );
    }
    if (!known(digests, digest(match[1] as string))) {
      c.header('WWW-Authenticate', 'Bearer realm="norma", error="invalid_token"');
      return errorResponse(c, httpError('auth_forbidden', 'the bearer token is not accepted'));
    }
    await next();
  };
}

/** Whether an Authorization header carries one of `tokens` (compared as `bearerAuth` does). */
export function bearerAccepted(tokens: readonly string[]): (header: string | undefined) => boolean {
  const digests = tokens.map(digest);
  return (header) => {
    const match = header ? BEARER.exec(header) : null;
    return match !== null && known(digests, digest(match[1] as string));
  };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function known(digests: readonly Buffer[], given: Buffer): boolean {
  let found = false;
  for (const d of digests) found = timingSafeEqual(d, given) || found;
  return found;
}
