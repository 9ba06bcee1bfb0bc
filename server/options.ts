import { resolve } from 'node:path';
import { bundledStandardsDir } from '../engine/index.ts';
import { type RecordsOptions, recordsOptionsFromEnv } from '../records/open.ts';
import { ConfigError } from './config-error.ts';
import { grantsFromFile, type TokenGrant } from './grants.ts';

/** How the server behaves; read once at start, so bad configuration fails before the first request. */
export interface ServerOptions {
  /** The standards directory served and watched. */
  dir: string;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
  /** The largest evidence photo accepted by `POST /v1/evidence`, in bytes (`NORMA_EVIDENCE_LIMIT`, 5 MiB). */
  evidenceLimit?: number;
  /** The most items one batch may hold. */
  batchMax: number;
  /** The time budget of one evaluation request, in milliseconds. */
  timeoutMs: number;
  /** Bare bearer tokens (`NORMA_TOKENS`: scopes `read` and `evaluate`). */
  tokens: string[];
  /** Named tokens with scopes (`NORMA_TOKENS_FILE`). With neither, the API is open (but for purge). */
  grants: TokenGrant[];
  /** Check norma.lock (default); `NORMA_LOCK=off` serves approved versions unchecked (never in production). */
  lock: boolean;
  /** How long a client may take, and how many connections may be open at once. */
  connections: ConnectionLimits;
  /** Decision records: on by default, in SQLite under `NORMA_DATA_DIR`, or PostgreSQL at `NORMA_DATABASE_URL`. */
  records: RecordsOptions;
  /** `NORMA_AUTHORING=on`: the web editor, saving drafts and approving them (one server only). */
  authoring?: boolean;
  /**
   * Where the build keeps the documents it checked clean (`NORMA_VERIFIED_FILE`, default
   * dist/verified-documents.json beside the build), or `false` (`off`) to check every document
   * in full at every load. Used only when running the build (`npm start`), never under tsx.
   */
  verified?: string | false;
}

/** The Node HTTP server's guards against slow and numerous clients. */
export interface ConnectionLimits {
  /** Time to receive a request's headers, in milliseconds. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body), in milliseconds. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, in milliseconds. */
  keepAliveTimeoutMs: number;
  /** Open connections served normally; a few more are let in for health checks only. */
  maxConnections: number;
}

export const defaults = {
  bodyLimit: 1024 * 1024,
  batchMax: 1000,
  timeoutMs: 10_000,
  connections: {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
    maxConnections: 512,
  },
} as const;

export { ConfigError };

/** Reads the options from the environment (`NORMA_DIR`, `NORMA_BODY_LIMIT`, …), overridden by `given`. */
export function optionsFromEnv(
  env: Record<string, string | undefined>,
  given: Partial<ServerOptions> = {},
  cwd = process.cwd(),
): ServerOptions {
  return {
    dir: given.dir ?? (env.NORMA_DIR ? resolve(cwd, env.NORMA_DIR) : bundledStandardsDir),
    bodyLimit: given.bodyLimit ?? byteSize('NORMA_BODY_LIMIT', env.NORMA_BODY_LIMIT, defaults.bodyLimit),
    evidenceLimit:
      given.evidenceLimit ?? byteSize('NORMA_EVIDENCE_LIMIT', env.NORMA_EVIDENCE_LIMIT, 5 * 1024 * 1024),
    batchMax: given.batchMax ?? count('NORMA_BATCH_MAX', env.NORMA_BATCH_MAX, defaults.batchMax),
    timeoutMs:
      given.timeoutMs ?? count('NORMA_EVAL_TIMEOUT_MS', env.NORMA_EVAL_TIMEOUT_MS, defaults.timeoutMs),
    tokens: given.tokens ?? tokensFrom(env.NORMA_TOKENS),
    grants:
      given.grants ?? (env.NORMA_TOKENS_FILE ? grantsFromFile(resolve(cwd, env.NORMA_TOKENS_FILE)) : []),
    lock: given.lock ?? lockFrom(env.NORMA_LOCK),
    connections: given.connections ?? connectionLimitsFrom(env),
    records: given.records ?? recordsFrom(env, cwd),
    authoring: given.authoring ?? authoringFrom(env.NORMA_AUTHORING),
    ...verifiedFrom(given.verified, env.NORMA_VERIFIED_FILE, cwd),
  };
}

/** `NORMA_VERIFIED_FILE`: a file path, `off`, or unset for the build's own file. */
function verifiedFrom(
  given: string | false | undefined,
  raw: string | undefined,
  cwd: string,
): { verified?: string | false } {
  if (given !== undefined) return { verified: given };
  const value = raw?.trim() ?? '';
  if (value === '') return {};
  return { verified: value.toLowerCase() === 'off' ? false : resolve(cwd, value) };
}

/** `NORMA_AUTHORING`: `on` enables drafts and approvals; `off` (or unset) leaves the standard read-only. */
export function authoringFrom(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === 'on') return true;
  if (value === '' || value === 'off') return false;
  throw new ConfigError(`NORMA_AUTHORING is \`on\` or \`off\`, not \`${raw}\``);
}

/** `NORMA_HEADERS_TIMEOUT_MS`, `NORMA_REQUEST_TIMEOUT_MS`, `NORMA_KEEPALIVE_TIMEOUT_MS`, `NORMA_MAX_CONNECTIONS`. */
export function connectionLimitsFrom(env: Record<string, string | undefined>): ConnectionLimits {
  const d = defaults.connections;
  const limits = {
    headersTimeoutMs: count('NORMA_HEADERS_TIMEOUT_MS', env.NORMA_HEADERS_TIMEOUT_MS, d.headersTimeoutMs),
    requestTimeoutMs: count('NORMA_REQUEST_TIMEOUT_MS', env.NORMA_REQUEST_TIMEOUT_MS, d.requestTimeoutMs),
    keepAliveTimeoutMs: count(
      'NORMA_KEEPALIVE_TIMEOUT_MS',
      env.NORMA_KEEPALIVE_TIMEOUT_MS,
      d.keepAliveTimeoutMs,
    ),
    maxConnections: count('NORMA_MAX_CONNECTIONS', env.NORMA_MAX_CONNECTIONS, d.maxConnections),
  };
  // Node refuses a headers timeout above the request timeout; say so by name instead.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      `NORMA_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed NORMA_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/** `NORMA_RECORDS`, `NORMA_DATA_DIR` (relative to the working directory), `NORMA_DATABASE_URL`. */
export function recordsFrom(env: Record<string, string | undefined>, cwd: string): RecordsOptions {
  let options: RecordsOptions;
  try {
    options = recordsOptionsFromEnv(env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return { ...options, dataDir: resolve(cwd, options.dataDir) };
}

/** `NORMA_LOCK`: `on` (or unset) checks norma.lock, `off` turns the check off; anything else is a mistake. */
export function lockFrom(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`NORMA_LOCK is \`on\` or \`off\`, not \`${raw}\``);
}

/** `NORMA_TOKENS`: comma-separated bearer tokens; set but empty is a mistake, not an open server. */
export function tokensFrom(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const tokens = raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (tokens.length === 0) {
    throw new ConfigError('NORMA_TOKENS is set but holds no token; unset it to run an open server');
  }
  return tokens;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** A size in bytes such as `1048576`, `512k` or `2mb` (units are binary). */
export function byteSize(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const m = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
  const n = m ? Number(m[1]) * (unit ?? Number.NaN) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new ConfigError(`${name} must be a positive size such as 1048576, 512k or 2mb, not \`${raw}\``);
  }
  return n;
}

/** A positive whole number. */
export function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, not \`${raw}\``);
  }
  return n;
}
