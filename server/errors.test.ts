import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { statusOf } from './errors.ts';
import type { StandardsHolder } from './holder.ts';
import { memoryLogger } from './log.ts';
import { checkedResponses, json, testApp, testOptions } from './testing.ts';

describe('errors', () => {
  it('maps codes to the statuses of docs/api.md, and unknown engine codes to 422', () => {
    expect(statusOf('body_malformed')).toBe(400);
    expect(statusOf('standard_unknown')).toBe(404);
    expect(statusOf('version_unknown')).toBe(404);
    expect(statusOf('body_too_large')).toBe(413);
    expect(statusOf('content_type_unsupported')).toBe(415);
    expect(statusOf('facts_invalid')).toBe(422);
    expect(statusOf('eval_hit_unique')).toBe(422);
  });

  it('answers an unknown route with route_unknown (404) in the error shape', async () => {
    const res = await testApp().app.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('route_unknown');
  });

  it('answers a bug with 500, the request id and no stack; the stack goes to the log', async () => {
    const broken = {
      get index(): never {
        throw new TypeError('boom at the holder');
      },
    } as unknown as StandardsHolder;
    const logger = memoryLogger();
    const app = checkedResponses(createApp({ holder: broken, options: testOptions(), logger }));
    const res = await app.request('/v1/standards', { headers: { 'x-request-id': 'req-42' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: expect.stringContaining('req-42'), requestId: 'req-42' },
    });
    expect(text).not.toContain('boom');
    expect(text).not.toContain('.ts:');
    const logged = logger.records.find((r) => r.msg === 'unhandled error');
    expect(logged).toMatchObject({
      requestId: 'req-42',
      stack: expect.stringContaining('boom at the holder'),
    });
  });
});
