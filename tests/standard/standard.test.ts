import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  type CompiledDocument,
  evaluateFast,
  evaluateReferencePath,
  loadStandards,
  NormaError,
  testDocument,
} from '../../engine/index.ts';
import { partialMatch } from '../../engine/util/match.ts';
import { generate, normalized } from '../../scripts/standard-doc.ts';

/**
 * The bundled after-sales service standard as a whole: it validates cleanly, cites every clause
 * of the outline, and every document's own `tests` pass (until `norma test` runs them itself).
 */
const index = loadStandards(bundledStandardsDir);
const documents: CompiledDocument[] = [...index.documents.values()].flat();

/** §1.1–§8.5: the clauses of the outline (chapter → number of sections). */
const CHAPTERS: Record<number, number> = { 1: 4, 2: 5, 3: 5, 4: 5, 5: 5, 6: 5, 7: 5, 8: 5 };
const ALL_CLAUSES = Object.entries(CHAPTERS).flatMap(([ch, n]) =>
  Array.from({ length: n }, (_, i) => `§${ch}.${i + 1}`),
);

interface DocTest {
  name: string;
  facts?: Record<string, unknown>;
  answers?: Record<string, unknown>;
  history?: unknown[];
  at?: string;
  expect: Record<string, unknown>;
  expectError?: string;
}

function clausesIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) clausesIn(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'clause') {
        for (const c of [v].flat()) if (typeof c === 'string') out.add(c);
      } else if (k !== 'tests' && k !== 'invariants') {
        clausesIn(v, out);
      }
    }
  }
  return out;
}

function testsOf(doc: CompiledDocument): DocTest[] {
  return (Array.isArray(doc.data.tests) ? doc.data.tests : []) as DocTest[];
}

function requestOf(t: DocTest) {
  return {
    facts: t.facts ?? {},
    ...(t.answers ? { answers: t.answers } : {}),
    ...(t.history ? { history: t.history } : {}),
    ...(t.at ? { at: t.at } : {}),
  };
}

/** The result on json-rules-engine, which must equal the closures' result. */
async function referenceResult(doc: CompiledDocument, t: DocTest): Promise<unknown> {
  return (await evaluateReferencePath(doc, requestOf(t))).result;
}

/** Runs one authored test on the closures; returns the mismatches (empty when it passes). */
function runTest(doc: CompiledDocument, t: DocTest): string[] {
  const request = requestOf(t);
  try {
    const envelope = evaluateFast(doc, request);
    if (t.expectError) return [`expected error ${t.expectError}, got a result`];
    return partialMatch(envelope.result, t.expect);
  } catch (e) {
    if (e instanceof NormaError && t.expectError === e.code) return [];
    return [
      `threw ${e instanceof NormaError ? `${e.code}: ${e.message} ${JSON.stringify(e.details)}` : String(e)}`,
    ];
  }
}

describe('the bundled standard', () => {
  it('validates without errors or warnings', () => {
    expect(index.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([]);
  });

  it('has a compiled document for every file', () => {
    const broken = [...index.files.values()].filter((f) => !f.document).map((f) => f.path);
    expect(broken).toEqual([]);
  });

  it('cites every clause from §1.1 to §8.5', () => {
    const cited = new Set<string>();
    for (const doc of documents) clausesIn(doc.data, cited);
    expect(ALL_CLAUSES.filter((c) => !cited.has(c))).toEqual([]);
  });

  it('gives every approved document an owner, a clause, a description and an approval', () => {
    const lacking = documents
      .filter((d) => d.status === 'approved')
      .filter((d) => !d.owner || d.clause === undefined || !d.description || !d.approved || !d.effective)
      .map((d) => `${d.id}@${d.version}`);
    expect(lacking).toEqual([]);
  });

  it('has docs/standard.md and docs/examples/ in sync with the documents', () => {
    const stale = [...generate(bundledStandardsDir)].filter(([path, text]) => {
      try {
        return (
          normalized(path, readFileSync(join(bundledStandardsDir, path), 'utf8')) !== normalized(path, text)
        );
      } catch {
        return true;
      }
    });
    expect(
      stale.map(([path]) => path),
      'run: node --import tsx scripts/standard-doc.ts',
    ).toEqual([]);
  });

  it('keeps a history of two or more versions for at least three documents', () => {
    const histories = [...index.documents.values()].filter((list) => list.length >= 2);
    expect(histories.length).toBeGreaterThanOrEqual(3);
    for (const list of histories) for (const later of list.slice(1)) expect(later.change).toBeTruthy();
  });
});

describe.each(documents.map((d) => [`${d.id}@${d.version}`, d] as const))('%s', (_name, doc) => {
  it('carries at least three tests', () => {
    expect(testsOf(doc).length).toBeGreaterThanOrEqual(3);
  });

  it('holds its invariants, raises no error and exercises every element (norma test)', async () => {
    const report = await testDocument(doc, { seed: 20260301, runs: 50 });
    expect(report.findings.map((f) => `${f.severity} ${f.kind} ${f.name}: ${f.message}`)).toEqual([]);
    expect(report.coverage.uncovered).toEqual([]);
  });

  it.each(testsOf(doc).map((t) => [t.name, t] as const))('passes its test: %s', async (_t, t) => {
    expect(runTest(doc, t)).toEqual([]);
    if (!t.expectError) expect(await referenceResult(doc, t)).toEqual(evaluateFast(doc, requestOf(t)).result);
  });
});
