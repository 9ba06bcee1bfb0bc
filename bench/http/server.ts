/**
 * The server side of the HTTP benchmark, run in its own process so the load generator does not
 * share its event loop: norma's real app (server/app.ts) over a standards directory, plus one
 * constant-response route behind the same middleware. Prints `READY <port> <mode>` when listening.
 *
 * If the real app cannot be loaded, a minimal Hono app calls `evaluateStandard` (the same engine
 * path) instead, and the mode says so.
 */

import { openSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { evaluateStandard, loadStandards, NormaError } from '../../engine/index.ts';
import { acceptBody, mediaTypes, readJson } from '../../server/body.ts';
import { bufferedLines, jsonLogger } from '../../server/log.ts';
import { sameWorkRoute } from './same-work.ts';

const dir = process.argv[2] as string;
const sample = JSON.parse(process.argv[3] as string) as { id: string; body: unknown };

type Handler = (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) => Response;

interface BenchApp {
  fetch: (request: Request) => Response | Promise<Response>;
  post: (path: string, handler: Handler) => unknown;
  get: (path: string, handler: Handler) => unknown;
}

async function realApp(): Promise<BenchApp> {
  const [{ createApp }, { StandardsHolder }, { optionsFromEnv }] = await Promise.all([
    import('../../server/app.ts'),
    import('../../server/holder.ts'),
    import('../../server/options.ts'),
  ]);
  // A generated benchmark directory has no lock: it is a development directory.
  const holder = StandardsHolder.load(dir, { lock: false });
  const options = optionsFromEnv({}, { dir, lock: false });
  const app = createApp({ holder, options, logger: productionLog() });
  // The hand-written route doing the same work, behind the same middleware and body checks.
  const index = holder.index;
  const doc = index.documents.get(sample.id)?.[0];
  if (doc) {
    const standard = { id: doc.id, version: doc.version, digest: doc.digest };
    app.post(
      '/bench/same-work',
      acceptBody(mediaTypes.json, options.bodyLimit),
      sameWorkRoute(readJson, standard),
    );
  }
  recorded = await recordingApp(createApp, holder, options);
  return app as unknown as BenchApp;
}

/** The same app with decision records on, in SQLite under the benchmark directory. */
async function recordingApp(
  createApp: typeof import('../../server/app.ts').createApp,
  holder: Parameters<typeof createApp>[0]['holder'],
  options: Parameters<typeof createApp>[0]['options'],
): Promise<BenchApp | undefined> {
  const [{ openStore }, { RecordsService }] = await Promise.all([
    import('../../records/open.ts'),
    import('../../records/service.ts'),
  ]);
  const records = new RecordsService(await openStore({ dataDir: join(dir, 'data') }));
  return createApp({ holder, options, logger: productionLog(), records }) as unknown as BenchApp;
}

/**
 * The production request log (server/log.ts: JSON lines, buffered by tick), into a file as a
 * service's standard output would be; one line per request, as in production.
 */
function productionLog() {
  const fd = openSync(join(dir, 'requests.log'), 'a');
  return jsonLogger(bufferedLines((text) => writeSync(fd, text)).write);
}

function minimalApp(): BenchApp {
  const index = loadStandards(dir, undefined, { lock: false });
  const app = new Hono();
  app.post('/v1/standards/:id/evaluate', async (c) => {
    try {
      return c.json(await evaluateStandard(index, c.req.param('id'), await c.req.json()));
    } catch (e) {
      if (e instanceof NormaError) return c.json(e.toJSON(), 422);
      throw e;
    }
  });
  return app as unknown as BenchApp;
}

let mode = 'server/app.ts';
let app: BenchApp;
let recorded: BenchApp | undefined;
try {
  app = await realApp();
} catch (e) {
  mode = `minimal Hono app (server/app.ts did not load: ${(e as Error).message.split('\n')[0]})`;
  app = minimalApp();
}

// The constant route answers with a real envelope of the same size, computed once (the route is
// added first: Hono builds its matcher on the first request).
let constant = '';
app.post('/bench/constant', (c) => c.body(constant, 200, { 'content-type': 'application/json' }));
// The server's own CPU time, so the load generator can tell what each request cost the server.
app.get('/bench/cpu', (c) =>
  c.body(JSON.stringify(process.cpuUsage()), 200, { 'content-type': 'application/json' }),
);
const response = await app.fetch(
  new Request(`http://bench/v1/standards/${sample.id}/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sample.body),
  }),
);
constant = await response.text();
if (response.status !== 200) throw new Error(`the sample evaluation failed: ${response.status} ${constant}`);

/** Listens on a free loopback port. */
function listen(fetch: BenchApp['fetch']): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

const port = await listen(app.fetch);
// The records-on app serves the same evaluate route on a port of its own (0: not running).
const recordedPort = recorded ? await listen(recorded.fetch) : 0;
process.stdout.write(`READY ${port} ${recordedPort} ${mode}\n`);
