/**
 * The evaluator's specification as data: every `tests/cases/<topic>/*.yaml` file holds a document,
 * the diagnostics it must produce, and evaluations with their expected results or error codes.
 * Each evaluation runs on both evaluators (closures and json-rules-engine), which must agree.
 */
import { describe, expect, it } from 'vitest';
import {
  type Envelope,
  type EvaluateRequest,
  evaluateFast,
  evaluateReferencePath,
  NormaError,
} from '../engine/index.ts';
import { partialMatch } from '../engine/util/match.ts';
import { caseFiles, compileCase, readCase } from './support/cases.ts';

interface Evaluation {
  note?: string;
  request: EvaluateRequest & { version?: string };
  want?: unknown;
  want_error_code?: string;
}

interface Case {
  note: string;
  file?: string;
  document: string;
  /** Codes (or partial diagnostics) the document must produce, in order; default none. */
  want_diagnostics?: Array<string | Record<string, unknown>>;
  evaluations?: Evaluation[];
}

const files = caseFiles();

async function outcome(run: () => Envelope | Promise<Envelope>): Promise<Envelope | NormaError> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof NormaError) return e;
    throw e;
  }
}

describe.each(files)('%s', (name) => {
  const spec = readCase<Case>(name);
  const file = spec.file ?? 'case.yaml';
  const compiled = compileCase(spec.document, file);

  it(`${spec.note}: diagnostics`, () => {
    const want = spec.want_diagnostics ?? [];
    if (want.every((w) => typeof w === 'string'))
      expect(compiled.diagnostics.map((d) => d.code)).toEqual(want);
    else expect(partialMatch(compiled.diagnostics, want)).toEqual([]);
  });

  for (const [i, evaluation] of (spec.evaluations ?? []).entries()) {
    it(`${spec.note}: ${evaluation.note ?? `evaluation ${i + 1}`}`, async () => {
      const doc = compiled.document;
      expect(doc, 'the document must compile').toBeDefined();
      if (!doc) return;
      const fast = await outcome(() => evaluateFast(doc, evaluation.request));
      const reference = await outcome(() =>
        evaluateReferencePath(doc, { ...evaluation.request, explain: false }),
      );
      if (evaluation.want_error_code) {
        expect(fast).toBeInstanceOf(NormaError);
        expect((fast as NormaError).code).toBe(evaluation.want_error_code);
      } else {
        expect(fast, JSON.stringify(fast)).not.toBeInstanceOf(NormaError);
        expect(partialMatch(fast, evaluation.want ?? {})).toEqual([]);
      }
      // The two evaluators agree on everything: result, matches, and errors.
      expect(JSON.parse(JSON.stringify(reference))).toEqual(JSON.parse(JSON.stringify(fast)));
    });
  }
});
