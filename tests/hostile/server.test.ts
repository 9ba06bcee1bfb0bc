/**
 * The HTTP server under hostile clients, over real sockets: slow and numerous connections, clients
 * that hang up mid-body, and 1 MiB bodies invalid in every way, each answered fast and small while
 * `/healthz` keeps answering from another connection.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir, compileDocument, evaluateFast, type NormaError } from '../../engine/index.ts';
import { memoryLogger } from '../../server/log.ts';
import { type ConnectionLimits, defaults, type ServerOptions } from '../../server/options.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { eventually, testdataDir, testOptions } from '../../server/testing.ts';

const MiB = 1024 * 1024;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** A raw connection; `closed` settles when the server (or we) close it, with how long it stayed open. */
function rawSocket(port: number): { socket: Socket; opened: number; closed: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  const opened = performance.now();
  socket.on('error', () => {});
  socket.on('data', () => {});
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(performance.now() - opened)),
  );
  return { socket, opened, closed };
}

/** Sends one byte of `text` every `gapMs` until the socket closes. */
function trickle(socket: Socket, text: string, gapMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return void clearInterval(timer);
    socket.write(text[i++] as string);
  }, gapMs);
  socket.once('close', () => clearInterval(timer));
}

/** One GET on a fresh connection, with how long it took. */
async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { connection: 'close' } });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/** A server over the test standards with these connection limits, started before and closed after a suite. */
function serverWith(limits: ConnectionLimits, overrides: Partial<ServerOptions> = {}) {
  const state = { server: undefined as unknown as RunningServer, logger: memoryLogger() };
  beforeAll(async () => {
    state.server = await startServer({
      options: testOptions(testdataDir, { connections: limits, ...overrides }),
      logger: state.logger,
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
    });
  });
  afterAll(() => state.server?.close());
  return state;
}

describe('slow clients', () => {
  const limits = { ...defaults.connections, headersTimeoutMs: 1000, requestTimeoutMs: 2000 };
  const state = serverWith(limits);

  it('cuts 100 connections trickling a byte every 2 s within the timeouts, answering /healthz meanwhile', async () => {
    const { server } = state;
    const slow = Array.from({ length: 100 }, (_, i) => {
      const raw = rawSocket(server.port);
      const body = '{"facts": {"estimateTotal": 1}}';
      const text =
        i % 2 === 0
          ? 'GET /v1/standards HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n'
          : `POST /v1/standards/approval.work-order/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      if (i % 2 === 0) trickle(raw.socket, text, 2000);
      else {
        raw.socket.write(text);
        trickle(raw.socket, body, 2000);
      }
      return raw;
    });
    await new Promise((r) => setTimeout(r, 300));
    const health = await timedGet(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    const open = await Promise.all(slow.map((s) => s.closed));
    // Headers within 1 s, whole requests within 2 s, checked every 250 ms: generous bound.
    expect(Math.max(...open)).toBeLessThan(limits.requestTimeoutMs + 2500);
    expect((await timedGet(`${server.url}/v1/standards`)).status).toBe(200);
  }, 20_000);
});

describe('clients that hang up mid-body', () => {
  const state = serverWith(defaults.connections);
  const head = (extra: string) =>
    `POST /v1/standards/approval.work-order/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}\r\n`;

  for (const [name, request] of [
    ['with Content-Length', `${head('Content-Length: 1000\r\n')}{"facts": {"estimateTotal": 1`],
    ['chunked', `${head('Transfer-Encoding: chunked\r\n')}10\r\n{"facts": {"esti\r\n`],
  ] as const) {
    it(`logs an abort ${name} at info as aborted, not as an unhandled 500`, async () => {
      const { server, logger } = state;
      const before = logger.records.length;
      const raw = rawSocket(server.port);
      raw.socket.write(request);
      await new Promise((r) => setTimeout(r, 100));
      raw.socket.destroy();
      const line = await eventually('the request line', () =>
        logger.records.slice(before).find((r) => String(r.msg).startsWith('request')),
      );
      expect(line).toMatchObject({
        level: 'info',
        msg: expect.stringContaining('aborted'),
        route: '/v1/standards/:id/evaluate',
      });
      await new Promise((r) => setTimeout(r, 50));
      const after = logger.records.slice(before);
      expect(after.filter((r) => r.level === 'error')).toEqual([]);
      expect(after.some((r) => r.status === 500)).toBe(false);
    });
  }
});

describe('a full server', () => {
  const limits = {
    headersTimeoutMs: 1000,
    requestTimeoutMs: 2000,
    keepAliveTimeoutMs: 1000,
    maxConnections: 40,
  };
  const state = serverWith(limits);

  it('answers health checks past the connection cap, and 503 server_busy for the rest', async () => {
    const { server, logger } = state;
    // More than the cap and its reserve for health checks: the newest take the oldest silent places.
    const hogs = Array.from({ length: 100 }, () => {
      const raw = rawSocket(server.port);
      raw.socket.write('GET /v1/standards HTTP/1.1\r\nHost: x\r\n');
      return raw;
    });
    await new Promise((r) => setTimeout(r, 300));
    const health = await timedGet(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    expect((await timedGet(`${server.url}/readyz`)).status).toBe(200);
    const busy = await fetch(`${server.url}/v1/standards`);
    expect(busy.status).toBe(503);
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('server_busy');
    expect(logger.records.some((r) => String(r.msg).startsWith('connection limit reached'))).toBe(true);
    await Promise.all(hogs.map((h) => h.closed));
    expect((await timedGet(`${server.url}/v1/standards`)).status).toBe(200);
  }, 20_000);
});

/** A JSON text of `n` entries `key(i): value`, as an object body. */
const objectOf = (n: number, entry: (i: number) => string) =>
  `{${Array.from({ length: n }, (_, i) => entry(i)).join(',')}}`;

/** 1 MiB bodies, each invalid in its own way, by route. */
function hostileBodies(): {
  name: string;
  path: string;
  type: string;
  body: Buffer;
  status: number;
  code: string;
  engineCap?: boolean;
}[] {
  const evaluate = '/v1/standards/approval.work-order/evaluate';
  const json = 'application/json';
  const cases = [
    {
      name: '60,000 unknown facts',
      path: evaluate,
      body: `{"facts":${objectOf(60_000, (i) => `"u${i}":1`)}}`,
      status: 422,
      code: 'body_too_wide',
    },
    {
      name: '999 unknown facts with 1 KB names',
      path: evaluate,
      body: `{"facts":${objectOf(999, (i) => `"${String(i).padEnd(1000, 'u')}":1`)}}`,
      status: 422,
      code: 'facts_invalid',
    },
    {
      name: '10,000 wrong-typed facts',
      path: '/v1/standards/fees.work-order/evaluate',
      body: `{"facts":{"labour":[${Array.from({ length: 10_000 }, () => '{"hours":"x"}').join(',')}]}}`,
      status: 422,
      code: 'facts_invalid',
      engineCap: true,
    },
    {
      name: 'a list of 60,000 elements',
      path: '/v1/standards/fees.work-order/evaluate',
      body: `{"facts":{"labour":[${Array.from({ length: 60_000 }, () => '{"hours":"x"}').join(',')}]}}`,
      status: 422,
      code: 'body_too_wide',
    },
    {
      name: 'a 1 MiB string fact',
      path: evaluate,
      body: `{"facts":{"estimateTotal":"${'x'.repeat(MiB - 100)}"}}`,
      status: 422,
      code: 'facts_invalid',
    },
    {
      name: 'a 1 MiB date',
      path: evaluate,
      body: `{"facts":{},"at":"${'9'.repeat(MiB - 100)}"}`,
      status: 422,
      code: 'at_invalid',
    },
    {
      name: 'a 1 MiB field name',
      path: evaluate,
      body: `{"${'k'.repeat(MiB - 100)}":1}`,
      status: 422,
      code: 'body_invalid',
    },
    {
      name: '60,000 unknown fields',
      path: evaluate,
      body: objectOf(60_000, (i) => `"f${i}":1`),
      status: 422,
      code: 'body_too_wide',
    },
    {
      name: 'a deeply nested value',
      path: evaluate,
      body: `{"facts":{"x":${'['.repeat(400_000)}${']'.repeat(400_000)}}}`,
      status: 422,
      code: 'body_too_deep',
    },
    {
      name: 'a batch of many invalid items',
      path: `${evaluate}/batch`,
      body: `{"items":[${Array.from({ length: 1000 }, () => '{"facts":{"estimateTotal":"x","payType":"nope"}}').join(',')}]}`.padEnd(
        MiB - 100,
        ' ',
      ),
      status: 200,
      code: '',
    },
    {
      name: 'a batch of items with 60,000 different names',
      path: `${evaluate}/batch`,
      body: `{"items":[${Array.from({ length: 1000 }, (_, i) => `{"facts":${objectOf(60, (j) => `"u${i}_${j}":${j}`)}}`).join(',')}]}`,
      status: 422,
      code: 'body_too_wide',
    },
    {
      name: 'a JSON syntax error at the end',
      path: evaluate,
      body: `{"facts":{"note":"${'x'.repeat(MiB - 100)}"}`,
      status: 400,
      code: 'body_malformed',
    },
    {
      name: 'JSON Lines diff input with bad lines',
      path: '/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0&runs=0',
      type: 'application/x-ndjson',
      body: Array.from({ length: 9000 }, (_, i) => `{"estimateTotal": ${i}, "broken`)
        .join('\n')
        .padEnd(MiB - 100, ' '),
      status: 400,
      code: 'body_malformed',
    },
    {
      name: 'a YAML document with 38,000 unknown keys to validate',
      path: '/v1/validate',
      type: 'application/yaml',
      body: (() => {
        let text =
          'kind: ruleset\nid: t.x\nversion: 1.0.0\nstatus: draft\ntitle: x\nhit: first\noutputs:\n  a: { type: string }\nrules:\n  - id: r\n    then: { a: x }\n';
        for (let i = 0; text.length < MiB - 100; i++) text += `unknown_key_number_${i}: 1\n`;
        return text;
      })(),
      status: 422,
      // The answer is `{valid: false, diagnostics}`: the first 100, then `diagnostics_truncated`.
      code: '',
    },
    {
      name: 'JSON Lines diff input with too many lines',
      path: '/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0&runs=0',
      type: 'application/x-ndjson',
      body: '{"estimateTotal": 1}\n'.repeat(40_000),
      status: 413,
      code: 'input_too_large',
    },
  ];
  const out = cases.map((c) => ({ type: json, ...c, body: Buffer.from(c.body) }));
  const notUtf8 = Buffer.alloc(MiB - 100, 0x61);
  notUtf8.set(Buffer.from('{"facts":{"a":"'), 0);
  notUtf8[MiB - 200] = 0xff;
  out.push({
    name: 'bytes that are not UTF-8',
    path: evaluate,
    type: json,
    body: notUtf8,
    status: 400,
    code: 'body_not_utf8',
  });
  return out;
}

/** Whether the engine caps `facts_invalid` details itself: 5,000 wrong-typed lines give at most 101. */
function engineCapsFactsDetails(): boolean {
  const file = 'rules/fees.work-order/1.1.0.yaml';
  const doc = compileDocument(readFileSync(join(bundledStandardsDir, file), 'utf8'), file).document;
  if (!doc) throw new Error(`${file} does not compile`);
  try {
    evaluateFast(doc, { facts: { labour: Array.from({ length: 5000 }, () => ({ hours: 'x' })) } });
  } catch (e) {
    return (e as NormaError).details.length <= 101;
  }
  return false;
}

/** The slowest of a few /healthz answers of the idle server: what the machine's load adds to any answer. */
async function idleHealthMs(url: string): Promise<number> {
  let worst = 0;
  for (let i = 0; i < 8; i++) worst = Math.max(worst, (await timedGet(`${url}/healthz`)).ms);
  return worst;
}

/** `npm start` in a child process, so the client's own work never delays the server it measures. */
function childServer(env: Record<string, string>) {
  const state = { url: '', child: undefined as ChildProcess | undefined };
  beforeAll(async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    state.child = child;
    state.url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout?.on('data', (d: Buffer) => {
        buffer += d.toString();
        const url = /"msg":"listening".*?"url":"([^"]+)"/.exec(buffer)?.[1];
        if (url) resolve(url);
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
  }, 60_000);
  afterAll(() => {
    state.child?.kill('SIGKILL');
  });
  return state;
}

describe('1 MiB bodies invalid in every way', () => {
  const state = childServer({ NORMA_DIR: bundledStandardsDir, NORMA_RECORDS: 'off' });
  beforeAll(async () => {
    // The compile worker starts on the first /v1/validate: its start-up (loading the engine) is
    // not the time a hostile document costs, so it is paid before the clock runs.
    const res = await fetch(`${state.url}/v1/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'kind: ruleset\nid: t.warm\nversion: 1.0.0\nstatus: draft\ntitle: warm\nhit: first\noutputs:\n  a: { type: string }\nrules:\n  - id: r\n    then: { a: x }\n',
    });
    expect(res.status).toBe(200);
  }, 60_000);

  for (const c of hostileBodies()) {
    // /healthz may take 100 ms longer than on the idle server just before: what a loaded machine adds
    // to every answer is not the server's. Retried: one slow answer can be the scheduler's, a
    // server that blocks is slow every time.
    it(`${c.name}: answered in under 1 s, under 64 KB, /healthz within 100 ms meanwhile`, {
      retry: 2,
    }, async (ctx) => {
      expect(c.body.length).toBeLessThanOrEqual(MiB);
      // The facts layer caps its own details (the engine's part); until it does, its cost is not the server's.
      if (c.engineCap && !engineCapsFactsDetails()) return ctx.skip();
      const idle = await idleHealthMs(state.url);
      const started = performance.now();
      let done = false;
      const answer = fetch(`${state.url}${c.path}`, {
        method: 'POST',
        headers: { 'content-type': c.type },
        body: c.body,
      })
        .then(async (res) => ({
          status: res.status,
          text: await res.text(),
          ms: performance.now() - started,
        }))
        .finally(() => {
          done = true;
        });
      const health: number[] = [];
      while (!done) {
        health.push((await timedGet(`${state.url}/healthz`)).ms);
        await new Promise((r) => setTimeout(r, 5));
      }
      const { status, text, ms } = await answer;
      expect(status).toBe(c.status);
      if (c.code) expect(JSON.parse(text).error.code).toBe(c.code);
      expect(ms).toBeLessThan(1000);
      expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
      expect(Math.max(0, ...health)).toBeLessThan(100 + idle);
    });
  }
});
