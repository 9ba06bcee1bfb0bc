import { describe, expect, it } from 'vitest';
import { json, testApp } from './testing.ts';

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
