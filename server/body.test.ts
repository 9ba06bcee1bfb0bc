import { describe, expect, it } from 'vitest';
import { json, testApp } from './testing.ts';

const EVALUATE = '/v1/standards/approval.work-order/evaluate';
const post = (body: string | Buffer, type = 'application/json', path = EVALUATE) =>
  testApp().app.request(path, { method: 'POST', headers: { 'content-type': type }, body });
const good = JSON.stringify({ facts: { estimateTotal: 1, payType: 'customer' }, at: '2026-03-01' });

describe('request bodies', () => {
  it('refuses a charset other than UTF-8 with 415 charset_unsupported, on JSON and YAML routes', async () => {
    for (const [type, path] of [
      ['application/json; charset=utf-16', EVALUATE],
      ['application/json;charset="ISO-8859-1"', EVALUATE],
      ['application/yaml; charset=utf-16le', '/v1/validate'],
    ] as const) {
      const res = await post(good, type, path);
      expect([res.status, (await json(res)).error.code]).toEqual([415, 'charset_unsupported']);
    }
    expect((await post(good, 'application/json; charset=UTF-8')).status).toBe(200);
    expect((await post(good, 'application/json; charset=utf8')).status).toBe(200);
  });

  it('refuses bytes that are not UTF-8 with 400 body_not_utf8, never reading them as U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"facts": {"payType": "cust'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    const res = await post(bytes);
    expect([res.status, (await json(res)).error.code]).toEqual([400, 'body_not_utf8']);
    const yaml = await post(Buffer.from([0x6b, 0x3a, 0x20, 0xff, 0x0a]), 'application/yaml', '/v1/validate');
    expect([yaml.status, (await json(yaml)).error.code]).toEqual([400, 'body_not_utf8']);
  });

  it('refuses a body nested too deep (body_too_deep) or too wide (body_too_wide) before parsing it', async () => {
    const deep = await post(`{"facts": {"x": ${'['.repeat(100)}${']'.repeat(100)}}}`);
    expect([deep.status, (await json(deep)).error.code]).toEqual([422, 'body_too_deep']);
    const wide = await post(`{"facts": {${Array.from({ length: 2000 }, (_, i) => `"f${i}": 1`).join(',')}}}`);
    expect([wide.status, (await json(wide)).error.code]).toEqual([422, 'body_too_wide']);
  });

  it('answers a long text from the request clipped, with details capped and counted', async () => {
    const res = await post(JSON.stringify({ facts: {}, at: '9'.repeat(100_000) }));
    const body = await json(res);
    expect(body.error.code).toBe('at_invalid');
    expect(body.error.message.length).toBeLessThanOrEqual(1000);
    const many = await post(
      JSON.stringify(Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`f${i}`, 1]))),
    );
    const details = (await json(many)).error.details;
    expect(details).toHaveLength(101);
    expect(details.at(-1)).toMatchObject({
      code: 'details_truncated',
      message: '801 more problems are not shown', // 900 unknown fields, and `facts` missing
    });
  });
});
