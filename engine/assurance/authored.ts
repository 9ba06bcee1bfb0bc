import { type Diagnostic, NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { prepareRequest } from '../evaluate.ts';
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
      ...(Array.isArray(test.history) ? { history: test.history } : {}),
      at: typeof test.at === 'string' ? test.at : defaultAt,
    };
    requests.push(request);
    const problem = judge(doc, request, test);
    if (!problem) return;
    const pos = positionOf(doc.map, `/tests/${i}`);
    const keys = isMapping(test.expect) ? Object.keys(test.expect) : undefined;
    // An input the declarations refuse is the test's mistake: pasting its error would accept it.
    const actual = problem.inputError ? undefined : pasteTest(doc, name, request, keys);
    findings.push({
      kind: 'test',
      severity: 'error',
      name,
      message: problem.message,
      line: pos.line,
      col: pos.col,
      ...(actual ? { actual: { test: actual, yaml: testsYaml([actual]) } } : {}),
    });
  });
  return { total: list.length, passed: list.length - findings.length, findings, requests };
}

/** Why a test failed; `inputError` when the request itself is refused (facts, answers, `at`). */
interface Problem {
  message: string;
  inputError: boolean;
}

/** The errors that refuse a request before anything is evaluated. */
const INPUT_ERRORS = new Set(['facts_invalid', 'answers_invalid', 'history_invalid', 'at_invalid']);

function judge(
  doc: CompiledDocument,
  request: AssuranceRequest,
  test: Record<string, unknown>,
): Problem | undefined {
  // A key no result has would only ever read as "missing": say that the test names nothing.
  const unknown = unknownExpectKey(doc, test.expect, false);
  if (unknown) return { message: `\`expect\` names an unknown output: ${unknown}`, inputError: false };
  const outcome = evaluateOutcome(doc, request);
  const failed = (message: string): Problem => ({ message, inputError: false });
  if (typeof test.expectError === 'string') {
    if (outcome.ok) return failed(`expected error \`${test.expectError}\`, but the evaluation succeeded`);
    if (outcome.code === test.expectError) return undefined;
    return raised(doc, request, outcome, `expected error \`${test.expectError}\`, got`);
  }
  if (!outcome.ok) return raised(doc, request, outcome, 'the evaluation raised');
  const mismatches = partialMatch(outcome.envelope.result, test.expect ?? {});
  return mismatches.length === 0 ? undefined : failed(mismatches.join('; '));
}

/** An unexpected error, with every detail of a refused input (each problem with its path). */
function raised(
  doc: CompiledDocument,
  request: AssuranceRequest,
  outcome: { code: string; message: string },
  lead: string,
): Problem {
  const message = `${lead} \`${outcome.code}\`: ${outcome.message}`;
  if (!INPUT_ERRORS.has(outcome.code)) return { message, inputError: false };
  const details = inputDetails(doc, request).map((d) => `${d.message}${d.hint ? ` (${d.hint})` : ''}`);
  return { message: details.length > 0 ? `${message}: ${details.join('; ')}` : message, inputError: true };
}

/** The details of the error that refuses a request, as the evaluation reports them. */
function inputDetails(doc: CompiledDocument, request: AssuranceRequest): readonly Diagnostic[] {
  try {
    prepareRequest(doc, request);
    return [];
  } catch (e) {
    return e instanceof NormaError ? e.details : [];
  }
}
