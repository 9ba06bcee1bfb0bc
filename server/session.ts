/**
 * Signing in to the web app when NORMA_TOKENS is set: a person gives a token once and gets a
 * session cookie (HttpOnly, SameSite=Strict). The pages' client modules then call the API with
 * that cookie and the session's CSRF token in `X-CSRF-Token` on every state-changing request.
 * Sessions live in memory: a restart signs everyone out, which a token-holder can redo at once.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './context.ts';
import { errorResponse, httpError } from './errors.ts';
import type { Caller } from './scopes.ts';

export const SESSION_COOKIE = 'norma_session';
export const CSRF_HEADER = 'x-csrf-token';

/** One signed-in browser. */
export interface Session {
  id: string;
  csrf: string;
  expires: number;
  /** Who signed in: the token's name and scopes, which the session's requests carry. */
  caller: Caller;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The sessions of one server, in memory, each for `ttlMs` after sign-in. */
export class Sessions {
  readonly #byId = new Map<string, Session>();
  constructor(readonly ttlMs = 8 * 3600_000) {}

  create(caller: Caller, now = Date.now()): Session {
    this.#sweep(now);
    const session = { id: token(), csrf: token(), expires: now + this.ttlMs, caller };
    this.#byId.set(session.id, session);
    return session;
  }

  get(id: string | undefined, now = Date.now()): Session | undefined {
    if (!id) return undefined;
    const session = this.#byId.get(id);
    if (!session || session.expires <= now) {
      if (session) this.#byId.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.#byId.delete(id);
  }

  /** The session of a request's cookie, if it is valid. */
  of(c: Context<AppEnv>): Session | undefined {
    return this.get(getCookie(c, SESSION_COOKIE));
  }

  #sweep(now: number): void {
    for (const [id, s] of this.#byId) if (s.expires <= now) this.#byId.delete(id);
  }
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `given` is the session's CSRF token, compared in constant time. */
export function csrfMatches(session: Session, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/v1/` access for a signed-in browser: a request with the session cookie and no Authorization
 * header is let in as the caller who signed in (with the CSRF token unless it only reads), and
 * each route still checks that caller's scope; anything else goes to `bearer`.
 */
export function sessionOrBearer(
  sessions: Sessions,
  bearer: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.req.header('authorization') ? undefined : sessions.of(c);
    if (!session) return bearer(c, next);
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
      return errorResponse(
        c,
        httpError('auth_forbidden', 'a signed-in request that changes something needs its CSRF token', [
          {
            code: 'auth_forbidden',
            message: `no or wrong \`${CSRF_HEADER}\` header`,
            severity: 'error',
            hint: 'send the token of the page (meta csrf-token) in X-CSRF-Token',
          },
        ]),
      );
    }
    c.set('caller', session.caller);
    await next();
  };
}
