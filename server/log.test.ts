import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { bufferedLines, jsonLogger } from './log.ts';
import { checkedResponses, postJson, testApp } from './testing.ts';

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

  it('sends the request id with the headers a route or middleware sets, and on errors', async () => {
    const { app } = testApp({ tokens: ['secret'] });
    const refused = await app.request('/v1/standards', { headers: { 'x-request-id': 'no-token-1' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    expect(refused.headers.get('x-request-id')).toBe('no-token-1');
    const ok = await app.request('/v1/standards', {
      headers: { authorization: 'Bearer secret', 'x-request-id': 'listed-2' },
    });
    expect([ok.status, ok.headers.get('content-type'), ok.headers.get('x-request-id')]).toEqual([
      200,
      'application/json',
      'listed-2',
    ]);
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

  it('writes lines without fields, and lets a field override a leading key as a spread would', () => {
    const lines: string[] = [];
    const logger = jsonLogger((l) => lines.push(l));
    logger.log('info', 'say "hi"');
    logger.log('error', 'x', {});
    logger.log('info', 'y', { msg: 'replaced', gone: undefined, nested: { a: [1] } });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: expect.any(String), level: 'info', msg: 'say "hi"' },
      { time: expect.any(String), level: 'error', msg: 'x' },
      { time: expect.any(String), level: 'info', msg: 'replaced', nested: { a: [1] } },
    ]);
    expect(lines.every((l) => l.endsWith('}\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });
});

describe('log lines from hostile requests', () => {
  it('escapes every control and line-separator character, so an entry stays one line', () => {
    const lines: string[] = [];
    const hostile = 'a\nb\rc\u0000d\u001b[31me\u007ff\u0085g\u2028h\u2029i"j\\k';
    jsonLogger((l) => lines.push(l)).log('info', hostile, { path: hostile, nested: { error: hostile } });
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line.slice(0, -1)).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(line)).toMatchObject({ msg: hostile, path: hostile, nested: { error: hostile } });
  });

  it('cuts a long field, saying how much was left out', () => {
    const lines: string[] = [];
    jsonLogger((l) => lines.push(l)).log('info', 'request', { path: `/${'x'.repeat(20_000)}` });
    const path = JSON.parse(lines[0] as string).path as string;
    expect(path.length).toBeLessThan(2100);
    expect(path.endsWith('(18001 more characters)')).toBe(true);
  });

  it('logs a request whose path holds encoded newlines and separators as one line', async () => {
    const lines: string[] = [];
    const { holder, options } = testApp();
    const app = checkedResponses(createApp({ holder, options, logger: jsonLogger((l) => lines.push(l)) }));
    await app.request('/v1/standards/%0A%E2%80%A8%C2%85%1B/x', { headers: { 'x-request-id': 'id\tforged' } });
    expect(lines).toHaveLength(1);
    expect((lines[0] as string).slice(0, -1)).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('buffered log lines', () => {
  it('writes the lines of one tick as one write, in order, and nothing when there is none', () => {
    const writes: string[] = [];
    const ticks: Array<() => void> = [];
    const sink = bufferedLines(
      (text) => writes.push(text),
      (flush) => ticks.push(flush),
    );
    sink.write('a\n');
    sink.write('b\n');
    sink.write('c\n');
    expect(writes).toEqual([]);
    expect(ticks).toHaveLength(1);
    ticks.shift()?.();
    expect(writes).toEqual(['a\nb\nc\n']);
    sink.write('d\n');
    ticks.shift()?.();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
    sink.flush();
    expect(writes).toHaveLength(2);
  });

  it('flushes what is pending on demand, and the scheduled flush then writes nothing more', () => {
    const writes: string[] = [];
    const ticks: Array<() => void> = [];
    const sink = bufferedLines(
      (text) => writes.push(text),
      (flush) => ticks.push(flush),
    );
    sink.write('x\n');
    sink.flush();
    ticks.shift()?.();
    expect(writes).toEqual(['x\n']);
  });

  it('hands a JSON logger one write per tick on the real event loop', async () => {
    const writes: string[] = [];
    const sink = bufferedLines((text) => writes.push(text));
    const logger = jsonLogger(sink.write);
    for (let i = 0; i < 5; i++) logger.log('info', 'request', { i });
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    const lines = (writes[0] as string).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).i)).toEqual([0, 1, 2, 3, 4]);
  });
});
