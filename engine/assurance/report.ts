import { type Diagnostic, formatDiagnosticsText, withSummaries } from '../diagnostics.ts';
import type { Lang } from '../i18n/lang.ts';
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

/**
 * How many documents the run covered, counted once each: tested ones that failed (a finding, or
 * an error reported for the file at load, such as a broken lock), files that did not compile, and
 * errors outside any document (the lock file, a path holding nothing).
 */
export interface RunCounts {
  /** Tested documents plus files that did not compile. */
  documents: number;
  passed: number;
  failed: number;
  notCompiled: number;
  otherProblems: number;
}

/** Counts the run's documents honestly: no file is both tested and "not compiled". */
export function runCounts(run: AssuranceRun): RunCounts {
  const tested = new Set(run.documents.map((d) => d.file));
  const failed = run.documents.filter((d) => !documentPassed(d, run)).length;
  const broken = new Set<string>();
  let otherProblems = 0;
  for (const d of run.diagnostics) {
    if (d.severity !== 'error' || (d.file && tested.has(d.file))) continue;
    if (d.file && /\.ya?ml$/i.test(d.file)) broken.add(d.file);
    else otherProblems++;
  }
  return {
    documents: run.documents.length + broken.size,
    passed: run.documents.length - failed,
    failed,
    notCompiled: broken.size,
    otherProblems,
  };
}

/** A tested document passed: no error finding, and no error reported for its file at load. */
function documentPassed(doc: DocumentReport, run: AssuranceRun): boolean {
  return doc.ok && loadErrors(doc, run) === 0;
}

function loadErrors(doc: DocumentReport, run: AssuranceRun): number {
  return run.diagnostics.filter((d) => d.severity === 'error' && d.file === doc.file).length;
}

/** True when every document held and every file compiled. */
export function runPassed(run: AssuranceRun): boolean {
  return run.documents.every((d) => d.ok) && !run.diagnostics.some((d) => d.severity === 'error');
}

/** The machine-readable form: the run as JSON, with a `passed` flag and counts. */
export function formatRunJson(run: AssuranceRun, lang?: Lang): string {
  const counts = runCounts(run);
  return JSON.stringify(
    {
      passed: runPassed(run),
      seed: run.seed,
      runs: run.runs,
      summary: {
        documents: counts.documents,
        passed: counts.passed,
        failed: counts.failed,
        broken: counts.notCompiled,
        otherProblems: counts.otherProblems,
      },
      documents: run.documents,
      diagnostics: lang ? withSummaries(run.diagnostics, lang) : run.diagnostics,
    },
    null,
    2,
  );
}

/** The text form: one line per document with its counts, then each finding in detail. */
export function formatRunText(run: AssuranceRun, lang?: Lang): string {
  const lines: string[] = [];
  if (run.diagnostics.length > 0) lines.push(formatDiagnosticsText(run.diagnostics, lang));
  for (const doc of run.documents) {
    lines.push(documentLine(doc, run));
    for (const f of doc.findings) lines.push(...findingLines(doc, f, run));
    if (doc.coverage.uncovered.length > 0) {
      lines.push(`    not exercised by any test: ${doc.coverage.uncovered.join(', ')}`);
    }
  }
  const counts = runCounts(run);
  const verdict = runPassed(run) ? 'ok' : 'failed';
  const parts = [`${counts.documents} document${plural(counts.documents)}`, `${counts.failed} failed`];
  if (counts.notCompiled > 0) parts.push(`${counts.notCompiled} not compiled`);
  if (counts.otherProblems > 0) {
    parts.push(`${counts.otherProblems} problem${plural(counts.otherProblems)} outside documents`);
  }
  lines.push(`${verdict}: ${parts.join(', ')} (seed ${run.seed}, ${run.runs} runs)`);
  return lines.join('\n');
}

function documentLine(doc: DocumentReport, run: AssuranceRun): string {
  const warnings = doc.findings.filter((f) => f.severity === 'warning').length;
  const errors = loadErrors(doc, run);
  const cov = doc.coverage;
  const counts = [
    `tests ${doc.tests.passed}/${doc.tests.total}`,
    `invariants ${doc.invariants.held}/${doc.invariants.total}`,
    `coverage ${cov.exercised}/${cov.total}`,
    ...(warnings > 0 ? [`${warnings} warning${plural(warnings)}`] : []),
    ...(errors > 0 ? [`${errors} load error${plural(errors)} (above)`] : []),
  ];
  return `${documentPassed(doc, run) ? 'ok  ' : 'FAIL'} ${doc.file}  ${counts.join(', ')}`;
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
