/**
 * Measuring: seeded inputs, timed passes over them (medians after warm-up), and the heap a
 * compiled document keeps. Everything here is plain Node; nothing depends on the engine.
 */

/** A seeded PRNG (mulberry32): the same inputs on every run and machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers for drawing random inputs from a PRNG. */
export function draw(random: () => number) {
  return {
    int: (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T,
    chance: (p: number) => random() < p,
  };
}

/** The speed of one evaluator on one workload. */
export interface Speed {
  /** Evaluations per second (median pass). */
  perSecond: number;
  /** Microseconds per evaluation (median pass). */
  microseconds: number;
  /** Evaluations per timed pass. */
  inputs: number;
  passes: number;
}

export interface MeasureOptions {
  /** Timed passes (the median is reported). */
  passes?: number;
  /** Untimed passes first, so the JIT has compiled the hot code. */
  warmup?: number;
  /** Keep warming up until this much CPU time has passed (optimising compilers run meanwhile). */
  warmupMs?: number;
}

/**
 * Milliseconds of CPU this process has used (user + system). Timing CPU rather than the wall
 * clock keeps the figures steady when other processes compete for the cores; garbage collection
 * on helper threads is still counted, as it should be.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Something the optimiser cannot prove unused. */
export let sink: unknown;

/** Times passes of `fn` over every input, synchronously, and reports the median pass. */
export function measure<I>(
  fn: (input: I) => unknown,
  inputs: readonly I[],
  options: MeasureOptions = {},
): Speed {
  const { passes = 5, warmup = 2, warmupMs = 300 } = options;
  const pass = () => {
    const start = cpuMs();
    for (let i = 0; i < inputs.length; i++) sink = fn(inputs[i] as I);
    return cpuMs() - start;
  };
  const warmStart = cpuMs();
  for (let p = 0; p < warmup || cpuMs() - warmStart < warmupMs; p++) pass();
  const times: number[] = [];
  for (let p = 0; p < passes; p++) times.push(pass());
  return speedOf(times, inputs.length);
}

/** Times passes of an asynchronous `fn`, awaiting each evaluation before the next. */
export async function measureAsync<I>(
  fn: (input: I) => Promise<unknown>,
  inputs: readonly I[],
  options: MeasureOptions = {},
): Promise<Speed> {
  const { passes = 3, warmup = 1, warmupMs = 300 } = options;
  const pass = async () => {
    const start = cpuMs();
    for (let i = 0; i < inputs.length; i++) sink = await fn(inputs[i] as I);
    return cpuMs() - start;
  };
  const warmStart = cpuMs();
  for (let p = 0; p < warmup || cpuMs() - warmStart < warmupMs; p++) await pass();
  const times: number[] = [];
  for (let p = 0; p < passes; p++) times.push(await pass());
  return speedOf(times, inputs.length);
}

function speedOf(times: number[], n: number): Speed {
  const ms = median(times);
  return { perSecond: (n / ms) * 1000, microseconds: (ms * 1000) / n, inputs: n, passes: times.length };
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Forces a full garbage collection when Node runs with `--expose-gc`. */
export function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/**
 * The memory each of `count` objects made by `make` keeps alive, in bytes: the heap and the
 * memory of array buffers (a document's text kept as UTF-8 bytes is outside the heap), measured
 * after a full collection before and after making them. `count` are made and kept first, so
 * what the first ones cost once (code compiled and optimised, caches filled: about 1.5 MB for a
 * ruleset) is not counted against each. Each collection runs in a task of its own, as a server's
 * run between requests: what an object holds only weakly (a document's data, engine/load/kept-data.ts)
 * stays alive until the task that made or read it ends. Undefined without `--expose-gc`.
 */
export async function retainedBytes(make: () => unknown, count = 40): Promise<number | undefined> {
  if (!collect()) return undefined;
  const used = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const kept: unknown[] = [];
  for (let i = 0; i < count; i++) kept.push(make());
  await nextTask();
  collect();
  const before = used();
  for (let i = 0; i < count; i++) kept.push(make());
  await nextTask();
  collect();
  const after = used();
  sink = kept;
  return (after - before) / count;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A rate as people read it: 3.52 M/s, 41.2 k/s. */
export function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)}/s`;
}

/** Microseconds with sensible precision. */
export function micros(us: number): string {
  return us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
}

/** A synchronous evaluator to compare, with its inputs. */
export interface Contender<I = unknown> {
  name: string;
  fn: (input: I) => unknown;
  inputs: readonly I[];
}

/**
 * Measures several evaluators in alternation (one pass of each, round after round), so a change
 * in machine load affects all of them alike and their ratios stay meaningful.
 */
export function measureEach(
  contenders: readonly Contender[],
  rounds = 7,
  warmupMs = 300,
): Record<string, Speed> {
  const pass = (c: Contender) => {
    const start = cpuMs();
    for (let i = 0; i < c.inputs.length; i++) sink = c.fn(c.inputs[i]);
    return cpuMs() - start;
  };
  for (const c of contenders) {
    const warmStart = cpuMs();
    for (let p = 0; p < 2 || cpuMs() - warmStart < warmupMs; p++) pass(c);
  }
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) for (const c of contenders) times.get(c.name)?.push(pass(c));
  const out: Record<string, Speed> = {};
  for (const c of contenders) out[c.name] = speedOf(times.get(c.name) ?? [], c.inputs.length);
  return out;
}
