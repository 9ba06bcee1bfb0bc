/**
 * `npm run bench`: norma's evaluators against a hand-written JavaScript baseline and plain
 * json-rules-engine on the same logic, per kind; memory per compiled document; loading 1,000
 * documents; scaling with rules and input size; HTTP on loopback. Writes bench/results/latest.json
 * and latest.md, and prints the ratio line last.
 *
 * Times are CPU time of this process (see harness.ts), medians of several passes after warm-up.
 * Quick run for development: `BENCH_QUICK=1 npm run bench` (shorter HTTP runs).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CompiledDocument,
  compileDocument,
  evaluateFast,
  evaluateReferencePath,
} from '../engine/index.ts';
import { type Contender, collect, measureAsync, measureEach, retainedBytes, type Speed } from './harness.ts';
import { type HttpResult, httpBenchmark } from './http/load.ts';
import { type LoadingResult, loadingBenchmark } from './loading.ts';
import { markdown } from './report.ts';
import { type ScalingResult, scalingBenchmark } from './scaling.ts';
import { jreEngine, runJre } from './workloads/jre.ts';
import { kindWorkloads } from './workloads/kinds.ts';
import { AT, type Decision, handwritten, rules, rulesetYaml, workOrders } from './workloads/ruleset.ts';

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
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; node: string; loadAverage: number[] };
  workloads: WorkloadResult[];
  loading: LoadingResult;
  scaling: ScalingResult;
  http: HttpResult | { error: string };
  ratios: { normaHandwritten: number; normaJre: number; httpConstant: number | undefined };
  targets: Array<{ target: string; value: string; met: boolean }>;
}

const quick = process.env.BENCH_QUICK === '1';

function compiled(text: string, file: string): CompiledDocument {
  const result = compileDocument(text, file);
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

/** The workload: 30 rules, 60 conditions, 10,000 random work orders. */
async function rulesetWorkload(): Promise<WorkloadResult> {
  const text = rulesetYaml();
  const file = 'rules/bench.work-order/1.0.0.yaml';
  const doc = compiled(text, file);
  const orders = workOrders(10_000);
  const requests = orders.map((facts) => ({ facts, at: AT }));
  const engine = jreEngine(rules, AT);
  // The baselines must decide exactly as norma does, or the comparison means nothing.
  let handMismatch = 0;
  let jreMismatch = 0;
  for (const [i, q] of requests.entries()) {
    const e = evaluateFast(doc, q);
    if (!sameDecision(e, handwritten(q.facts))) handMismatch++;
    if (i < 1000) {
      const j = await runJre(engine, q.facts);
      const ids = j.matched.map((k) => rules[Number(k)]?.id as string);
      if (!sameDecision(e, { ...j, matched: ids })) jreMismatch++;
    }
  }
  const contenders: Contender[] = [
    { name: 'handwritten', fn: (f) => handwritten(f as Record<string, unknown>), inputs: orders },
    { name: 'norma', fn: (q) => evaluateFast(doc, q as (typeof requests)[number]), inputs: requests },
  ];
  const speeds = measureEach(contenders);
  speeds['json-rules-engine'] = await measureAsync((f) => runJre(engine, f), orders.slice(0, 2000), {
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
    norma: retainedBytes(() => {
      const d = compiled(text, file);
      evaluateFast(d, sample); // compiles the input validator, as the first request does
      return d;
    }),
    'json-rules-engine': retainedBytes(() => jreEngine(rules, AT)),
  };
  return {
    name: 'ruleset',
    description: 'a 30-rule fee/approval/checklist ruleset (60 conditions, hit: collect) over a work order',
    inputs: orders.length,
    speeds,
    memory,
    mismatches: { handwritten: handMismatch, 'json-rules-engine (first 1,000)': jreMismatch },
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  if (!collect()) log('note: run with --expose-gc (npm run bench does) to measure memory');
  log('loading 1,000 documents…');
  const loading = loadingBenchmark(1000);
  log('ruleset workload…');
  const workloads = [await rulesetWorkload()];
  log('kind workloads…');
  workloads.push(...(await kindWorkloads()));
  log('scaling…');
  const scaling = scalingBenchmark();
  log('http…');
  const http = await httpRun();
  const main = workloads[0] as WorkloadResult;
  const norma = main.speeds.norma?.perSecond ?? 0;
  const ratios = {
    normaHandwritten: norma / (main.speeds.handwritten?.perSecond ?? 1),
    normaJre: norma / (main.speeds['json-rules-engine']?.perSecond ?? 1),
    httpConstant: 'evaluate' in http ? http.evaluate.perSecond / http.constant.perSecond : undefined,
  };
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? '',
      node: process.version,
      loadAverage: loadavg(),
    },
    workloads,
    loading,
    scaling,
    http,
    ratios,
    targets: targets(main, ratios, loading, http),
  };
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = markdown(results);
  writeFileSync(join(dir, 'latest.md'), md);
  process.stdout.write(`${md}\n`);
  log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const fmt = (n: number | undefined, digits: number) => (n === undefined ? 'n/a' : n.toFixed(digits));
  process.stdout.write(
    `norma/handwritten: ${fmt(ratios.normaHandwritten, 2)}  norma/json-rules-engine: ${fmt(ratios.normaJre, 1)}  http/constant-route: ${fmt(ratios.httpConstant, 2)}\n`,
  );
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
  main: WorkloadResult,
  ratios: BenchResults['ratios'],
  loading: LoadingResult,
  http: HttpResult | { error: string },
): BenchResults['targets'] {
  const memory = main.memory.norma;
  return [
    {
      target: 'fast path ≥ 0.2 × hand-written',
      value: ratios.normaHandwritten.toFixed(2),
      met: ratios.normaHandwritten >= 0.2,
    },
    {
      target: 'fast path ≥ 50 × json-rules-engine',
      value: ratios.normaJre.toFixed(1),
      met: ratios.normaJre >= 50,
    },
    {
      target: 'HTTP evaluate ≥ 80 % of the constant route',
      value: ratios.httpConstant === undefined ? 'not run' : `${(ratios.httpConstant * 100).toFixed(0)} %`,
      met: (ratios.httpConstant ?? 0) >= 0.8,
    },
    {
      target: 'HTTP evaluate p99 < 10 ms at 50 connections',
      value: 'evaluate' in http ? `${http.evaluate.p99} ms` : 'not run',
      met: 'evaluate' in http && http.evaluate.p99 < 10,
    },
    {
      target: 'loading 1,000 documents < 2 s',
      value: `${(loading.milliseconds / 1000).toFixed(2)} s wall, ${(loading.cpuMilliseconds / 1000).toFixed(2)} s CPU`,
      met: loading.milliseconds < 2000,
    },
    {
      target: 'memory per compiled 30-rule document < 200 KB',
      value: memory === undefined ? 'not measured' : `${(memory / 1024).toFixed(0)} KB`,
      met: memory !== undefined && memory < 200 * 1024,
    },
  ];
}

await main();
