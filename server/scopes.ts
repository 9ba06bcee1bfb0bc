/**
 * What a token may do. A route declares the scope it needs (`x-scope` on its OpenAPI operation,
 * published as the operation's `security` requirement); `admin` holds every scope. Bare tokens of
 * `NORMA_TOKENS` keep working with `read` and `evaluate`; with no token configured the server is
 * open for everything but `records:purge`, which always needs a scoped token.
 */
export const SCOPES = [
  'read',
  'evaluate',
  'records:read',
  'records:personal',
  'records:export',
  'records:hold',
  'records:purge',
  'author',
  'approve',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

/** What a bare token of `NORMA_TOKENS` may do. */
export const BARE_TOKEN_SCOPES: readonly Scope[] = ['read', 'evaluate'];

/**
 * What anyone may do on a server with no token configured: everything but purging. Not `admin`,
 * which would hold `records:purge` too.
 */
export const OPEN_SCOPES: readonly Scope[] = SCOPES.filter((s) => s !== 'records:purge' && s !== 'admin');

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** The caller of a request: the token's name (null on an open server) and what it may do. */
export interface Caller {
  name: string | null;
  scopes: ReadonlySet<Scope>;
}

export function mayDo(caller: Caller, scope: Scope): boolean {
  return caller.scopes.has(scope) || caller.scopes.has('admin');
}

/** The scope an operation needs when it does not say: reading needs `read`, the rest `evaluate`. */
export function defaultScope(method: string): Scope {
  return method === 'get' || method === 'head' ? 'read' : 'evaluate';
}
