import fc from 'fast-check';
import type { CompiledDocument } from '../document.ts';
import { kinds } from '../kinds/registry.ts';
import { answersArbitrary } from './answers.ts';
import { factsArbitrary } from './arbitraries.ts';
import { assuranceAt, boundariesOf } from './boundaries.ts';

/**
 * Input generators for `norma test`, the property suites and the behavioural diff: inputs that
 * satisfy a document's declarations, biased to the values its conditions compare with.
 */
export { factsArbitrary, fits, schemaArbitrary } from './arbitraries.ts';
export { assuranceAt, boundariesOf, neighbours, schemaAt } from './boundaries.ts';

/** One generated request: facts, for checklists the answers, for processes the history. */
export interface GeneratedInput {
  facts: Record<string, unknown>;
  answers?: Record<string, unknown>;
  history?: unknown[];
}

/** Requests for a document: facts, plus answers for a checklist (some items left unanswered). */
export function inputArbitrary(
  doc: CompiledDocument,
  boundaries: Map<string, unknown[]> = boundariesOf(doc),
): fc.Arbitrary<GeneratedInput> {
  const declared = kinds[doc.kind]?.impliedFacts?.(doc.facts.declared) ?? doc.facts.declared;
  const facts = factsArbitrary(declared, boundaries);
  const answers = answersArbitrary(doc);
  const extra = doc.module.requestArbitrary?.(doc.compiled, assuranceAt(doc));
  if (extra) return fc.tuple(facts, extra).map(([f, e]) => ({ facts: f, ...e }) as GeneratedInput);
  if (!answers) return facts.map((f) => ({ facts: f }));
  return fc.record({ facts, answers });
}
