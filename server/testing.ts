/** Helpers for the server's tests: an app over the test standards, requests, polling. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { RecordsService } from '../records/service.ts';
import { openSqliteStore } from '../records/sqlite.ts';
import { checkResponse } from '../tests/contracts/responses.ts';
import { createApp } from './app.ts';
import type { AppEnv } from './context.ts';
import { StandardsHolder } from './holder.ts';
import { memoryLogger } from './log.ts';
import { defaults, type ServerOptions } from './options.ts';

/** A standards directory for tests: approval.work-order 1.0.0 and 1.1.0, routing.job 1.0.0 and a 2.0.0 draft. */
export const testdataDir = fileURLToPath(new URL('./testdata', import.meta.url));

/** Recording off: the suites that test records open a store of their own (`recordingApp`). */
export const NO_RECORDS = { enabled: false, dataDir: '' } as const;

/** Options with the defaults, over a directory. */
export function testOptions(dir = testdataDir, overrides: Partial<ServerOptions> = {}): ServerOptions {
  // The server suites edit approved test documents freely, so the lock is off unless a test turns it on.
  return { dir, ...defaults, tokens: [], grants: [], lock: false, records: NO_RECORDS, ...overrides };
}

/**
 * An app over a directory, with its logger and holder. Its `request` checks every response
 * against the OpenAPI document (tests/contracts/responses.ts): a test fails on any answer the
 * description does not declare.
 */
export function testApp(overrides: Partial<ServerOptions> = {}, dir = testdataDir) {
  const logger = memoryLogger();
  const options = testOptions(dir, overrides);
  const holder = StandardsHolder.load(dir, { lock: options.lock });
  return { app: checkedResponses(createApp({ holder, options, logger })), logger, holder, options };
}

/** The app with `request` wrapped: each response is checked against the OpenAPI document. */
export function checkedResponses<A extends Hono<AppEnv>>(app: A): A {
  const request: A['request'] = async (input, init, ...rest) => {
    const res = await app.request(input, init, ...rest);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    await checkResponse(method.toUpperCase(), url, res);
    return res;
  };
  return new Proxy(app, { get: (target, key) => (key === 'request' ? request : Reflect.get(target, key)) });
}

/** A writable copy of the test standards; `remove()` deletes it. */
export function copyTestdata(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'norma-server-'));
  cpSync(testdataDir, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A JSON POST request's init. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The expected route under routing.job 1.0.0. */
export function routeOf(f: { amount: number; recall: boolean; fuel: 'petrol' | 'ev' }): string {
  if (f.recall) return 'recall-desk';
  if (f.amount > 10000) return 'manager';
  if (f.fuel === 'ev' && f.amount > 1000) return 'hv-bay';
  if (f.amount > 100) return 'workshop';
  return 'standard';
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const ends = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > ends) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A parsed JSON body, loosely typed: the tests assert on its shape, so a wrong guess fails a test. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions check the shape; static types would only repeat them
export type Loose = any;

/** The body of a response as JSON. */
export async function json(res: Response): Promise<Loose> {
  return res.json();
}

/**
 * An app that records decisions in a SQLite store of its own (a temporary data directory);
 * `close()` closes the store and removes the directory.
 */
export async function recordingApp(overrides: Partial<ServerOptions> = {}, dir = testdataDir) {
  const dataDir = mkdtempSync(join(tmpdir(), 'norma-records-'));
  const store = await openSqliteStore(dataDir);
  const records = new RecordsService(store);
  const logger = memoryLogger();
  const options = testOptions(dir, { records: { enabled: true, dataDir }, ...overrides });
  const holder = StandardsHolder.load(dir, { lock: options.lock });
  const app = checkedResponses(createApp({ holder, options, logger, records }));
  return {
    app,
    holder,
    records,
    store,
    dataDir,
    async close() {
      await store.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
