/** The benchmark results as a Markdown report (bench/out/latest.md, or bench/results/ with --save). */
import { micros, rate } from './harness.ts';
import type { HttpFigures } from './http/load.ts';
import type { BenchResults } from './run.ts';
import type { ScalePoint } from './scaling.ts';

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
  for (const t of r.targets)
    out.push(
      `| ${t.target} | ${t.value} | ${t.info ? '(no target)' : t.met === undefined ? 'not run' : t.met ? 'yes' : '**no**'} |`,
    );
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
    if (w.firstEvaluationMs) {
      const f = w.firstEvaluationMs;
      out.push(
        `First evaluation of a freshly compiled document (compiles its input validator): ${f.newSchema.toFixed(2)} ms with an input schema no document had, ${f.sharedSchema.toFixed(2)} ms with one another document already had (validators are shared by schema).`,
        '',
      );
    }
  }
  const l = r.loading;
  if (l) {
    out.push(
      '## Loading',
      '',
      `${l.documents.toLocaleString('en')} documents (${l.rules.toLocaleString('en')} rules) read, validated and compiled in ${(l.milliseconds / 1000).toFixed(2)} s wall clock (${l.perDocumentMs.toFixed(2)} ms each; ${(l.cpuMilliseconds / 1000).toFixed(2)} s of CPU).`,
      ...(l.checkedBefore
        ? [
            '',
            `Loaded again as a later start does, with the ${l.checkedBefore.skipped.toLocaleString('en')} documents checked clean before: ${(l.checkedBefore.milliseconds / 1000).toFixed(2)} s wall clock (${(l.checkedBefore.cpuMilliseconds / 1000).toFixed(2)} s of CPU).`,
          ]
        : []),
      '',
    );
  }
  if (r.scaling) {
    const series: Array<[string, string, string, ScalePoint[]]> = [
      ['rules', 'µs per evaluation', 'µs per rule', r.scaling.rules],
      ['list length', 'µs per evaluation', 'µs per element', r.scaling.lines],
      ['documents', 'ms of CPU to load', 'ms per document', r.scaling.documents],
      ['aliased rules', 'ms of CPU to compile', 'ms per rule', r.scaling.aliases],
    ];
    out.push('## Scaling', '', 'Flat per-unit figures mean cost linear in size.', '');
    for (const [size, total, unit, points] of series) {
      out.push(`| ${size} | ${total} | ${unit} |`, '|---:|---:|---:|');
      for (const p of points)
        out.push(`| ${p.size.toLocaleString('en')} | ${micros(p.microseconds)} | ${p.perUnit.toFixed(3)} |`);
      out.push('');
    }
  }
  if (r.http) out.push(...httpSection(r.http));
  if (r.startup) {
    out.push('## Start-up', '');
    if ('error' in r.startup) out.push(`Not run: ${r.startup.error}`, '');
    else {
      const s = r.startup;
      out.push(
        'From spawning the server on the bundled standard to the first 200 from `/readyz`, and its resident memory then (medians).',
        '',
        '| how | ready after | RSS |',
        '|---|---:|---:|',
        `| \`npm start\` (compiled JavaScript, dist/server.mjs), documents checked before | ${(s.compiled.readyMs / 1000).toFixed(2)} s | ${s.compiled.rssMb.toFixed(0)} MB |`,
        ...(s.firstStart
          ? [
              `| \`npm start\`, a build's first start (or \`NORMA_VERIFIED_FILE=off\`) | ${(s.firstStart.readyMs / 1000).toFixed(2)} s | ${s.firstStart.rssMb.toFixed(0)} MB |`,
            ]
          : []),
        `| \`npm run dev\` (TypeScript through tsx) | ${(s.tsx.readyMs / 1000).toFixed(2)} s | ${s.tsx.rssMb.toFixed(0)} MB |`,
        '',
      );
    }
  }
  return out.join('\n');
}

function httpSection(http: NonNullable<BenchResults['http']>): string[] {
  const out: string[] = ['## HTTP', ''];
  if ('error' in http) return [...out, `Not run: ${http.error}`, ''];
  const h = http;
  const row = (route: string, f: HttpFigures) =>
    `| ${route} | ${f.perSecond.toFixed(0)} | ${f.serverCpuMicros.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.non2xx} |`;
  out.push(
    `autocannon on loopback, ${h.connections} connections, ${h.seconds} s per route, server: ${h.mode}, production request log ${h.logging ? 'on' : 'off'}.`,
    '',
    '| route | req/s | server CPU µs/request | p50 ms | p99 ms | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('POST /v1/standards/bench.work-order/evaluate', h.evaluate),
    ...(h.recorded ? [row('POST …/evaluate with decision records on (SQLite)', h.recorded)] : []),
    ...(h.sameWork
      ? [row('POST /bench/same-work (hand-written: parse, check, decide, stringify)', h.sameWork)]
      : []),
    row('POST /bench/constant (same middleware, constant body)', h.constant),
    '',
    `Server CPU per request, constant ÷ evaluate: ${(h.constant.serverCpuMicros / h.evaluate.serverCpuMicros).toFixed(2)}${h.sameWork ? `; same-work ÷ evaluate: ${(h.sameWork.serverCpuMicros / h.evaluate.serverCpuMicros).toFixed(2)}` : ''}. These are CPU ratios: they equal the req/s ratios only when the server has a core to itself, which on this machine (load generator and server on 2 shared cores) it has not.`,
    '',
  );
  return out;
}
