import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { yaml } from '../engine/index.ts';
import { ConfigError } from './config-error.ts';
import { BARE_TOKEN_SCOPES, isScope, SCOPES, type Scope } from './scopes.ts';

/** A token the server accepts: its name (logged and recorded as the caller), digest and scopes. */
export interface TokenGrant {
  name: string;
  /** SHA-256 of the token: the secret itself is not kept. */
  sha256: Buffer;
  scopes: ReadonlySet<Scope>;
}

export function sha256Of(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Bare tokens of `NORMA_TOKENS`: `read` and `evaluate`, named by the first 8 hex digits of their digest. */
export function bareGrants(tokens: readonly string[]): TokenGrant[] {
  return tokens.map((token) => {
    const sha256 = sha256Of(token);
    return {
      name: `token-${sha256.toString('hex').slice(0, 8)}`,
      sha256,
      scopes: new Set(BARE_TOKEN_SCOPES),
    };
  });
}

/**
 * `NORMA_TOKENS_FILE`: a YAML (or JSON) file `tokens: [{name, sha256 | token, scopes: [...]}]`.
 * `sha256` keeps the secret out of the file (`printf %s "$TOKEN" | sha256sum`). Every mistake is a
 * ConfigError naming the entry, so a bad file stops the server at start.
 */
export function grantsFromFile(file: string): TokenGrant[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`NORMA_TOKENS_FILE: cannot read ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (e) {
    throw new ConfigError(`NORMA_TOKENS_FILE: ${file} is not YAML: ${(e as Error).message}`);
  }
  const list = (doc as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(
      `NORMA_TOKENS_FILE: ${file} needs \`tokens:\`, a list of {name, sha256 | token, scopes}`,
    );
  }
  const names = new Set<string>();
  return list.map((entry, i) => {
    const grant = grantOf(entry, `${file}: tokens[${i}]`);
    if (names.has(grant.name))
      throw new ConfigError(`${file}: tokens[${i}]: the name \`${grant.name}\` is used twice`);
    names.add(grant.name);
    return grant;
  });
}

function grantOf(entry: unknown, where: string): TokenGrant {
  const e = (entry ?? {}) as { name?: unknown; sha256?: unknown; token?: unknown; scopes?: unknown };
  if (typeof e.name !== 'string' || !/^[\w.@-]{1,64}$/.test(e.name)) {
    throw new ConfigError(`${where}: \`name\` is 1–64 letters, digits, \`. _ @ -\``);
  }
  const sha256 = digestOf(e, where);
  if (!Array.isArray(e.scopes) || e.scopes.length === 0) {
    throw new ConfigError(`${where}: \`scopes\` lists at least one of ${SCOPES.join(', ')}`);
  }
  for (const s of e.scopes) {
    if (!isScope(s))
      throw new ConfigError(`${where}: unknown scope \`${String(s)}\`; known: ${SCOPES.join(', ')}`);
  }
  return { name: e.name, sha256, scopes: new Set(e.scopes as Scope[]) };
}

function digestOf(e: { sha256?: unknown; token?: unknown }, where: string): Buffer {
  if ((e.sha256 === undefined) === (e.token === undefined)) {
    throw new ConfigError(`${where}: give exactly one of \`sha256\` (hex digest of the token) or \`token\``);
  }
  if (typeof e.sha256 === 'string') {
    if (!/^[0-9a-f]{64}$/i.test(e.sha256)) throw new ConfigError(`${where}: \`sha256\` is 64 hex digits`);
    return Buffer.from(e.sha256, 'hex');
  }
  if (typeof e.token !== 'string' || e.token.length < 16) {
    throw new ConfigError(`${where}: \`token\` is a string of at least 16 characters`);
  }
  return sha256Of(e.token);
}
