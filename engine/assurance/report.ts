import { type Diagnostic, formatDiagnosticsText } from '../diagnostics.ts';
import type { Finding } from './check.ts';
import type { DocumentReport } from './run.ts';

/** One `norma test` run over many documents. */
export interface AssuranceRun {
  seed: number;
  runs: number;
  documents: DocumentReport[];
  /** Problems of files that could not be compiled (each such file fails the run). */
  diagnostics: Diagnostic[];
}

/** True when every document held and every file compiled. */
export function runPassed(run: AssuranceRun): boolean {
  return run.documents.every((d) => d.ok) && !run.diagnostics.some((d) => d.severity === 'error');
}

/** The machine-readable form: the run as JSON, with a `passed` flag and counts. */
export function formatRunJson(run: AssuranceRun): string {
  const failed = run.documents.filter((d) => !d.ok).length;
  return JSON.stringify(
    {
      passed: runPassed(run),
      seed: run.seed,
      runs: run.runs,
      summary: { documents: run.documents.length, failed, broken: brokenFiles(run).length },
      documents: run.documents,
      diagnostics: run.diagnostics,
    },
    null,
    2,
  );
}

/** The text form: one line per document with its counts, then each finding in detail. */
export function formatRunText(run: AssuranceRun): string {
  const lines: string[] = [];
  if (run.diagnostics.length > 0) lines.push(formatDiagnosticsText(run.diagnostics));
  for (const doc of run.documents) {
    lines.push(documentLine(doc));
    for (const f of doc.findings) lines.push(...findingLines(doc, f, run));
    if (doc.coverage.uncovered.length > 0) {
      lines.push(`    not exercised by any test: ${doc.coverage.uncovered.join(', ')}`);
    }
  }
  const failed = run.documents.filter((d) => !d.ok).length;
  const broken = brokenFiles(run).length;
  const verdict = runPassed(run) ? 'ok' : 'failed';
  const parts = [`${run.documents.length} document${plural(run.documents.length)}`, `${failed} failed`];
  if (broken > 0) parts.push(`${broken} not compiled`);
  lines.push(`${verdict}: ${parts.join(', ')} (seed ${run.seed}, ${run.runs} runs)`);
  return lines.join('\n');
}

function documentLine(doc: DocumentReport): string {
  const warnings = doc.findings.filter((f) => f.severity === 'warning').length;
  const cov = doc.coverage;
  const counts = [
    `tests ${doc.tests.passed}/${doc.tests.total}`,
    `invariants ${doc.invariants.held}/${doc.invariants.total}`,
    `coverage ${cov.exercised}/${cov.total}`,
    ...(warnings > 0 ? [`${warnings} warning${plural(warnings)}`] : []),
  ];
  return `${doc.ok ? 'ok  ' : 'FAIL'} ${doc.file}  ${counts.join(', ')}`;
}

function findingLines(doc: DocumentReport, f: Finding, run: AssuranceRun): string[] {
  const mark = f.severity === 'error' ? '✗' : '!';
  const at = f.line !== undefined ? `${doc.file}:${f.line}:${f.col ?? 1} ` : '';
  const out = [`  ${mark} ${at}${f.kind} \`${f.name}\`: ${f.message}`];
  const actual = (f as { actual?: { yaml: string } }).actual;
  if (actual) {
    out.push('    actual (paste under `tests:` to accept it):');
    out.push(indent(actual.yaml, 6));
  }
  if (f.counterexample) {
    const ce = f.counterexample;
    out.push(`    counterexample (seed ${ce.seed}, path ${ce.path}), paste under \`tests:\`:`);
    out.push(indent(ce.yaml, 6));
    out.push(`    replay: norma test ${doc.file} --seed ${ce.seed} --runs ${run.runs}`);
  }
  return out;
}

function brokenFiles(run: AssuranceRun): string[] {
  return [...new Set(run.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file ?? ''))];
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
