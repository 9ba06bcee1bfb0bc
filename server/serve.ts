import { existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { NormaError, VerifiedDocuments } from '../engine/index.ts';
import { openStore } from '../records/open.ts';
import { RecordsService } from '../records/service.ts';
import { createApp } from './app.ts';
import { accessControlled } from './auth.ts';
import { guardedServerFactory, timeoutOptions } from './connections.ts';
import type { AppEnv } from './context.ts';
import { failingFiles, StandardsHolder } from './holder.ts';
import type { Logger } from './log.ts';
import { ConfigError, type ServerOptions } from './options.ts';
import { type StandardsWatcher, type WatchOptions, watchStandards } from './reload.ts';

export interface StartInput {
  options: ServerOptions;
  logger: Logger;
  /** 0 takes a free port (tests). */
  port: number;
  hostname?: string;
  /** Watch the standards directory and reload on change (default: on). */
  watch?: boolean | WatchOptions;
  /** How long shutdown waits for requests in flight before cutting connections. */
  graceMs?: number;
}

/** A listening server and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  holder: StandardsHolder;
  app: Hono<AppEnv>;
  /** Stops accepting connections, lets requests in flight finish, closes the watcher. */
  close(): Promise<void>;
}

/** Loads the standards, starts the HTTP server and the watcher; fails fast on a missing directory. */
export async function startServer(input: StartInput): Promise<RunningServer> {
  const { options, logger } = input;
  if (!existsSync(options.dir) || !statSync(options.dir).isDirectory()) {
    throw new ConfigError(`the standards directory \`${options.dir}\` does not exist`);
  }
  // Running the build: documents it checked clean before skip the checks that say the same again.
  const verified = options.verified === false ? undefined : VerifiedDocuments.open(options.verified);
  const holder = StandardsHolder.load(options.dir, { lock: options.lock, ...(verified ? { verified } : {}) });
  const records = options.records.enabled ? new RecordsService(await storeOf(options)) : undefined;
  const app = createApp({ holder, options, logger, ...(records ? { records } : {}) });
  let server: Server;
  try {
    server = await listen(app, input, logger);
  } catch (e) {
    await records?.store.close();
    throw e;
  }
  const watcher: StandardsWatcher | undefined =
    input.watch === false
      ? undefined
      : watchStandards(holder, logger, input.watch === true || input.watch === undefined ? {} : input.watch);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${input.hostname ?? 'localhost'}:${port}`;
  announce(logger, holder, options, url);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      watcher?.close();
      const force = setTimeout(() => server.closeAllConnections(), input.graceMs ?? 10_000);
      // A keep-alive connection goes idle once its last response is sent: close it then, not
      // after the keep-alive timeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.close(() => {
        clearTimeout(force);
        clearInterval(sweep);
        // Every acknowledged decision is committed before its answer; closing waits for the rest.
        void (records?.store.close() ?? Promise.resolve())
          .catch((e: unknown) => logger.log('error', 'records store did not close', { error: String(e) }))
          .finally(() => {
            logger.log('info', 'stopped');
            resolve();
          });
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url, port, holder, app, close };
}

function listen(app: Hono<AppEnv>, input: StartInput, logger: Logger): Promise<Server> {
  const limits = input.options.connections;
  return new Promise((resolve, reject) => {
    const options = {
      fetch: app.fetch,
      port: input.port,
      ...(input.hostname ? { hostname: input.hostname } : {}),
      serverOptions: timeoutOptions(limits),
      createServer: guardedServerFactory(limits, logger),
    };
    const server = serve(options, () => resolve(server as Server)) as Server;
    server.once('error', reject);
  });
}

function announce(logger: Logger, holder: StandardsHolder, options: ServerOptions, url: string): void {
  const index = holder.index;
  const failing = failingFiles(index);
  logger.log('info', 'listening', {
    url,
    dir: index.dir,
    standards: index.documents.size,
    files: index.files.size,
    ...(index.options.verified ? { checkedBefore: index.options.verified.hits } : {}),
    failing: failing.map((f) => f.file),
    access: accessControlled(options) ? 'bearer token' : 'open',
    records: recordsAnnounced(options),
    bodyLimit: options.bodyLimit,
    batchMax: options.batchMax,
    timeoutMs: options.timeoutMs,
    connections: options.connections,
  });
  if (!accessControlled(options)) {
    logger.log(
      'warn',
      'neither NORMA_TOKENS nor NORMA_TOKENS_FILE is set: the /v1/ routes are open to anyone who can reach this port (but for purge)',
    );
  }
  if (!options.lock) {
    logger.log(
      'warn',
      'NORMA_LOCK=off: approved versions are served without checking norma.lock; never in production',
    );
  }
  if (index.documents.size === 0) {
    logger.log('warn', 'no standard loaded: /readyz answers 503 until a document loads', { dir: index.dir });
  }
  for (const f of failing) {
    logger.log('warn', 'file does not load', { file: f.file, diagnostics: f.diagnostics.slice(0, 20) });
  }
}

/** Where decisions are recorded, for the start-up log line (never the database password). */
function recordsAnnounced(options: ServerOptions): string {
  const r = options.records;
  if (!r.enabled) return 'off (NORMA_RECORDS=off)';
  if (r.databaseUrl) {
    const url = new URL(r.databaseUrl);
    return `postgresql ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  }
  return `sqlite ${r.dataDir}`;
}

/** The records store, or a ConfigError saying what to fix (an unwritable directory, a database that does not answer). */
async function storeOf(options: ServerOptions) {
  try {
    return await openStore(options.records);
  } catch (e) {
    if (!(e instanceof NormaError)) throw e;
    const hint = e.details.find((d) => d.hint)?.hint;
    throw new ConfigError(`${e.code}: ${e.message}${hint ? ` (${hint})` : ''}`);
  }
}
