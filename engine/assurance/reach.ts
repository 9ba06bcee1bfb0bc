/**
 * `norma validate --deep`: a search with the input generators for dead weight the load-time
 * reasoning cannot see (conditions with `any`, `not`, dates relative to `$at`, one fact against
 * another). An element that no generated input applied is a warning that says how hard it was
 * looked for ("no input found in N tries"): a search, not a proof. The document's own tests count
 * as inputs (what a test reaches is reachable). The seed is fixed, so the
 * same document gives the same warnings on every run.
 */
import fc from 'fast-check';
import { type Diagnostic, warning } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { runAuthoredTests } from './authored.ts';
import { assuranceAt } from './boundaries.ts';
import { explainOf } from './coverage.ts';
import { inputArbitrary } from './generate.ts';

/** Generated inputs per document by default. */
export const DEEP_RUNS = 1000;

// Derived entries, not elements an input is chosen to reach.
const IGNORED = new Set(['grade']);

/** A warning for each rule, item, band, rate… that none of `runs` generated inputs applied. */
export async function deepSearch(doc: CompiledDocument, runs = DEEP_RUNS, seed = 1): Promise<Diagnostic[]> {
  const at = assuranceAt(doc);
  // The document's own tests are inputs too: what they reach is reachable, whatever the generator finds.
  const tested = runAuthoredTests(doc, at).requests;
  const generated = fc
    .sample(inputArbitrary(doc), { numRuns: runs, seed })
    .map((input) => ({ ...input, at }));
  const inputs = [...tested, ...generated];
  const seen = new Map<string, { applied: boolean; line: number; col: number }>();
  for (const input of inputs) {
    for (const e of await explainOf(doc, input)) {
      if (IGNORED.has(e.type)) continue;
      const key = `${e.type} \`${e.id}\``;
      const before = seen.get(key);
      seen.set(key, { applied: (before?.applied ?? false) || e.applied, line: e.line, col: e.col });
    }
  }
  const out: Diagnostic[] = [];
  for (const [key, { applied, line, col }] of seen) {
    if (applied) continue;
    out.push(
      warning(
        'never_reached',
        `${key} was never applied: no input found in ${generated.length} tries, nor by the document's tests`,
        {
          file: doc.file,
          line,
          col,
          hint: 'check its conditions, or add a test with facts that reach it (`norma test` reports coverage)',
        },
      ),
    );
  }
  return out;
}
