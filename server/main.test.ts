/** `npm start` and `norma serve` as a user runs them: a process, a port, a signal to stop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Io } from '../cli/io.ts';
import { main } from '../cli/main.ts';
import { eventually, testdataDir } from './testing.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Collects a child's stdout as parsed JSON lines. */
function jsonLines(child: ChildProcess): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i = buffer.indexOf('\n');
    while (i >= 0) {
      lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
      i = buffer.indexOf('\n');
    }
  });
  return lines;
}

describe('npm start (server/main.ts)', () => {
  it('serves NORMA_DIR on PORT, logs JSON lines, and on SIGTERM finishes the request in flight and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NORMA_DIR: testdataDir, NORMA_RECORDS: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const lines = jsonLines(child);
      const listening = await eventually(
        'the server to listen',
        () => lines.find((l) => l.msg === 'listening'),
        45_000,
      );
      expect(listening).toMatchObject({ standards: 2, access: 'open' });
      await eventually('the open-access warning', () =>
        lines.find((l) => l.level === 'warn' && String(l.msg).includes('NORMA_TOKENS')),
      );
      const url = listening.url as string;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const body = JSON.stringify({ facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' });
      const req = httpRequest(`${url}/v1/standards/approval.work-order/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const response = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 5));
      // In flight: connected, and given a moment for the server to accept the connection.
      await new Promise((r) => req.once('socket', (socket) => socket.once('connect', r)));
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      await eventually('the server to start stopping', () =>
        lines.find((l) => l.msg?.toString().startsWith('stopping')),
      );
      req.end(body.slice(5));
      expect(await response).toBe(200);
      expect(await exited).toBe(0);
      expect(lines.filter((l) => l.msg === 'request').map((l) => [l.route, l.status])).toEqual([
        ['/healthz', 200],
        ['/v1/standards/:id/evaluate', 200],
      ]);
      expect(lines.at(-1)?.msg).toBe('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('norma serve', () => {
  function captureIo(): Io & { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return {
      lines,
      errors,
      out: (t) => lines.push(t),
      err: (t) => errors.push(t),
      readStdin: () => '',
      env: {},
      cwd: root,
    };
  }

  it('serves --dir on --port until a signal, then exits 0', async () => {
    const io = captureIo();
    const run = main(['serve', '--port', '0', '--host', '127.0.0.1', '--dir', testdataDir], io);
    const listening = await eventually('the server to listen', () =>
      io.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'listening'),
    );
    const list = (await (await fetch(`${listening.url}/v1/standards`)).json()) as {
      standards: { id: string }[];
    };
    expect(list.standards.map((s) => s.id)).toEqual(['approval.work-order', 'routing.job']);
    process.emit('SIGTERM', 'SIGTERM');
    expect(await run).toBe(0);
  });

  it('answers a directory that does not exist with exit 1 and a message', async () => {
    const io = captureIo();
    expect(await main(['serve', '--port', '0', '--dir', '/no/such/dir'], io)).toBe(1);
    expect(io.errors.join('')).toContain('does not exist');
  });

  it('answers a bad port with a usage error (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.errors.join('')).toContain('--port');
  });
});
