import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.ts';
import { type AssuranceRun, formatRunText, runCounts } from './report.ts';
import type { DocumentReport } from './run.ts';

function tested(file: string, ok = true): DocumentReport {
  return {
    file,
    id: file,
    version: '1.0.0',
    kind: 'ruleset',
    tests: { total: 1, passed: ok ? 1 : 0 },
    invariants: { total: 0, held: 0 },
    findings: [],
    coverage: { total: 0, exercised: 0, uncovered: [] } as unknown as DocumentReport['coverage'],
    ok,
  };
}

function problem(file: string | undefined): Diagnostic {
  return { code: 'yaml_syntax', message: 'x', severity: 'error', ...(file ? { file } : {}) };
}

describe('runCounts', () => {
  it('counts each document once: tested, failed at load, not compiled, and problems outside documents', () => {
    const run: AssuranceRun = {
      seed: 1,
      runs: 10,
      documents: [tested('a.yaml'), tested('b.yaml'), tested('c.yaml', false)],
      diagnostics: [
        problem('b.yaml'),
        problem('d.yaml'),
        problem('d.yaml'),
        problem('norma.lock'),
        problem(undefined),
      ],
    };
    expect(runCounts(run)).toEqual({ documents: 4, passed: 1, failed: 2, notCompiled: 1, otherProblems: 2 });
    const text = formatRunText(run);
    expect(text).toContain('FAIL b.yaml  tests 1/1, invariants 0/0, coverage 0/0, 1 load error (above)');
    expect(text.split('\n').at(-1)).toBe(
      'failed: 4 documents, 2 failed, 1 not compiled, 2 problems outside documents (seed 1, 10 runs)',
    );
  });

  it('keeps the short verdict when everything was tested and passed', () => {
    const run: AssuranceRun = { seed: 7, runs: 200, documents: [tested('a.yaml')], diagnostics: [] };
    expect(formatRunText(run).split('\n').at(-1)).toBe('ok: 1 document, 0 failed (seed 7, 200 runs)');
  });
});
