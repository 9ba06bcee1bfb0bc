import type { CompiledDocument } from '../document.ts';
import { positionOf } from '../load/yaml.ts';
import { partialMatch } from '../util/match.ts';
import type { Finding } from './check.ts';
import { type PasteTest, pasteTest, testsYaml } from './counterexample.ts';
import { unknownExpectKey } from './kinds.ts';
import { type AssuranceRequest, evaluateOutcome, isMapping } from './outcome.ts';

/** A failed authored test: what was wrong, and the test as the document behaves now. */
export interface TestFinding extends Finding {
  kind: 'test';
  /** The test with `expect` replaced by the actual result (or `expectError` by the raised code). */
  actual?: { test: PasteTest; yaml: string };
}

/** The outcome of a document's `tests`: how many passed, the failures, and what they evaluated. */
export interface AuthoredRun {
  total: number;
  passed: number;
  findings: TestFinding[];
  /** The requests the tests made, for coverage. */
  requests: AssuranceRequest[];
}

/**
 * Runs the document's `tests`: each evaluates its facts (and answers) at its `at` (default: the
 * document's effective date, so tests do not change with the calendar) and compares the result
 * with `expect` (a partial match on `result`), or the raised error's code with `expectError`.
 */
export function runAuthoredTests(doc: CompiledDocument, defaultAt: string): AuthoredRun {
  const list = Array.isArray(doc.data.tests) ? doc.data.tests : [];
  const findings: TestFinding[] = [];
  const requests: AssuranceRequest[] = [];
  list.forEach((raw, i) => {
    const test = isMapping(raw) ? raw : {};
    const name = typeof test.name === 'string' ? test.name : `test ${i + 1}`;
    const request: AssuranceRequest = {
      facts: isMapping(test.facts) ? test.facts : {},
      ...(isMapping(test.answers) ? { answers: test.answers } : {}),
      at: typeof test.at === 'string' ? test.at : defaultAt,
    };
    requests.push(request);
    const problem = judge(doc, request, test);
    if (!problem) return;
    const pos = positionOf(doc.map, `/tests/${i}`);
    const keys = isMapping(test.expect) ? Object.keys(test.expect) : undefined;
    const actual = pasteTest(doc, name, request, keys);
    findings.push({
      kind: 'test',
      severity: 'error',
      name,
      message: problem,
      line: pos.line,
      col: pos.col,
      actual: { test: actual, yaml: testsYaml([actual]) },
    });
  });
  return { total: list.length, passed: list.length - findings.length, findings, requests };
}

function judge(
  doc: CompiledDocument,
  request: AssuranceRequest,
  test: Record<string, unknown>,
): string | undefined {
  // A key no result has would only ever read as "missing": say that the test names nothing.
  const unknown = unknownExpectKey(doc, test.expect, false);
  if (unknown) return `\`expect\` names an unknown output: ${unknown}`;
  const outcome = evaluateOutcome(doc, request);
  if (typeof test.expectError === 'string') {
    if (outcome.ok) return `expected error \`${test.expectError}\`, but the evaluation succeeded`;
    return outcome.code === test.expectError
      ? undefined
      : `expected error \`${test.expectError}\`, got \`${outcome.code}\`: ${outcome.message}`;
  }
  if (!outcome.ok) return `the evaluation raised \`${outcome.code}\`: ${outcome.message}`;
  const mismatches = partialMatch(outcome.envelope.result, test.expect ?? {});
  return mismatches.length === 0 ? undefined : mismatches.join('; ');
}
