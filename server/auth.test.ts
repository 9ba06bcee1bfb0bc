import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { grantsFromFile, sha256Of } from './grants.ts';
import { optionsFromEnv } from './options.ts';
import { json, postJson, testApp } from './testing.ts';

const { app } = testApp({ tokens: ['alpha-token', 'beta-token'] });
const get = (path: string, authorization?: string) =>
  app.request(path, authorization ? { headers: { authorization } } : {});

describe('bearer tokens (NORMA_TOKENS)', () => {
  it('answers a /v1/ route without a token with auth_required (401) and a challenge', async () => {
    const res = await get('/v1/standards');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect((await json(res)).error.code).toBe('auth_required');
  });

  it('answers a header that is not a bearer token with auth_required (401)', async () => {
    const res = await get('/v1/standards', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l');
    expect(res.status).toBe(401);
  });

  it('answers a wrong token with auth_forbidden (403)', async () => {
    const res = await get('/v1/standards', 'Bearer alpha-tokem');
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('auth_forbidden');
  });

  it('lets any of the tokens through', async () => {
    expect((await get('/v1/standards', 'Bearer alpha-token')).status).toBe(200);
    expect((await get('/v1/standards', 'bearer beta-token')).status).toBe(200);
  });

  it('guards POST routes before reading the body', async () => {
    const res = await app.request('/v1/standards/approval.work-order/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad json',
    });
    expect(res.status).toBe(401);
  });

  it('keeps health, readiness and the OpenAPI description open', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json']) expect((await get(path)).status).toBe(200);
  });
});

describe('named tokens with scopes (NORMA_TOKENS_FILE)', () => {
  const reader = 'reader-token-0123456789';
  const evaluator = 'evaluator-token-0123456789';
  const admin = 'admin-token-0123456789';
  const scoped = testApp({
    grants: [
      { name: 'wiki', sha256: sha256Of(reader), scopes: new Set(['read'] as const) },
      { name: 'dms', sha256: sha256Of(evaluator), scopes: new Set(['evaluate'] as const) },
      { name: 'root', sha256: sha256Of(admin), scopes: new Set(['admin'] as const) },
    ],
  }).app;
  const evaluate = (token: string) =>
    scoped.request(
      '/v1/standards/approval.work-order/evaluate',
      postJson({ facts: { amount: 100 }, at: '2026-03-01' }, { authorization: `Bearer ${token}` }),
    );
  const list = (token: string) =>
    scoped.request('/v1/standards', { headers: { authorization: `Bearer ${token}` } });

  it('lets each token do what its scopes say, and nothing else (scope_missing, 403)', async () => {
    expect((await list(reader)).status).toBe(200);
    const refused = await evaluate(reader);
    expect(refused.status).toBe(403);
    const body = await json(refused);
    expect(body.error.code).toBe('scope_missing');
    expect(body.error.details[0].message).toContain('`wiki`');
    expect(body.error.details[0].message).toContain('`evaluate`');
    expect((await evaluate(evaluator)).status).not.toBe(403);
    expect((await list(evaluator)).status).toBe(403);
  });

  it('gives admin every scope', async () => {
    expect((await list(admin)).status).toBe(200);
    expect((await evaluate(admin)).status).not.toBe(403);
  });

  it('still refuses an unknown token and a missing one', async () => {
    expect((await list('nobody-0123456789')).status).toBe(403);
    expect((await scoped.request('/v1/standards')).status).toBe(401);
  });
});

describe('the token file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'norma-tokens-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads names, digests or tokens, and scopes', () => {
    const digest = sha256Of('a-long-enough-secret').toString('hex');
    const grants = grantsFromFile(
      file(
        'ok.yaml',
        `tokens:\n  - { name: dms, sha256: ${digest}, scopes: [read, evaluate] }\n  - { name: auditor, token: another-long-secret, scopes: [records:read, records:export] }\n`,
      ),
    );
    expect(grants.map((g) => [g.name, [...g.scopes]])).toEqual([
      ['dms', ['read', 'evaluate']],
      ['auditor', ['records:read', 'records:export']],
    ]);
    expect(grants[0]?.sha256.equals(sha256Of('a-long-enough-secret'))).toBe(true);
  });

  it('refuses, naming the entry, an unknown scope, a short token, both secrets, a repeated name, no list', () => {
    const bad = {
      scope: 'tokens:\n  - { name: a, token: a-long-enough-secret, scopes: [rule-everything] }\n',
      short: 'tokens:\n  - { name: a, token: short, scopes: [read] }\n',
      both: `tokens:\n  - { name: a, token: a-long-enough-secret, sha256: ${'0'.repeat(64)}, scopes: [read] }\n`,
      twice:
        'tokens:\n  - { name: a, token: a-long-enough-secret, scopes: [read] }\n  - { name: a, token: b-long-enough-secret, scopes: [read] }\n',
      empty: 'tokens: []\n',
      yaml: 'tokens: [\n',
    };
    for (const [name, text] of Object.entries(bad)) {
      expect(() => grantsFromFile(file(`${name}.yaml`, text)), name).toThrow(ConfigError);
    }
    expect(() => grantsFromFile(file('scope.yaml', bad.scope))).toThrow(/tokens\[0\].*rule-everything/);
    expect(() => grantsFromFile(join(dir, 'missing.yaml'))).toThrow(/NORMA_TOKENS_FILE/);
  });

  it('is read from NORMA_TOKENS_FILE, relative to the working directory', () => {
    file('env.yaml', 'tokens:\n  - { name: tablet, token: a-long-enough-secret, scopes: [evaluate] }\n');
    expect(optionsFromEnv({ NORMA_TOKENS_FILE: 'env.yaml' }, {}, dir).grants.map((g) => g.name)).toEqual([
      'tablet',
    ]);
  });
});
