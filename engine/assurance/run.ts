import fc from 'fast-check';
import type { CompiledDocument } from '../document.ts';
import { type AuthoredRun, runAuthoredTests } from './authored.ts';
import { assuranceAt } from './boundaries.ts';
import { type Finding, runCheck, type SearchOptions } from './check.ts';
import { type Coverage, coverageOf } from './coverage.ts';
import { inputArbitrary } from './generate.ts';
import { invariantChecks } from './invariants.ts';
import { searchChecks } from './searches.ts';

/** Everything `norma test` found about one document. */
export interface DocumentReport {
  file: string;
  id: string;
  version: string;
  kind: string;
  tests: { total: number; passed: number };
  invariants: { total: number; held: number };
  /** Errors (the document fails) and warnings, tests first, then invariants, then searches. */
  findings: Finding[];
  coverage: Coverage;
  /** True when no finding is an error. */
  ok: boolean;
}

/** How to test: fast-check's seed and number of runs per property. */
export type AssuranceOptions = SearchOptions;

/** The default number of generated inputs per invariant and search. */
export const DEFAULT_RUNS = 1000;

/**
 * Runs a document's tests and invariants, searches for evaluation errors and gaps, and measures
 * which elements the tests exercised. Properties run on the compiled closures; only coverage
 * uses json-rules-engine (for its per-element explanation).
 */
export async function testDocument(
  doc: CompiledDocument,
  options: AssuranceOptions,
): Promise<DocumentReport> {
  const at = assuranceAt(doc);
  const authored: AuthoredRun = runAuthoredTests(doc, at);
  const invariants = invariantChecks(doc, at);
  const invariantFindings = invariants.flatMap((c) => found(runCheck(c, options)));
  const searchFindings = searchChecks(doc, at).flatMap((c) => found(runCheck(c, options)));
  const universe =
    authored.requests.length === 0
      ? fc.sample(inputArbitrary(doc), { numRuns: 1, seed: options.seed })[0]
      : undefined;
  const coverage = await coverageOf(doc, authored.requests, universe ? { ...universe, at } : undefined);
  const findings = [...authored.findings, ...invariantFindings, ...searchFindings];
  return {
    file: doc.file,
    id: doc.id,
    version: doc.version,
    kind: doc.kind,
    tests: { total: authored.total, passed: authored.passed },
    invariants: { total: invariants.length, held: invariants.length - invariantFindings.length },
    findings,
    coverage,
    ok: !findings.some((f) => f.severity === 'error'),
  };
}

function found(finding: Finding | undefined): Finding[] {
  return finding ? [finding] : [];
}
