/**
 * The web app with NORMA_TOKENS: pages need a session, signing in with a token gives one
 * (HttpOnly, SameSite=Strict), and the API takes the session cookie only with the CSRF token on a
 * request that changes something.
 */
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import type { AppEnv } from './context.ts';
import { StandardsHolder } from './holder.ts';
import { memoryLogger } from './log.ts';
import { localPath } from './routes/web.tsx';
import { Sessions } from './session.ts';
import { json, postJson, testdataDir, testOptions } from './testing.ts';

/** The app with tokens; pages are HTML for people, so responses are not checked against the OpenAPI document. */
function testApp(overrides: { tokens: string[] }) {
  const options = testOptions(testdataDir, overrides);
  return {
    app: createApp({
      holder: StandardsHolder.load(testdataDir, { lock: false }),
      options,
      logger: memoryLogger(),
    }),
  };
}

const signIn = async (app: Hono<AppEnv>, token: string, next = '/standards/routing.job') =>
  app.request('/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next }).toString(),
  });

describe('signing in to the web app', () => {
  it('sends a browser without a session to sign in, and back where it was going', async () => {
    const { app } = testApp({ tokens: ['s3cret'] });
    const res = await app.request('/standards/routing.job?lang=en');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/signin?next=${encodeURIComponent('/standards/routing.job?lang=en')}`,
    );
    expect((await app.request('/signin')).status).toBe(200);
    const wrong = await signIn(app, 'nope');
    expect(wrong.headers.get('location')).toMatch(/^\/signin\?failed=1/);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await signIn(app, 's3cret');
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/standards/routing.job']);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^norma_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await app.request('/standards/routing.job', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<meta name="csrf-token" content="[\w-]{43}"\/>/);
  });

  it('lets the API take the session cookie, with the CSRF token on a request that changes something', async () => {
    const { app } = testApp({ tokens: ['s3cret'] });
    const cookie = ((await signIn(app, 's3cret')).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await app.request('/', { headers: { cookie } })).text();
    const csrf = /name="csrf-token" content="([\w-]+)"/.exec(page)?.[1] ?? '';
    expect((await app.request('/v1/standards', { headers: { cookie } })).status).toBe(200);
    const body = { facts: { amount: 50, recall: false, fuel: 'petrol' }, at: '2026-03-01' };
    const withoutCsrf = await app.request('/v1/standards/routing.job/evaluate', postJson(body, { cookie }));
    expect([withoutCsrf.status, (await json(withoutCsrf)).error.code]).toEqual([403, 'auth_forbidden']);
    const withCsrf = await app.request(
      '/v1/standards/routing.job/evaluate',
      postJson(body, { cookie, 'x-csrf-token': csrf }),
    );
    expect(withCsrf.status).toBe(200);
    expect((await app.request('/v1/standards')).status).toBe(401);
  });

  it('goes back only to a path on this server, and forgets a session when it expires', () => {
    expect(localPath('/standards/x?lang=en')).toBe('/standards/x?lang=en');
    expect(localPath('//evil.example/')).toBe('/');
    expect(localPath('/\\evil.example/')).toBe('/');
    expect(localPath('https://evil.example/')).toBe('/');
    const sessions = new Sessions(1000);
    const s = sessions.create({ name: 'tablet', scopes: new Set(['evaluate'] as const) }, 0);
    expect(sessions.get(s.id, 999)?.csrf).toBe(s.csrf);
    expect(sessions.get(s.id, 1000)).toBeUndefined();
  });
});
