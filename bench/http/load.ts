/**
 * The HTTP benchmark: autocannon on loopback, bounded in time, 50 connections, against
 * `POST /v1/standards/{id}/evaluate` and a constant-response route of the same server process,
 * in alternating rounds; `seconds` is each route's total time.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { median } from '../harness.ts';

export interface HttpFigures {
  /** Requests per second (mean over the runs). */
  perSecond: number;
  /** Server CPU time per request, in microseconds: independent of what else the machine runs. */
  serverCpuMicros: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface HttpResult {
  mode: string;
  connections: number;
  seconds: number;
  /** Whether the server wrote its production request log (to a file). */
  logging: boolean;
  evaluate: HttpFigures;
  /** The hand-written Hono route doing the same work, when the server has it. */
  sameWork?: HttpFigures;
  /** The evaluate route with decision records on (SQLite), when the server has them. */
  recorded?: HttpFigures;
  constant: HttpFigures;
}

interface Sample {
  id: string;
  bodies: unknown[];
}

/** Starts the server process on `dir`, loads both routes in turn, stops the server. */
export async function httpBenchmark(
  dir: string,
  sample: Sample,
  seconds = 5,
  connections = 50,
  rounds = 3,
): Promise<HttpResult> {
  // The bundled server when the bench runs bundled (scripts/bench.mjs), so that both sides of
  // every comparison run as compiled JavaScript; the TypeScript through tsx otherwise.
  const bundled = process.env.NORMA_BENCH_SERVER;
  const entry = bundled ? [bundled] : ['--import', 'tsx', join(import.meta.dirname, 'server.ts')];
  const child = spawn(
    process.execPath,
    [...entry, dir, JSON.stringify({ id: sample.id, body: sample.bodies[0] })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const { port, recordedPort, mode } = await ready(child.stdout);
    const base = `http://127.0.0.1:${port}`;
    const recordedBase = `http://127.0.0.1:${recordedPort}`;
    const post = (path: string) =>
      sample.bodies.map((b) => ({ method: 'POST' as const, path, body: JSON.stringify(b) }));
    const run = (path: string, duration: number, url = base) =>
      autocannon({
        url,
        connections,
        duration,
        headers: { 'content-type': 'application/json' },
        requests: post(path),
      });
    const cpu = async () => {
      const u = (await (await fetch(`${base}/bench/cpu`)).json()) as { user: number; system: number };
      return u.user + u.system;
    };
    const routes = {
      constant: '/bench/constant',
      evaluate: `/v1/standards/${sample.id}/evaluate`,
      sameWork: '/bench/same-work',
    };
    // The hand-written route exists when the server runs the real app.
    const probe = await fetch(`${base}${routes.sameWork}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sample.bodies[0]),
    });
    await probe.text();
    const keys: Array<keyof typeof routes | 'recorded'> = ['constant', 'evaluate'];
    if (probe.status === 200) keys.push('sameWork');
    if (recordedPort > 0) keys.push('recorded');
    const go = (key: keyof typeof routes | 'recorded', duration: number) =>
      key === 'recorded' ? run(routes.evaluate, duration, recordedBase) : run(routes[key], duration);
    // A short warm-up of each route, then rounds that alternate the routes, so a change in what
    // else the machine runs affects all of them alike.
    for (const key of keys) await go(key, 1);
    const samples: Record<keyof typeof routes | 'recorded', Array<{ r: autocannon.Result; cpu: number }>> = {
      constant: [],
      evaluate: [],
      sameWork: [],
      recorded: [],
    };
    for (let round = 0; round < rounds; round++) {
      for (const key of keys) {
        const before = await cpu();
        const r = await go(key, seconds / rounds);
        samples[key].push({ r, cpu: (await cpu()) - before });
      }
    }
    const constant = figures(samples.constant);
    const evaluate = figures(samples.evaluate);
    const sameWork = samples.sameWork.length > 0 ? figures(samples.sameWork) : undefined;
    const recorded = samples.recorded.length > 0 ? figures(samples.recorded) : undefined;
    return {
      mode,
      connections,
      seconds,
      logging: mode.startsWith('server/app.ts'),
      evaluate,
      ...(sameWork ? { sameWork } : {}),
      ...(recorded ? { recorded } : {}),
      constant,
    };
  } finally {
    child.kill();
  }
}

function figures(runs: ReadonlyArray<{ r: autocannon.Result; cpu: number }>): HttpFigures {
  const requests = runs.reduce((n, { r }) => n + r.requests.total, 0);
  return {
    perSecond: mean(runs.map(({ r }) => r.requests.mean)),
    serverCpuMicros: runs.reduce((n, { cpu }) => n + cpu, 0) / Math.max(1, requests),
    p50: median(runs.map(({ r }) => r.latency.p50)),
    p99: median(runs.map(({ r }) => r.latency.p99)),
    errors: runs.reduce((n, { r }) => n + r.errors, 0),
    non2xx: runs.reduce((n, { r }) => n + r.non2xx, 0),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function ready(stream: NodeJS.ReadableStream): Promise<{ port: number; recordedPort: number; mode: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the benchmark server did not start in 30 s')), 30_000);
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /READY (\d+) (\d+) (.*)\n/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), recordedPort: Number(m[2]), mode: m[3] as string });
      }
    });
    stream.on('end', () => reject(new Error(`the benchmark server exited: ${text}`)));
  });
}
