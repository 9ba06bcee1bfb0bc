/**
 * How cost grows, up to 10,000: the work-order ruleset repeated to 10 … 10,000 rules (cost per rule
 * should stay flat); a ruleset over a list of 10 … 10,000 lines (cost per line should stay flat:
 * input validation and some/every/none are each one pass over the list); loading 10 … 10,000
 * documents from disk; and compiling a document whose rules share conditions through YAML
 * aliases, 10 … 10,000 of them (a series stops early once one point takes over 10 s, as a
 * quadratic one would).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type CompiledDocument,
  compileDocument,
  evaluateFast,
  loadStandards,
  yamlLimits,
} from '../engine/index.ts';
import { cpuMs, draw, measure, prng } from './harness.ts';
import { writeDocuments } from './loading.ts';
import { AT, manyRules, rulesetYaml, workOrders } from './workloads/ruleset.ts';

export interface ScalePoint {
  size: number;
  microseconds: number;
  /** Microseconds divided by the size: flat when cost is linear. */
  perUnit: number;
}

export interface ScalingResult {
  rules: ScalePoint[];
  lines: ScalePoint[];
  /** Milliseconds of CPU to load and compile that many documents (perUnit: ms per document). */
  documents: ScalePoint[];
  /** Milliseconds of CPU to compile a document of that many aliased rules (perUnit: ms per rule). */
  aliases: ScalePoint[];
}

function compiled(text: string, file: string): CompiledDocument {
  const result = compileDocument(text, file, undefined, { code: 'generated' });
  if (!result.document) throw new Error(`${file}: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  return result.document;
}

const linesYaml = `kind: ruleset
id: bench.lines
version: 1.0.0
status: draft
title: work-order lines
facts:
  lines:
    type: array
    items:
      type: object
      required: [kind, amount]
      properties:
        kind: { enum: [labour, part, sublet] }
        amount: { type: number, minimum: 0 }
        warranty: { type: boolean }
hit: collect
outputs:
  flag: { type: string }
rules:
  - id: big-line
    when: { lines: { some: { amount: { greaterThan: 9990 } } } }
    then: { flag: big-line }
  - id: all-warranty
    when: { lines: { every: { warranty: true } } }
    then: { flag: all-warranty }
  - id: no-sublet
    when: { lines: { none: { kind: sublet } } }
    then: { flag: no-sublet }
  - id: warranty-part
    when: { lines: { some: { kind: part, warranty: true, amount: { greaterThan: 9999 } } } }
    then: { flag: warranty-part }
`;

function lineInputs(size: number, count: number): Array<{ facts: Record<string, unknown>; at: string }> {
  const d = draw(prng(size));
  return Array.from({ length: count }, () => ({
    facts: {
      lines: Array.from({ length: size }, () => ({
        kind: d.chance(0.001) ? 'sublet' : d.pick(['labour', 'part'] as const),
        amount: d.int(0, 9999),
        warranty: d.chance(0.999),
      })),
    },
    at: AT,
  }));
}

const SIZES = [10, 100, 1000, 10_000];

/** Measures every scaling series (`quick`: the documents series stops at 1,000). */
export function scalingBenchmark(
  quick = false,
  loaded?: { documents: number; cpuMilliseconds: number },
): ScalingResult {
  const orders = workOrders(2000, 21).map((facts) => ({ facts, at: AT }));
  const rules = SIZES.map((n) => {
    const doc = withLargeFiles(() => compiled(rulesetYaml(manyRules(n), 'bench.scale'), 'scale.yaml'));
    const inputs = orders.slice(0, Math.max(30, Math.min(2000, 300_000 / n)));
    const speed = measure((q) => evaluateFast(doc, q), inputs, { passes: 5, warmup: 2, warmupMs: 200 });
    return { size: n, microseconds: speed.microseconds, perUnit: speed.microseconds / n };
  });
  const doc = compiled(linesYaml, 'lines.yaml');
  const lines = SIZES.map((n) => {
    const inputs = lineInputs(n, Math.max(20, Math.floor(20_000 / n)));
    const speed = measure((q) => evaluateFast(doc, q), inputs, { passes: 5, warmup: 2, warmupMs: 200 });
    return { size: n, microseconds: speed.microseconds, perUnit: speed.microseconds / n };
  });
  const documents: ScalePoint[] = [];
  for (const n of SIZES) {
    if (loaded && loaded.documents === n) {
      documents.push({ size: n, microseconds: loaded.cpuMilliseconds, perUnit: loaded.cpuMilliseconds / n });
      continue;
    }
    if (n === 10_000 && quick) break;
    const ms = loadCpu(n);
    documents.push({ size: n, microseconds: ms, perUnit: ms / n });
  }
  const aliases: ScalePoint[] = [];
  for (const n of SIZES) {
    const text = aliasedYaml(n);
    const start = performance.now();
    const cpu = cpuMs();
    withLargeFiles(() => compiled(text, 'aliases.yaml'));
    const ms = cpuMs() - cpu;
    aliases.push({ size: n, microseconds: ms, perUnit: ms / n });
    if (performance.now() - start > 10_000) break;
  }
  return { rules, lines, documents, aliases };
}

/**
 * Runs `make` with the loader's size limits raised: a 10,000-rule document is larger than the
 * 1 MiB a served file may be, and measuring how cost grows needs it all the same.
 */
function withLargeFiles<T>(make: () => T): T {
  const saved = { ...yamlLimits };
  yamlLimits.maxBytes = 16 * 1024 * 1024;
  yamlLimits.maxNodes = 10_000_000;
  try {
    return make();
  } finally {
    Object.assign(yamlLimits, saved);
  }
}

function loadCpu(count: number): number {
  const { dir } = writeDocuments(count);
  try {
    const start = cpuMs();
    loadStandards(dir);
    return cpuMs() - start;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A ruleset of `n` rules whose conditions are YAML aliases of a few anchored ones. */
export function aliasedYaml(n: number): string {
  const out = [
    'kind: ruleset',
    'id: bench.aliases',
    'version: 1.0.0',
    'status: draft',
    'title: aliased conditions',
    'facts:',
    '  total: { type: number, minimum: 0 }',
    '  payType: { enum: [customer, warranty] }',
    'hit: collect',
    'outputs:',
    '  n: { type: integer, aggregate: count }',
    'rules:',
  ];
  // The first two rules anchor their conditions; every later rule aliases one of them.
  const whenOf = (i: number) =>
    i === 0
      ? '&big { total: { greaterThan: 1000 }, payType: customer }'
      : i === 1
        ? '&small { total: { lessThan: 100 } }'
        : i % 2 === 0
          ? '*big'
          : '*small';
  for (let i = 0; i < n; i++) out.push(`  - id: r${i}`, `    when: ${whenOf(i)}`, `    then: { n: ${i} }`);
  return `${out.join('\n')}\n`;
}
