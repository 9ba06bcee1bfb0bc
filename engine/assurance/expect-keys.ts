/**
 * What a test's `expect` may name: the keys of a kind's result, nested where the result's shape
 * is fixed. Checked at load so a misspelt key (`output`, `grades`) is an error with a "did you
 * mean" instead of a test that can never pass. The per-kind table here is the one place to
 * point at a kind's own hook once kinds describe their result shape themselves.
 */
import { mapAt } from '../kinds/common.ts';
import { idsOf } from '../kinds/process/outputs.ts';

/** Keys a result mapping has: each with the keys below it, or `true` when anything may follow. */
export interface KeyTree {
  [key: string]: KeyTree | true;
}

const MONEY_TOTALS = ['labour', 'parts', 'discount', 'tax', 'total', 'customer', 'manufacturer', 'internal'];

/** The result keys of a document's kind; undefined for a kind whose shape is not known here. */
export function expectKeysOf(kind: string, data: Record<string, unknown>): KeyTree | undefined {
  switch (kind) {
    case 'ruleset':
      return { outputs: leaves(Object.keys(mapAt(data.outputs))) };
    case 'checklist':
      return leaves(['status', 'score', 'blocking', 'items']);
    case 'scorecard':
      return leaves(['score', 'grade', 'outcome', 'gradeByScore', 'criteria', 'vetoed']);
    case 'fees':
      return {
        ...leaves(['currency', 'scale', 'lines', 'taxPct']),
        discounts: leaves(['applied', 'maxPct', 'capped']),
        totals: leaves(MONEY_TOTALS),
        formatted: leaves(MONEY_TOTALS),
      };
    case 'process': {
      const ids = idsOf(data);
      return {
        ...leaves(['stage', 'complete', 'overdue', 'next', 'refused']),
        stages: leaves(ids.stages),
        deadlines: leaves(ids.deadlines),
      };
    }
    default:
      return undefined;
  }
}

function leaves(keys: readonly string[]): KeyTree {
  const tree: KeyTree = {};
  for (const key of keys) tree[key] = true;
  return tree;
}
