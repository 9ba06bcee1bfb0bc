/**
 * The fast path is proven against the reference: for every bundled document (every id, every
 * version) and every document of the case corpus, generated requests evaluate to the same
 * envelope, or the same error, on the compiled closures, on the generated JavaScript source
 * (engine/conditions/generate.ts: what served documents run) and on json-rules-engine. Each
 * document is compiled both ways, and the test checks that the generated twin really runs
 * generated code.
 *
 * Inputs come from `inputArbitrary` (the fact declarations, biased towards the values conditions
 * compare with), widened with what real callers send: undeclared extra keys (dsl.md: ignored),
 * including names norma uses internally, at the top level and inside list elements; dates of
 * evaluation around the document's; and now and then a wrong value, which must fail the same way.
 * At least 80 % of the requests of every document must reach both evaluators (not stop at an input
 * error), or the comparison proves little.
 *
 * CI runs a fixed seed; elsewhere the seed varies. A failure prints the seed and the path to
 * replay it: `NORMA_DIFF_SEED=<seed> npx vitest run tests/properties/differential.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assuranceAt, inputArbitrary } from '../../engine/assurance/generate.ts';
import { shiftDate } from '../../engine/conditions/dates.ts';
import {
  bundledStandardsDir,
  type CompiledDocument,
  compileDocument,
  type Envelope,
  type EvaluateRequest,
  evaluateFast,
  evaluateReferencePath,
  loadStandards,
  NormaError,
} from '../../engine/index.ts';
import { conditionCode } from '../../engine/kinds/kind.ts';
import { caseFiles, compileCase, readCase } from '../support/cases.ts';

const RUNS = Number(process.env.NORMA_DIFF_RUNS ?? 100);
const SEED = process.env.NORMA_DIFF_SEED
  ? Number(process.env.NORMA_DIFF_SEED)
  : process.env.CI
    ? 20260301
    : Date.now() % 2 ** 31;

/** Keys a caller may add that no declaration names; some collide with norma's internal facts. */
const EXTRA_KEYS = ['note', 'extra', '$at', '$shift', '$window', '$q1', '$q2', '$q3', 'constructor'];

/** The bundled documents, every version of every id. */
function bundledDocuments(): Array<[string, CompiledDocument]> {
  const index = loadStandards(bundledStandardsDir);
  const out: Array<[string, CompiledDocument]> = [];
  for (const versions of index.documents.values()) {
    for (const doc of versions) out.push([doc.file, doc]);
  }
  return out;
}

/** The documents of the case corpus that compile (the others are diagnostics cases). */
function corpusDocuments(): Array<[string, CompiledDocument]> {
  const out: Array<[string, CompiledDocument]> = [];
  for (const name of caseFiles()) {
    const spec = readCase<{ document?: unknown; file?: string }>(name);
    if (typeof spec.document !== 'string') continue;
    const compiled = compileCase(spec.document, spec.file);
    if (compiled.document) out.push([`tests/cases/${name}`, compiled.document]);
  }
  return out;
}

/** Adds undeclared keys to the top-level facts and, when `deep`, to every nested object. */
function withExtras(value: unknown, extras: Array<[string, unknown]>, deep: boolean, top = true): unknown {
  if (Array.isArray(value)) return deep ? value.map((v) => withExtras(v, extras, deep, false)) : value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withExtras(v, extras, deep, false);
  if (top || deep) {
    for (const [k, v] of extras) {
      if (!Object.hasOwn(out, k))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
    }
  }
  return out;
}

/** Requests for a document: generated facts (and answers), widened as the header describes. */
function requestArbitrary(doc: CompiledDocument): fc.Arbitrary<EvaluateRequest> {
  const at = assuranceAt(doc);
  const atArb = fc.oneof(
    { weight: 4, arbitrary: fc.constant(at) },
    { weight: 2, arbitrary: fc.integer({ min: -400, max: 400 }).map((d) => shiftDate(at, { days: d })) },
    { weight: 1, arbitrary: fc.integer({ min: -8, max: 8 }).map((y) => shiftDate(at, { years: y })) },
  );
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 30000 }),
    fc.constantFrom('2026-01-01', '1999-12-31', 'x', '', true, false, null),
    fc.constant({ fact: 'estimateTotal' }),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
  );
  const extras = fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), scalar), { maxLength: 3 });
  // Now and then (one request in twenty) one fact gets a value of the wrong shape: both paths must
  // reject it alike. Rare on purpose: the property is about evaluations, and an input error stops
  // a request before either evaluator runs.
  const broken = fc.oneof(
    { weight: 19, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('wrong', -1, null, [], {}, 1.5)) },
  );
  return fc
    .record({ input: inputArbitrary(doc), at: atArb, extras, deep: fc.boolean(), broken })
    .map(({ input, at, extras, deep, broken }) => {
      let facts = withExtras(input.facts, extras, deep) as Record<string, unknown>;
      if (broken) {
        const keys = Object.keys(doc.facts.declared);
        const key = keys[broken[0] % Math.max(1, keys.length)];
        if (key !== undefined) facts = { ...facts, [key]: broken[1] };
      }
      return { facts, ...(input.answers ? { answers: input.answers } : {}), at };
    });
}

/** An envelope or an error, as JSON text: the two paths must produce the same bytes. */
async function outcomeText(run: () => Envelope | Promise<Envelope>): Promise<string> {
  try {
    return JSON.stringify(await run());
  } catch (e) {
    // Anything but a NormaError is a bug on that path (it would be a 500), so it fails the test.
    if (e instanceof NormaError) return JSON.stringify(e.toJSON());
    throw e;
  }
}

/** The errors that stop a request before either evaluator runs (`prepareRequest`). */
const INPUT_ERROR = /^\{"error":\{"code":"(facts_invalid|answers_invalid|at_invalid)"/;

const documents = [...bundledDocuments(), ...corpusDocuments()];

/** The document compiled with each kind of condition code (the same file, the same identity). */
function twins(doc: CompiledDocument): { closures: CompiledDocument; generated: CompiledDocument } {
  const compile = (code: 'closures' | 'generated') => {
    const result = compileDocument(doc.source, doc.file, undefined, { code });
    const twin = result.document ?? result.provisional;
    if (!twin)
      throw new Error(`${doc.file} does not compile again: ${JSON.stringify(result.diagnostics[0])}`);
    return twin;
  };
  return { closures: compile('closures'), generated: compile('generated') };
}

describe('the compiled closures and the generated code agree with json-rules-engine', () => {
  it('finds documents to compare', () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents)('on %s', async (_name, doc) => {
    const { closures, generated } = twins(doc);
    expect(conditionCode(closures.compiled)).toBe('closures');
    expect(conditionCode(generated.compiled)).toBe('generated');
    let requests = 0;
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(doc), async (request) => {
        const fast = await outcomeText(() => evaluateFast(closures, request));
        const code = await outcomeText(() => evaluateFast(generated, request));
        const reference = await outcomeText(() => evaluateReferencePath(doc, { ...request, explain: false }));
        expect(fast, `request ${JSON.stringify(request)}`).toBe(reference);
        expect(code, `generated code, request ${JSON.stringify(request)}`).toBe(reference);
        requests++;
        if (!INPUT_ERROR.test(fast)) evaluated++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The comparison is worth something only when the requests reach both evaluators.
    expect(
      evaluated / requests,
      `${evaluated} of ${requests} requests were evaluated`,
    ).toBeGreaterThanOrEqual(0.8);
  });
});
