import fc from 'fast-check';
import type { CompiledDocument } from '../document.ts';
import type { AnswerItem } from '../kinds/kind.ts';
import { schemaArbitrary } from './arbitraries.ts';
import { boundariesOf } from './boundaries.ts';

/**
 * A checklist's answers: one per item key (`section.item`), sometimes missing, with a value that
 * fits the item's answer type (biased to the values its `expect` names), evidence sometimes
 * attached when the item asks for it, and timestamps mostly in item order (so `sequential` mostly
 * holds), sometimes out of order or missing. Undefined for kinds without answers (no `answerItems`).
 */
export function answersArbitrary(doc: CompiledDocument): fc.Arbitrary<Record<string, unknown>> | undefined {
  const items = doc.module.answerItems?.(doc.compiled);
  if (!items) return undefined;
  const boundaries = boundariesOf(doc);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  items.forEach((item, n) => {
    model[item.key] = answerArbitrary(item, n, boundaries);
  });
  // No key is required: a missing key is an unanswered item.
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

function answerArbitrary(
  item: AnswerItem,
  n: number,
  boundaries: Map<string, unknown[]>,
): fc.Arbitrary<Record<string, unknown>> {
  const value = schemaArbitrary(item.schema, item.key, boundaries);
  // Mostly in item order (sequential sections hold); sometimes early (out of order) or untimed.
  const at = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string | undefined>(timeOf(n + 60)) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(timeOf(0)) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
  );
  const evidence =
    item.evidence === 'none'
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant([`${item.evidence}-${n + 1}`]) },
          fc.constant(undefined),
        );
  return fc.tuple(value, evidence, at).map(([v, e, t]) => ({
    value: v,
    by: 'T-01',
    ...(t ? { at: t } : {}),
    ...(e ? { evidence: e } : {}),
  }));
}

/** The n-th minute after 08:00 on a fixed day, as an ISO date-time with an offset. */
function timeOf(n: number): string {
  const hh = String(8 + Math.floor(n / 60)).padStart(2, '0');
  const mm = String(n % 60).padStart(2, '0');
  return `2026-03-01T${hh}:${mm}:00+08:00`;
}
