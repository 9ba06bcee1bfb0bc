/**
 * The HTTP server under hostile clients, over real sockets: slow and numerous connections, clients
 * that hang up mid-body, and 1 MiB bodies invalid in every way, each answered fast and small while
 * `/healthz` keeps answering from another connection.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../server/log.ts';
import { type ConnectionLimits, defaults, type ServerOptions } from '../../server/options.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { testdataDir, testOptions } from '../../server/testing.ts';

const MiB = 1024 * 1024;

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
