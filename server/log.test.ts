import { describe, expect, it } from 'vitest';
import { jsonLogger } from './log.ts';
import { postJson, testApp } from './testing.ts';

describe('request log', () => {
  it('logs one line per request with method, route, status, duration, standard and version', async () => {
    const { app, logger } = testApp();
    const res = await app.request(
      '/v1/standards/approval.work-order/evaluate',
      postJson({ facts: { estimateTotal: 1, payType: 'customer' }, at: '2026-03-01' }),
    );
    expect(res.status).toBe(200);
    const lines = logger.records.filter((r) => r.msg === 'request');
    expect(lines).toEqual([
      {
        level: 'info',
        msg: 'request',
        requestId: res.headers.get('x-request-id'),
        method: 'POST',
        route: '/v1/standards/:id/evaluate',
        path: '/v1/standards/approval.work-order/evaluate',
        status: 200,
        durationMs: expect.any(Number),
        standard: 'approval.work-order',
        version: '1.1.0',
      },
    ]);
  });

  it('logs the standard without a version when the request failed before choosing one', async () => {
    const { app, logger } = testApp();
    await app.request('/v1/standards/approval.work-order/evaluate', postJson({ facts: {} }));
    expect(logger.records.at(-1)).toMatchObject({
      status: 422,
      standard: 'approval.work-order',
      version: null,
    });
  });

  it("keeps the caller's request id when it is sane and makes one otherwise", async () => {
    const { app } = testApp();
    const kept = await app.request('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await app.request('/healthz', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes JSON lines with a time and a level', () => {
    const lines: string[] = [];
    jsonLogger((l) => lines.push(l)).log('warn', 'hello', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: expect.any(String),
      level: 'warn',
      msg: 'hello',
      n: 1,
    });
  });
});
