/** The benchmark results as a Markdown report (bench/results/latest.md). */
import { micros, rate } from './harness.ts';
import type { BenchResults } from './run.ts';

function kb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(0)} KB`;
}

/** Renders every table of a run. */
export function markdown(r: BenchResults): string {
  const out: string[] = [];
  out.push(`# norma benchmark — ${r.date.slice(0, 10)}`, '');
  out.push(
    `${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}, load average at the end ${r.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')}. CPU time per evaluation, medians of several passes after warm-up.`,
    '',
  );
  out.push('## Targets', '', '| target | this run | met |', '|---|---:|:---:|');
  for (const t of r.targets) out.push(`| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`);
  out.push('');
  for (const w of r.workloads) {
    out.push(`## ${w.name}: ${w.description}`, '');
    out.push(`${w.inputs.toLocaleString('en')} random inputs.`, '');
    out.push('| evaluator | evaluations/s | µs each | vs norma |', '|---|---:|---:|---:|');
    const norma = w.speeds.norma?.perSecond ?? 0;
    for (const [name, s] of Object.entries(w.speeds)) {
      const vs =
        name === 'norma'
          ? '1'
          : norma > 0
            ? `${(norma / s.perSecond).toFixed(norma / s.perSecond >= 10 ? 0 : 2)}×`
            : '';
      out.push(`| ${name} | ${rate(s.perSecond)} | ${micros(s.microseconds)} | ${vs} |`);
    }
    const mem = Object.entries(w.memory)
      .map(([k, v]) => `${k} ${kb(v)}`)
      .join(', ');
    const mis = Object.entries(w.mismatches)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push('', `Memory kept per compiled document: ${mem}. Disagreements with norma: ${mis}.`, '');
  }
  const l = r.loading;
  out.push(
    '## Loading',
    '',
    `${l.documents.toLocaleString('en')} documents (${l.rules.toLocaleString('en')} rules) read, validated and compiled in ${(l.milliseconds / 1000).toFixed(2)} s wall clock (${l.perDocumentMs.toFixed(2)} ms each; ${(l.cpuMilliseconds / 1000).toFixed(2)} s of CPU).`,
    '',
  );
  out.push('## Scaling', '', '| rules | µs each | µs per rule |', '|---:|---:|---:|');
  for (const p of r.scaling.rules)
    out.push(`| ${p.size} | ${micros(p.microseconds)} | ${p.perUnit.toFixed(3)} |`);
  out.push('', '| list length | µs each | µs per element |', '|---:|---:|---:|');
  for (const p of r.scaling.lines)
    out.push(`| ${p.size} | ${micros(p.microseconds)} | ${p.perUnit.toFixed(3)} |`);
  out.push('');
  out.push('## HTTP', '');
  if ('error' in r.http) out.push(`Not run: ${r.http.error}`, '');
  else {
    const h = r.http;
    out.push(
      `autocannon on loopback, ${h.connections} connections, ${h.seconds} s per route, server: ${h.mode}.`,
      '',
      '| route | req/s | server CPU µs/request | p50 ms | p99 ms | errors | non-2xx |',
      '|---|---:|---:|---:|---:|---:|---:|',
      `| POST /v1/standards/bench.work-order/evaluate | ${h.evaluate.perSecond.toFixed(0)} | ${h.evaluate.serverCpuMicros.toFixed(0)} | ${h.evaluate.p50} | ${h.evaluate.p99} | ${h.evaluate.errors} | ${h.evaluate.non2xx} |`,
      `| POST /bench/constant (same middleware, constant body) | ${h.constant.perSecond.toFixed(0)} | ${h.constant.serverCpuMicros.toFixed(0)} | ${h.constant.p50} | ${h.constant.p99} | ${h.constant.errors} | ${h.constant.non2xx} |`,
      '',
      `Server CPU per request, evaluate ÷ constant: ${(h.constant.serverCpuMicros / h.evaluate.serverCpuMicros).toFixed(2)} (the req/s ratio, independent of other load on the machine).`,
      '',
    );
  }
  return out.join('\n');
}
