/**
 * Loading many documents: a standards directory of 1,000 generated rulesets (250 ids of 5, 15 or
 * 30 rules, four versions each, no two alike) is read, validated and compiled by `loadStandards`,
 * timed on the wall clock.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadStandards, VerifiedDocuments } from '../engine/index.ts';
import { cpuMs } from './harness.ts';
import { rules, rulesetYaml, shiftedRules } from './workloads/ruleset.ts';

export interface LoadingResult {
  documents: number;
  rules: number;
  /** Wall-clock time. */
  milliseconds: number;
  /** CPU time of the process meanwhile (what the wall clock would be on an idle machine, roughly). */
  cpuMilliseconds: number;
  perDocumentMs: number;
  diagnostics: number;
  /** The same directory loaded again, its documents checked clean before (as at a later start). */
  checkedBefore?: { milliseconds: number; cpuMilliseconds: number; skipped: number };
}

/**
 * Writes `count` documents into a new directory, as a large standard looks: ids of 5, 15 or 30
 * rules, each with four versions (1.0.0 to 1.3.0) whose thresholds move, every id with its own
 * outputs. Returns the directory and the number of rules written.
 */
export function writeDocuments(count: number): { dir: string; rules: number } {
  const dir = mkdtempSync(join(tmpdir(), 'norma-bench-'));
  let total = 0;
  for (let i = 0; i < count; i++) {
    const family = Math.floor(i / 4);
    const minor = i % 4;
    const size = [5, 15, 30][family % 3] as number;
    const id = `load.doc-${family}`;
    const list = shiftedRules(rules.slice(0, size), minor * 100 + family).map((r) => ({
      ...r,
      action: `${r.action}-${family}`,
    }));
    let text = rulesetYaml(list, id, `1.${minor}.0`);
    if (minor > 0) text += `change: thresholds moved by ${minor * 100}\n`;
    mkdirSync(join(dir, 'rules', id), { recursive: true });
    writeFileSync(join(dir, 'rules', id, `1.${minor}.0.yaml`), text);
    total += size;
  }
  return { dir, rules: total };
}

/**
 * Times loading `count` generated documents from disk, as a build's first start does (every
 * document checked in full, and recorded as checked), then again as a later start does.
 */
export function loadingBenchmark(count = 1000): LoadingResult {
  const { dir, rules: total } = writeDocuments(count);
  try {
    // The server's store, in memory: under tsx there is no build whose file it could use.
    const verified = new VerifiedDocuments('sha256:bench');
    const first = timedLoad(dir, verified, count);
    const hits = verified.hits;
    const again = timedLoad(dir, verified, count);
    return {
      documents: count,
      rules: total,
      milliseconds: first.ms,
      cpuMilliseconds: first.cpu,
      perDocumentMs: first.ms / count,
      diagnostics: first.diagnostics,
      checkedBefore: { milliseconds: again.ms, cpuMilliseconds: again.cpu, skipped: verified.hits - hits },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One load of the directory, which must give every document. */
function timedLoad(dir: string, verified: VerifiedDocuments, count: number) {
  const start = performance.now();
  const cpuStart = cpuMs();
  const index = loadStandards(dir, undefined, { verified });
  const ms = performance.now() - start;
  const cpu = cpuMs() - cpuStart;
  const loaded = [...index.documents.values()].reduce((n, list) => n + list.length, 0);
  if (loaded !== count) throw new Error(`only ${loaded} of ${count} documents loaded`);
  return { ms, cpu, diagnostics: index.diagnostics.length };
}
