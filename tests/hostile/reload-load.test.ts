/**
 * Hot reload under load: 50 keep-alive connections evaluate while the standards directory is
 * edited every 200 ms in every way an editor, a script or git does it (in place, atomic saves,
 * broken edits, files added and deleted, a branch switch). Every answer must be 2xx and come from
 * one version of the document: each version of it gives its own marker, so an answer whose digest
 * and marker belong to different versions would show a mixed index.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileDocument } from '../../engine/index.ts';
import { memoryLogger } from '../../server/log.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { eventually, postJson, testOptions } from '../../server/testing.ts';

const DURATION_MS = 6000;
const EDIT_EVERY_MS = 200;
const CONNECTIONS = 50;
const DOC = 'rules/load.route/1.0.0.yaml';
const EXTRA = 'rules/load.route/2.0.0.yaml';

/** A draft whose one rule answers `marker`: every text written gets its own marker. */
const documentWith = (marker: string, version = '1.0.0') =>
  [
    'kind: ruleset',
    'id: load.route',
    `version: ${version}`,
    'status: draft',
    `title: load ${marker}`,
    ...(version === '1.0.0' ? [] : ['change: a second version appears and goes']),
    'facts:',
    '  n: { type: number }',
    'hit: first',
    'outputs:',
    '  marker: { type: string }',
    'rules:',
    '  - id: always',
    `    then: { marker: "${marker}" }`,
    '',
  ].join('\n');

/** digest → marker of every text of 1.0.0 ever written: what each answer must agree with. */
const markerOf = new Map<string, string>();

function remember(text: string): string {
  const compiled = compileDocument(text, DOC, { id: 'load.route', version: '1.0.0', folder: 'rules' });
  if (!compiled.document)
    throw new Error(`fixture does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  markerOf.set(compiled.document.digest, /marker: "(.+)"/.exec(text)?.[1] ?? '');
  return text;
}

let dir: string;
let server: RunningServer;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: dir,
    stdio: 'pipe',
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'norma-load-'));
  mkdirSync(join(dir, 'rules/load.route'), { recursive: true });
  writeFileSync(join(dir, DOC), remember(documentWith('branch-main')));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'main');
  git('checkout', '-qb', 'other');
  writeFileSync(join(dir, DOC), remember(documentWith('branch-other')));
  git('commit', '-qam', 'other');
  git('checkout', '-q', 'main');
  server = await startServer({
    options: testOptions(dir),
    logger: memoryLogger(),
    port: 0,
    hostname: '127.0.0.1',
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One edit of the directory per call, cycling through every kind of change. */
function editor(): () => void {
  let step = 0;
  let branch = 'main';
  const path = join(dir, DOC);
  const edits: Array<(n: number) => void> = [
    (n) => writeFileSync(path, remember(documentWith(`in-place-${n}`))),
    (n) => {
      writeFileSync(`${path}.swp`, remember(documentWith(`atomic-${n}`)));
      renameSync(`${path}.swp`, path);
    },
    () => writeFileSync(path, 'kind: ruleset\nid: [broken\n'),
    () => {
      branch = branch === 'main' ? 'other' : 'main';
      git('checkout', '-qf', branch);
    },
    () => writeFileSync(join(dir, EXTRA), documentWith('extra', '2.0.0')),
    () => rmSync(join(dir, EXTRA), { force: true }),
  ];
  return () => {
    edits[step % edits.length]?.(step);
    step++;
  };
}

interface Answer {
  status: number;
  body: string;
}

function post(agent: Agent, path: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

it(`answers every request 2xx from one version while the directory changes every ${EDIT_EVERY_MS} ms`, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const edit = editor();
  const edits = setInterval(edit, EDIT_EVERY_MS);
  const ends = Date.now() + DURATION_MS;
  const failures: string[] = [];
  const markers = new Set<string>();
  let answers = 0;
  const body = JSON.stringify({ facts: { n: 1 }, version: '1.0.0' });
  const client = async () => {
    while (Date.now() < ends && failures.length < 10) {
      const res = await post(agent, '/v1/standards/load.route/evaluate', body);
      answers++;
      if (res.status < 200 || res.status > 299) {
        failures.push(`status ${res.status}: ${res.body.slice(0, 300)}`);
        continue;
      }
      const envelope = JSON.parse(res.body) as {
        standard: { version: string; digest: string };
        result: { outputs: { marker: string } };
      };
      const marker = envelope.result.outputs.marker;
      markers.add(marker);
      const expected = markerOf.get(envelope.standard.digest);
      if (envelope.standard.version !== '1.0.0' || expected !== marker) {
        failures.push(`digest ${envelope.standard.digest} is ${expected ?? 'unknown'}, answered ${marker}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, client));
  } finally {
    clearInterval(edits);
    agent.destroy();
  }
  expect(failures).toEqual([]);
  expect(answers).toBeGreaterThan(CONNECTIONS);
  // The edits were seen while serving (how many depends on the machine's load).
  expect(markers.size).toBeGreaterThan(2);

  // And nothing went stale: after all of that, a branch switch, an atomic save and then an edit in
  // place are each served.
  const served = (marker: string) => async () => {
    const res = await fetch(`${server.url}/v1/standards/load.route/evaluate`, postJson(JSON.parse(body)));
    const answer = (await res.json()) as { result: { outputs: { marker: string } } };
    return answer.result.outputs.marker === marker ? true : undefined;
  };
  git('checkout', '-qf', 'other');
  await eventually('the final branch switch', served('branch-other'));
  writeFileSync(`${join(dir, DOC)}.swp`, documentWith('final-atomic'));
  renameSync(`${join(dir, DOC)}.swp`, join(dir, DOC));
  await eventually('the final atomic save', served('final-atomic'));
  writeFileSync(join(dir, DOC), documentWith('final-in-place'));
  await eventually('the final edit in place', served('final-in-place'));
}, 60_000);
