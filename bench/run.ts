/**
 * `npm run bench`: norma's evaluators against hand-written JavaScript baselines, plain
 * json-rules-engine and @gorules/zen-engine on the same logic, per kind; memory per compiled
 * document; loading many documents; scaling; HTTP on loopback. Writes its results to bench/out/
 * (ignored by git; `--save` writes bench/results/ instead, for the docs), prints every target with
 * this run's figure and whether it is met, and the ratio line last.
 *
 * Times are CPU time of this process (see harness.ts), medians of several passes after warm-up.
 * Quick run for development: `BENCH_QUICK=1 npm run bench` (shorter HTTP runs, fewer documents).
 * One part only: `npm run bench -- --only=ruleset` (ruleset, kinds, loading, scaling, http).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type CompiledDocument,
  compileDocument,
  evaluateFast,
  evaluateReferencePath,
} from '../engine/index.ts';
import {
  type Contender,
  collect,
  measureAsync,
  measureEach,
  median,
  retainedBytes,
  type Speed,
} from './harness.ts';
import { type HttpResult, httpBenchmark } from './http/load.ts';
import { type LoadingResult, loadingBenchmark } from './loading.ts';
import { type RecordsRate, recordsBenchmark } from './records.ts';
import { markdown } from './report.ts';
import { type ScalingResult, scalingBenchmark } from './scaling.ts';
import { type StartupResult, startupBenchmark } from './startup.ts';
import { jreEngine, runJre } from './workloads/jre.ts';
import { kindWorkloads, SAME_WORK } from './workloads/kinds.ts';
import { processWorkload } from './workloads/process.ts';
import {
  AT,
  type Decision,
  handwritten,
  handwrittenSameWork,
  nthRuleset,
  rules,
  rulesetYaml,
  workOrders,
} from './workloads/ruleset.ts';
import { runZen, zenDecision } from './workloads/zen.ts';

/** One workload's figures: each evaluator's speed, and what a compiled document keeps in memory. */
export interface WorkloadResult {
  name: string;
  description: string;
  inputs: number;
  speeds: Record<string, Speed>;
  /** Bytes kept per compiled document (norma) and per built Engine (json-rules-engine). */
  memory: Record<string, number | undefined>;
  /** Inputs on which the baselines disagreed with norma (must be 0 for the comparison to hold). */
  mismatches: Record<string, number>;
  /**
   * Milliseconds of the first evaluation of a freshly compiled document (it compiles the input
   * validator): when no document had its input schema before, and when one had.
   */
  firstEvaluationMs?: { newSchema: number; sharedSchema: number };
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  workloads: WorkloadResult[];
  loading?: LoadingResult;
  scaling?: ScalingResult;
  http?: HttpResult | { error: string };
  startup?: StartupResult | { error: string };
  /** Records per second of each store, with group commit. */
  records?: RecordsRate[];
  ratios: Ratios;
  targets: Target[];
}

/** The figures of the final line, each a ratio (or size) measured in this run; undefined when not run. */
export interface Ratios {
  'norma/handwritten'?: number | undefined;
  'ruleset/same-work'?: number | undefined;
  'checklist/same-work'?: number | undefined;
  'fees/same-work'?: number | undefined;
  'http/same-work-route'?: number | undefined;
  'http/constant-route'?: number | undefined;
  'records/no-records'?: number | undefined;
  'norma/json-rules-engine'?: number | undefined;
  'norma/zen'?: number | undefined;
  'kb/document'?: number | undefined;
}

export interface Target {
  target: string;
  value: string;
  /** Undefined when the figure was not measured in this run. */
  met: boolean | undefined;
  /** A figure printed for reference, with no target to meet. */
  info?: boolean;
}

const quick = process.env.BENCH_QUICK === '1';
const save = process.argv.includes('--save');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part: string) => only === undefined || only.includes(part);

/** A document compiled as served documents are: conditions as generated code, unless `closures`. */
function compiled(
  text: string,
  file: string,
  code: 'generated' | 'closures' = 'generated',
): CompiledDocument {
  const result = compileDocument(text, file, undefined, { code });
  if (!result.document)
    throw new Error(`${file} does not compile: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  return result.document;
}

function sameDecision(envelope: { result: unknown; matched: Array<{ rule: string }> }, d: Decision): boolean {
  const out = (envelope.result as { outputs: { action: string[]; feePct: number } }).outputs;
  return (
    JSON.stringify(out.action) === JSON.stringify(d.action) &&
    out.feePct === d.feePct &&
    JSON.stringify(envelope.matched.map((m) => m.rule)) === JSON.stringify(d.matched)
  );
}

let documentsMade = 0;

/** The issue's workload: 30 rules, 60 conditions, 10,000 random work orders. */
async function rulesetWorkload(): Promise<WorkloadResult> {
  const text = rulesetYaml();
  const file = 'rules/bench.work-order/1.0.0.yaml';
  const doc = compiled(text, file);
  const closures = compiled(text, file, 'closures');
  const orders = workOrders(10_000);
  const requests = orders.map((facts) => ({ facts, at: AT }));
  const standard = { id: doc.id, version: doc.version, digest: doc.digest };
  const engine = jreEngine(rules, AT);
  const zen = zenDecision(rules, AT);
  // The baselines must decide exactly as norma does, or the comparison means nothing.
  let handMismatch = 0;
  let sameWorkMismatch = 0;
  let jreMismatch = 0;
  let zenMismatch = 0;
  const byIndex = (d: Decision) => ({ ...d, matched: d.matched.map((k) => rules[Number(k)]?.id as string) });
  for (const [i, q] of requests.entries()) {
    const e = evaluateFast(doc, q);
    if (!sameDecision(e, handwritten(q.facts))) handMismatch++;
    if (JSON.stringify(e) !== JSON.stringify(handwrittenSameWork(q, standard))) sameWorkMismatch++;
    if (!sameDecision(e, byIndex(await runZen(zen, q.facts)))) zenMismatch++;
    if (i < 1000 && !sameDecision(e, byIndex(await runJre(engine, q.facts)))) jreMismatch++;
  }
  const contenders: Contender[] = [
    { name: 'handwritten', fn: (f) => handwritten(f as Record<string, unknown>), inputs: orders },
    {
      name: SAME_WORK,
      fn: (q) => handwrittenSameWork(q as (typeof requests)[number], standard),
      inputs: requests,
    },
    { name: 'norma', fn: (q) => evaluateFast(doc, q as (typeof requests)[number]), inputs: requests },
    {
      name: 'norma (closures, as for validation and drafts)',
      fn: (q) => evaluateFast(closures, q as (typeof requests)[number]),
      inputs: requests,
    },
  ];
  const speeds = measureEach(contenders);
  speeds['json-rules-engine'] = await measureAsync((f) => runJre(engine, f), orders.slice(0, 2000), {
    passes: 3,
    warmup: 1,
  });
  speeds['zen-engine'] = await measureAsync((f) => runZen(zen, f), orders.slice(0, 5000), {
    passes: 3,
    warmup: 1,
  });
  speeds['norma (reference path)'] = await measureAsync(
    (q) => evaluateReferencePath(doc, q),
    requests.slice(0, 500),
    { passes: 3, warmup: 1 },
  );
  const sample = requests[0] as (typeof requests)[number];
  const memory = {
    norma: await retainedBytes(() => {
      // Each document different, as a standard's are (its own id, thresholds and outputs), so
      // that what documents share (keys, operators, fact names, validators) is counted once and
      // what they do not share is counted for each, its source text included.
      const { text: own, file: ownFile } = nthRuleset(++documentsMade);
      const d = compiled(own, ownFile);
      evaluateFast(d, sample); // compiles the input validator, as the first request does
      return d;
    }),
    'json-rules-engine': await retainedBytes(() => jreEngine(rules, AT)),
  };
  return {
    firstEvaluationMs: firstEvaluation(text, file, sample),
    name: 'ruleset',
    description:
      'a 30-rule fee/approval/checklist ruleset (60 conditions, hit: collect) over a work order; norma as served (conditions as generated code)',
    inputs: orders.length,
    speeds,
    memory,
    mismatches: {
      handwritten: handMismatch,
      [SAME_WORK]: sameWorkMismatch,
      'json-rules-engine (first 1,000)': jreMismatch,
      'zen-engine': zenMismatch,
    },
  };
}

/** The mean time of the first evaluation of fresh documents, with a new and with a shared schema. */
function firstEvaluation(
  text: string,
  file: string,
  sample: { facts: Record<string, unknown>; at: string },
): { newSchema: number; sharedSchema: number } {
  const time = (source: string) => {
    const d = compiled(source, file);
    const start = performance.now();
    evaluateFast(d, sample);
    return performance.now() - start;
  };
  const fresh: number[] = [];
  const shared: number[] = [];
  for (let i = 0; i < 5; i++) {
    // A description unique to this run makes an input schema no document had before.
    const unique = text.replace(
      'description: 付款类型 (pay type)',
      `description: pay type ${process.pid}-${i}`,
    );
    if (unique === text) throw new Error('the first-evaluation document did not change');
    fresh.push(time(unique));
    shared.push(time(text));
  }
  return { newSchema: median(fresh), sharedSchema: median(shared) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  if (!collect()) log('note: run with --expose-gc (npm run bench does) to measure memory');
  const documents = quick ? 1000 : 10_000;
  let loading: LoadingResult | undefined;
  if (runs('loading')) {
    log(`loading ${documents.toLocaleString('en')} documents…`);
    loading = loadingBenchmark(documents);
  }
  const workloads: WorkloadResult[] = [];
  if (runs('ruleset')) {
    log('ruleset workload…');
    workloads.push(await rulesetWorkload());
  }
  if (runs('kinds')) {
    log('kind workloads…');
    workloads.push(...(await kindWorkloads()));
  }
  if (runs('process')) {
    log('process workload (a 30-entry case history)…');
    workloads.push(await processWorkload());
  }
  let records: RecordsRate[] | undefined;
  if (runs('records')) {
    log('records per second, per store…');
    records = await recordsBenchmark(64, quick ? 1 : 3);
  }
  let scaling: ScalingResult | undefined;
  if (runs('scaling')) {
    log('scaling…');
    scaling = scalingBenchmark(quick, loading);
  }
  let http: HttpResult | { error: string } | undefined;
  if (runs('http')) {
    log('http…');
    http = await httpRun();
  }
  let startup: StartupResult | { error: string } | undefined;
  if (runs('startup')) {
    log('start-up…');
    startup = await startupBenchmark(quick ? 1 : 3).catch((e: Error) => ({ error: e.message }));
  }
  const ratios = ratiosOf(workloads, http);
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? '',
      node: process.version,
      loadAverage: loadavg(),
    },
    workloads,
    ...(loading ? { loading } : {}),
    ...(scaling ? { scaling } : {}),
    ...(http ? { http } : {}),
    ...(startup ? { startup } : {}),
    ...(records ? { records } : {}),
    ratios,
    targets: targets(workloads, ratios, loading, http, startup),
  };
  // The working tree stays clean: a run writes to the ignored bench/out/ unless asked to save.
  const dir = join(import.meta.dirname, save ? 'results' : 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = markdown(results);
  writeFileSync(join(dir, 'latest.md'), md);
  process.stdout.write(`${md}\n`);
  for (const r of records ?? []) {
    process.stdout.write(
      `records ${r.store}: ${r.perSecond.toLocaleString('en')} records/s (${r.clients} concurrent appenders, group commit)\n`,
    );
  }
  log(`(${((Date.now() - started) / 1000).toFixed(0)} s; results in ${dir})`);
  for (const t of results.targets) {
    const verdict = t.info ? 'no target' : t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT MET';
    process.stdout.write(`target ${t.target}: ${t.value} — ${verdict}\n`);
  }
  process.stdout.write(`${finalLine(ratios)}\n`);
}

const LINE_KEYS: ReadonlyArray<[keyof Ratios, number]> = [
  ['norma/handwritten', 2],
  ['ruleset/same-work', 2],
  ['checklist/same-work', 2],
  ['fees/same-work', 2],
  ['http/same-work-route', 2],
  ['http/constant-route', 2],
  ['records/no-records', 2],
  ['norma/json-rules-engine', 1],
  ['norma/zen', 1],
  ['kb/document', 1],
];

/** The last line scripts read: `key: value` pairs separated by two spaces, `n/a` when not run. */
export function finalLine(ratios: Ratios): string {
  return LINE_KEYS.map(([key, digits]) => {
    const v = ratios[key];
    return `${key}: ${v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits)}`;
  }).join('  ');
}

function perSecond(
  workloads: readonly WorkloadResult[],
  name: string,
  evaluator: string,
): number | undefined {
  return workloads.find((w) => w.name === name)?.speeds[evaluator]?.perSecond;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function ratiosOf(
  workloads: readonly WorkloadResult[],
  http: HttpResult | { error: string } | undefined,
): Ratios {
  const norma = (name: string) => perSecond(workloads, name, 'norma');
  const memory = workloads.find((w) => w.name === 'ruleset')?.memory.norma;
  const h = http && 'evaluate' in http ? http : undefined;
  return {
    'norma/handwritten': ratio(norma('ruleset'), perSecond(workloads, 'ruleset', 'handwritten')),
    'ruleset/same-work': ratio(norma('ruleset'), perSecond(workloads, 'ruleset', SAME_WORK)),
    'checklist/same-work': ratio(
      norma('bench.checklist'),
      perSecond(workloads, 'bench.checklist', SAME_WORK),
    ),
    'fees/same-work': ratio(norma('bench.fees'), perSecond(workloads, 'bench.fees', SAME_WORK)),
    // Server CPU per request of the other route over evaluate's: a CPU ratio, which stands for
    // the req/s ratio on a machine the server has to itself.
    'http/same-work-route': h?.sameWork ? h.sameWork.serverCpuMicros / h.evaluate.serverCpuMicros : undefined,
    'http/constant-route': h ? h.constant.serverCpuMicros / h.evaluate.serverCpuMicros : undefined,
    // Server CPU per request without records over with them: the share of speed kept by recording.
    'records/no-records': h?.recorded ? h.evaluate.serverCpuMicros / h.recorded.serverCpuMicros : undefined,
    'norma/json-rules-engine': ratio(norma('ruleset'), perSecond(workloads, 'ruleset', 'json-rules-engine')),
    'norma/zen': ratio(norma('ruleset'), perSecond(workloads, 'ruleset', 'zen-engine')),
    'kb/document': memory === undefined ? undefined : memory / 1024,
  };
}

/** The HTTP run on a temporary standards directory holding the workload's document. */
async function httpRun(): Promise<HttpResult | { error: string }> {
  const dir = join(tmpdir(), `norma-bench-http-${process.pid}`);
  try {
    mkdirSync(join(dir, 'rules', 'bench.work-order'), { recursive: true });
    const approved = rulesetYaml().replace(
      'status: draft',
      'status: approved\neffective: 2026-01-01\napproved: { by: bench, at: 2025-12-01 }',
    );
    writeFileSync(join(dir, 'rules', 'bench.work-order', '1.0.0.yaml'), approved);
    const bodies = workOrders(16, 99).map((facts) => ({ facts, at: AT }));
    return await httpBenchmark(dir, { id: 'bench.work-order', bodies }, quick ? 2 : 5, 50);
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function targets(
  workloads: readonly WorkloadResult[],
  r: Ratios,
  loading: LoadingResult | undefined,
  http: HttpResult | { error: string } | undefined,
  startup: StartupResult | { error: string } | undefined,
): Target[] {
  const started = startup && 'compiled' in startup ? startup.compiled : undefined;
  const firstStart = startup && 'firstStart' in startup ? startup.firstStart : undefined;
  const at = (v: number | undefined, digits: number, unit = '') =>
    v === undefined ? 'not run' : `${v.toFixed(digits)}${unit}`;
  const atLeast = (v: number | undefined, min: number) => (v === undefined ? undefined : v >= min);
  const below = (v: number | undefined, max: number) => (v === undefined ? undefined : v < max);
  const h = http && 'evaluate' in http ? http : undefined;
  const disagreements = workloads.reduce(
    (n, w) => n + Object.values(w.mismatches).reduce((a, b) => a + b, 0),
    0,
  );
  const loadSeconds = loading ? loading.milliseconds / 1000 : undefined;
  return [
    {
      target: 'fast path ≥ 0.5 × hand-written',
      value: at(r['norma/handwritten'], 2),
      met: atLeast(r['norma/handwritten'], 0.5),
    },
    {
      target: 'fast path vs same-work hand-written (input checked, envelope built; no target)',
      value: at(r['ruleset/same-work'], 2),
      met: undefined,
      info: true,
    },
    {
      target: 'checklist ≥ 0.7 × same-work hand-written',
      value: at(r['checklist/same-work'], 2),
      met: atLeast(r['checklist/same-work'], 0.7),
    },
    {
      target: 'fees ≥ 0.7 × same-work hand-written',
      value: at(r['fees/same-work'], 2),
      met: atLeast(r['fees/same-work'], 0.7),
    },
    {
      target: 'HTTP evaluate ≥ 0.8 × same-work Hono route (server CPU)',
      value: at(r['http/same-work-route'], 2),
      met: atLeast(r['http/same-work-route'], 0.8),
    },
    {
      target: 'HTTP evaluate vs constant route (server CPU; no target)',
      value: at(r['http/constant-route'], 2),
      met: undefined,
      info: true,
    },
    {
      target: 'decision records on ≥ 0.7 × off',
      value: at(r['records/no-records'], 2),
      met: atLeast(r['records/no-records'], 0.7),
    },
    {
      target: 'HTTP evaluate p99 < 10 ms at 50 connections',
      value: h ? `${h.evaluate.p99} ms` : 'not run',
      met: h ? h.evaluate.p99 < 10 : undefined,
    },
    {
      target: 'fast path ≥ 50 × json-rules-engine',
      value: at(r['norma/json-rules-engine'], 1),
      met: atLeast(r['norma/json-rules-engine'], 50),
    },
    { target: 'fast path ≥ 30 × zen-engine', value: at(r['norma/zen'], 1), met: atLeast(r['norma/zen'], 30) },
    {
      target: 'memory ≤ 40 KB per compiled 30-rule document (source included)',
      value: at(r['kb/document'], 1, ' KB'),
      met: r['kb/document'] === undefined ? undefined : r['kb/document'] <= 40,
    },
    {
      target: `${loading ? loading.documents.toLocaleString('en') : '10,000'} documents load in under ${loading && loading.documents < 10_000 ? '0.4' : '4'} s`,
      value: loading
        ? `${at(loadSeconds, 2, ' s')} wall, ${(loading.cpuMilliseconds / 1000).toFixed(2)} s CPU${loading.checkedBefore ? ` (checked before: ${(loading.checkedBefore.milliseconds / 1000).toFixed(2)} s wall)` : ''}`
        : 'not run',
      met: loading ? below(loadSeconds, (4 * loading.documents) / 10_000) : undefined,
    },
    {
      target: 'start-up to /readyz < 0.8 s (npm start, bundled standard)',
      value: started
        ? `${(started.readyMs / 1000).toFixed(2)} s, ${started.rssMb.toFixed(0)} MB${firstStart ? ` (a build's first start ${(firstStart.readyMs / 1000).toFixed(2)} s)` : ''}`
        : 'not run',
      met: started ? started.readyMs < 800 : undefined,
    },
    {
      target: '0 disagreements with the baselines and peers',
      value: String(disagreements),
      met: workloads.length > 0 ? disagreements === 0 : undefined,
    },
  ];
}

await main();
