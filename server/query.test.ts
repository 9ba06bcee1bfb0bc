import { describe, expect, it } from 'vitest';
import { json, postJson, testApp } from './testing.ts';

describe('query parameters', () => {
  const { app } = testApp();
  const codeOf = async (res: Response) => [res.status, (await json(res)).error?.code];

  it('answers query_invalid for an unknown parameter on every route', async () => {
    for (const path of [
      '/healthz?x=1',
      '/readyz?verbose',
      '/openapi.json?v=2',
      '/v1/standards?att=2026-01-01',
      '/v1/standards/approval.work-order?format=yaml',
      '/v1/standards/approval.work-order/versions/1.1.0?formt=yaml',
      '/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0&run=5',
      '/v1/standards/approval.work-order/versions/1.1.0/report?x',
    ]) {
      expect([path, ...(await codeOf(await app.request(path)))]).toEqual([path, 400, 'query_invalid']);
    }
    const posted = await app.request(
      '/v1/standards/approval.work-order/evaluate?explain=true',
      postJson({ facts: {} }),
    );
    expect(await codeOf(posted)).toEqual([400, 'query_invalid']);
  });

  it('names the parameter and the allowed ones, and refuses a parameter given twice', async () => {
    const body = await json(await app.request('/v1/standards?att=2026-01-01'));
    expect(body.error.details[0]).toMatchObject({ path: 'att', hint: 'allowed here: `at`' });
    const twice = await app.request('/v1/standards?at=2026-01-01&at=2027-01-01');
    expect(await codeOf(twice)).toEqual([400, 'query_invalid']);
  });

  it('accepts the documented parameters', async () => {
    expect((await app.request('/v1/standards?at=2026-01-01')).status).toBe(200);
    expect((await app.request('/v1/standards/approval.work-order/versions/1.1.0?format=yaml')).status).toBe(
      200,
    );
    expect(
      (await app.request('/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0&runs=0&format=md'))
        .status,
    ).toBe(200);
  });
});
