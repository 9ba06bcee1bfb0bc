/**
 * Searches `norma test` runs on every document, declared or not: inputs that make the evaluation
 * fail (two rules matching a `unique` ruleset, disagreeing rules under `any`, …) and, for
 * rulesets without a default, inputs no rule matches (gaps).
 */
import type { CompiledDocument } from '../document.ts';
import { boundariesOf } from './boundaries.ts';
import type { Check, FindingKind } from './check.ts';
import { pasteTest } from './counterexample.ts';
import { type GeneratedInput, inputArbitrary } from './generate.ts';
import { errorSearchOf, ownedByComplete, searchesGaps } from './kinds.ts';
import { evaluateOutcome } from './outcome.ts';

/** The built-in searches for a document: evaluation errors always, gaps where they matter. */
export function searchChecks(doc: CompiledDocument, at: string): Check<GeneratedInput>[] {
  const arbitrary = inputArbitrary(doc, boundariesOf(doc, at));
  const checks: Check<GeneratedInput>[] = [errorSearch(doc, at, arbitrary)];
  if (searchesGaps(doc) && !declaresComplete(doc)) checks.push(gapSearch(doc, at, arbitrary));
  return checks;
}

function errorSearch(
  doc: CompiledDocument,
  at: string,
  arbitrary: Check<GeneratedInput>['arbitrary'],
): Check<GeneratedInput> {
  const complete = declaresComplete(doc);
  const named = errorSearchOf(doc);
  const [kind, name]: [FindingKind, string] = named
    ? [named.kind, named.name]
    : ['error', 'every valid input evaluates'];
  return {
    kind,
    severity: 'error',
    name,
    arbitrary,
    problem(input) {
      const outcome = evaluateOutcome(doc, { ...input, at });
      if (outcome.ok || (complete && ownedByComplete(doc, outcome.code))) return undefined;
      return `\`${outcome.code}\`: ${outcome.message}`;
    },
    tests: (input) => [pasteTest(doc, name, { ...input, at })],
  };
}

function gapSearch(
  doc: CompiledDocument,
  at: string,
  arbitrary: Check<GeneratedInput>['arbitrary'],
): Check<GeneratedInput> {
  const name = 'some rule matches every input (no default)';
  return {
    kind: 'gap',
    // A gap is often a hole in the standard, but may be intended: `complete: true` makes it fail.
    severity: 'warning',
    name,
    arbitrary,
    problem(input) {
      const outcome = evaluateOutcome(doc, { ...input, at });
      if (!outcome.ok || outcome.envelope.matched.length > 0) return undefined;
      return 'no rule matches this input and the ruleset has no `default`, so its outputs are empty';
    },
    tests: (input) => [pasteTest(doc, 'no rule matches', { ...input, at }, ['outputs'])],
  };
}

function declaresComplete(doc: CompiledDocument): boolean {
  const list = Array.isArray(doc.data.invariants) ? doc.data.invariants : [];
  return list.some((inv) => (inv as { complete?: unknown } | null)?.complete === true);
}
