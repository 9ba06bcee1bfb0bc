/**
 * The real server on an ephemeral port: statuses over HTTP, concurrent evaluations (explain runs
 * json-rules-engine), hot reload of good and broken edits while requests run, tokens, graceful
 * shutdown and the OpenAPI description.
 */

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from './log.ts';
import { type RunningServer, startServer } from './serve.ts';
import { copyTestdata, eventually, json, routeOf, testdataDir, testOptions } from './testing.ts';

const APPROVAL = 'rules/approval.work-order/1.1.0.yaml';
let copy: ReturnType<typeof copyTestdata>;
let server: RunningServer;
const logger = memoryLogger();

beforeAll(async () => {
  copy = copyTestdata();
  server = await startServer({
    options: testOptions(copy.dir, { bodyLimit: 4096 }),
    logger,
    port: 0,
    hostname: '127.0.0.1',
    watch: { debounceMs: 30 },
  });
});

afterAll(async () => {
  await server?.close();
  copy?.remove();
});

const url = (path: string) => `${server.url}${path}`;
const post = (path: string, body: string, type = 'application/json') =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': type }, body });
const evaluate = (body: unknown, id = 'approval.work-order') =>
  post(`/v1/standards/${id}/evaluate`, JSON.stringify(body));
/** A value deep in a parsed body (`result.outputs.approver`), unknown until asserted on. */
const pick = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
const codeOf = async (res: Response) => ((await json(res)) as { error: { code: string } }).error.code;

/** Sends a body in chunks without Content-Length, as a streaming client would. */
function chunked(path: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/** Sends a raw request: the headers first, then the body in `parts`, each after `gapMs`. */
function slowly(
  path: string,
  headers: Record<string, string | number>,
  parts: Array<string | Buffer>,
  gapMs = 30,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url(path), { method: 'POST', headers });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    // Without a gap, headers and body go out together, as a small request usually arrives.
    if (gapMs === 0) return void req.end(Buffer.concat(parts.map((p) => Buffer.from(p))));
    req.flushHeaders();
    const send = (i: number) => {
      if (i === parts.length) return void req.end();
      req.write(parts[i]);
      setTimeout(() => send(i + 1), gapMs);
    };
    setTimeout(() => send(0), gapMs);
  });
}

describe('the real server', () => {
  it('answers each documented status over HTTP', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect((await fetch(url('/readyz'))).status).toBe(200);
    expect((await fetch(url('/v1/standards'))).status).toBe(200);
    const ok = await evaluate({ facts: { estimateTotal: 9000, payType: 'customer' }, at: '2026-03-01' });
    expect(ok.status).toBe(200);
    const bad = await post('/v1/standards/approval.work-order/evaluate', '{"facts": {');
    expect([bad.status, await codeOf(bad)]).toEqual([400, 'body_malformed']);
    const unknown = await fetch(url('/v1/standards/nope'));
    expect([unknown.status, await codeOf(unknown)]).toEqual([404, 'standard_unknown']);
    const big = await evaluate({ facts: { note: 'x'.repeat(5000) } });
    expect([big.status, await codeOf(big)]).toEqual([413, 'body_too_large']);
    const type = await post('/v1/standards/approval.work-order/evaluate', '{}', 'text/plain');
    expect([type.status, await codeOf(type)]).toEqual([415, 'content_type_unsupported']);
    const invalid = await evaluate({ facts: { estimateTotal: 'many' } });
    expect([invalid.status, await codeOf(invalid)]).toEqual([422, 'facts_invalid']);
    const yaml = await post('/v1/validate', 'kind: ruleset\n', 'application/yaml');
    expect(yaml.status).toBe(422);
  });

  it('stops reading a streamed body at the limit (413 without Content-Length)', async () => {
    const res = await chunked('/v1/standards/approval.work-order/evaluate', [
      '{"facts": {"note": "',
      ...Array.from({ length: 10 }, () => 'y'.repeat(1000)),
      '"}}',
    ]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('body_too_large');
    const small = await chunked('/v1/standards/approval.work-order/evaluate', [
      '{"facts": {"estimateTotal": 1,',
      ' "payType": "customer"}}',
    ]);
    expect(small.status).toBe(200);
  });

  it('reads a body with Content-Length that arrives after the headers, in pieces', async () => {
    const text = JSON.stringify({ facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' });
    const res = await slowly(
      '/v1/standards/approval.work-order/evaluate',
      { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      [text.slice(0, 10), text.slice(10, 30), text.slice(30)],
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.outputs.approver).toBe('general-manager');
  });

  it('reads a body sent with its headers, dropping a byte-order mark as Request.text() does', async () => {
    const text = JSON.stringify({ facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' });
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const res = await slowly(
      '/v1/standards/approval.work-order/evaluate',
      { 'content-type': 'application/json', 'content-length': body.length },
      [body],
      0,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.outputs.approver).toBe('general-manager');
  });

  it('takes a declared Content-Length up to the limit and answers 413 one byte over, before reading', async () => {
    // The server's limit is 4096 bytes: a body of exactly that size is read (and found invalid).
    const padded = (size: number) => {
      const head = '{"facts": {"note": "';
      return `${head}${'x'.repeat(size - head.length - 3)}"}}`;
    };
    const atLimit = await post('/v1/standards/approval.work-order/evaluate', padded(4096));
    expect([atLimit.status, await codeOf(atLimit)]).toEqual([422, 'facts_invalid']);
    const over = await post('/v1/standards/approval.work-order/evaluate', padded(4097));
    expect([over.status, await codeOf(over)]).toEqual([413, 'body_too_large']);
    // Declared but never sent: the answer cannot wait for the body.
    const declared = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url('/v1/standards/approval.work-order/evaluate'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 1_000_000 },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(declared).toBe(413);
  });

  it("answers every status with the caller's sane X-Request-Id, and logs the request under it", async () => {
    const send = (path: string, body: string, id: string, type = 'application/json') =>
      fetch(url(path), { method: 'POST', headers: { 'content-type': type, 'x-request-id': id }, body });
    const path = '/v1/standards/approval.work-order/evaluate';
    const answers = [
      await send(path, JSON.stringify({ facts: { estimateTotal: 1, payType: 'customer' } }), 'ok-1'),
      await send(path, '{"facts": {', 'malformed-2'),
      await send(path, JSON.stringify({ facts: { note: 'x'.repeat(5000) } }), 'large-3'),
      await send(path, '{}', 'type-4', 'text/plain'),
      await send('/v1/nowhere', '{}', 'unknown-5'),
    ];
    expect(answers.map((r) => [r.status, r.headers.get('x-request-id')])).toEqual([
      [200, 'ok-1'],
      [400, 'malformed-2'],
      [413, 'large-3'],
      [415, 'type-4'],
      [404, 'unknown-5'],
    ]);
    for (const id of ['ok-1', 'malformed-2', 'large-3', 'type-4', 'unknown-5']) {
      expect(logger.records.filter((r) => r.msg === 'request' && r.requestId === id)).toHaveLength(1);
    }
    const fresh = await send(path, '{}', 'not sane!');
    expect(fresh.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answers concurrent evaluations correctly, with and without explain', async () => {
    const inputs = Array.from({ length: 120 }, (_, i) => ({
      amount: (i * 977) % 15000,
      recall: i % 7 === 0,
      fuel: i % 2 === 0 ? ('ev' as const) : ('petrol' as const),
    }));
    const answers = await Promise.all(
      inputs.map(async (facts, i) => {
        const res = await evaluate({ facts, at: '2026-03-01', explain: i % 3 !== 0 }, 'routing.job');
        return {
          facts,
          explain: i % 3 !== 0,
          status: res.status,
          body: (await json(res)) as {
            result: { outputs: { route: string } };
            matched: { rule: string }[];
            explain?: { id: string; applied: boolean }[];
          },
        };
      }),
    );
    for (const { facts, explain, status, body } of answers) {
      expect(status).toBe(200);
      expect(body.result.outputs.route, JSON.stringify(facts)).toBe(routeOf(facts));
      if (explain) {
        const applied = (body.explain ?? []).filter((e) => e.applied).map((e) => e.id);
        expect(applied).toEqual(body.matched.map((m) => m.rule));
        expect(body.explain).toHaveLength(4);
      } else {
        expect(body.explain).toBeUndefined();
      }
    }
  });

  it('reloads good and broken edits, added and removed files, while requests keep succeeding', async () => {
    const original = readFileSync(join(copy.dir, APPROVAL), 'utf8');
    const failures: string[] = [];
    let served = 0;
    let running = true;
    // Requests in a loop for the whole test: none may fail, whatever the reload is doing.
    const load = Array.from({ length: 3 }, async () => {
      while (running) {
        const res = await evaluate({
          facts: { estimateTotal: 25000, payType: 'customer' },
          at: '2026-03-01',
        });
        const body: unknown = await json(res);
        served++;
        const approver = String(pick(body, 'result.outputs.approver'));
        if (res.status !== 200 || !['general-manager', 'service-manager'].includes(approver)) {
          failures.push(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        }
      }
    });
    const approverAt25000 = async () => {
      const res = await evaluate({ facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' });
      return pick(await json(res), 'result.outputs.approver');
    };
    const readiness = async () => (await json(await fetch(url('/readyz')))) as { failing: unknown[] };
    try {
      expect(await approverAt25000()).toBe('general-manager');

      // A good edit: the general manager's threshold moves to 30000.
      writeFileSync(join(copy.dir, APPROVAL), original.replaceAll('20000', '30000'));
      await eventually('the good edit to serve', async () =>
        (await approverAt25000()) === 'service-manager' ? true : undefined,
      );
      const edited = (await json(await fetch(url('/v1/standards/approval.work-order')))) as {
        versions: { digest: string }[];
      };

      // A broken edit: reported in /readyz, while the last good version keeps answering.
      writeFileSync(join(copy.dir, APPROVAL), 'kind: ruleset\nid: approval.work-order\nversion: [1.1.0\n');
      const broken = await eventually('the broken edit to be reported', async () => {
        const r = await readiness();
        return r.failing.length === 1 ? r.failing[0] : undefined;
      });
      expect(broken).toMatchObject({
        file: APPROVAL,
        serving: { version: '1.1.0', digest: edited.versions[1]?.digest },
        diagnostics: [expect.objectContaining({ code: 'yaml_syntax' })],
      });
      expect(await approverAt25000()).toBe('service-manager');

      // A new file appears, then goes.
      const added = 'rules/approval.work-order/1.2.0.yaml';
      writeFileSync(
        join(copy.dir, added),
        original
          .replace('version: 1.1.0', 'version: 1.2.0')
          .replace('effective: 2026-01-01', 'effective: 2026-02-01'),
      );
      await eventually('the new version to be listed', async () => {
        const list: unknown = await json(await fetch(url('/v1/standards?at=2026-03-01')));
        return pick(list, 'standards.0.current') === '1.2.0' ? true : undefined;
      });
      expect(await approverAt25000()).toBe('general-manager');
      rmSync(join(copy.dir, added));
      await eventually('the removed version to go', async () => {
        const res = await fetch(url('/v1/standards/approval.work-order/versions/1.2.0'));
        return res.status === 404 ? true : undefined;
      });

      // Fixing the file clears the report.
      writeFileSync(join(copy.dir, APPROVAL), original);
      await eventually('the fix to load', async () =>
        (await readiness()).failing.length === 0 ? true : undefined,
      );
      expect(await approverAt25000()).toBe('general-manager');
    } finally {
      running = false;
      await Promise.all(load);
    }
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(10);
    expect(logger.records.some((r) => r.msg === 'broken edit; the last good version keeps serving')).toBe(
      true,
    );
  });

  it('serves an OpenAPI description that passes the validator', async () => {
    const res = await fetch(url('/openapi.json'));
    expect(res.status).toBe(200);
    expect((await new Validator().validate(await json(res))).valid).toBe(true);
  });
});

describe('a server with tokens', () => {
  it('needs a bearer token on /v1/ and nowhere else', async () => {
    const guarded = await startServer({
      options: testOptions(testdataDir, { tokens: ['s3cret'] }),
      logger: memoryLogger(),
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
    });
    try {
      const list = (auth?: string) =>
        fetch(`${guarded.url}/v1/standards`, auth ? { headers: { authorization: auth } } : {});
      expect((await list()).status).toBe(401);
      expect((await list('Bearer wrong')).status).toBe(403);
      expect((await list('Bearer s3cret')).status).toBe(200);
      expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('shutdown', () => {
  it('refuses new connections and lets a request in flight finish', async () => {
    const log = memoryLogger();
    const s = await startServer({
      options: testOptions(),
      logger: log,
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
    });
    const body = JSON.stringify({ facts: { estimateTotal: 9000, payType: 'customer' }, at: '2026-03-01' });
    // Half a body is sent: the request is in flight when the server is asked to stop.
    const req = httpRequest(`${s.url}/v1/standards/approval.work-order/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 50));
    const closed = s.close();
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    req.end(body.slice(10));
    const res = await response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.outputs.approver).toBe('service-manager');
    await closed;
    expect(log.records.at(-1)?.msg).toBe('stopped');
  });
});
