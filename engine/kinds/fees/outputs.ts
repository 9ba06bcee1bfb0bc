/**
 * What tests, invariants and diffs know about a fee schedule's result: its totals, and the rate
 * and markup lists whose first match prices a line.
 */
import { mapAt } from '../common.ts';
import type { KindDiff, KindOutputs } from '../kind.ts';
import type { CompiledFees } from './compile.ts';
import { TOTALS } from './evaluate.ts';

/** The outputs of a fee schedule's results. */
export const feesOutputs: KindOutputs<CompiledFees> = {
  keys: () => ({
    currency: undefined,
    scale: undefined,
    lines: undefined,
    discounts: ['applied', 'maxPct', 'capped'],
    taxPct: undefined,
    totals: TOTALS,
    formatted: TOTALS,
  }),
  // A line no rate or markup prices raises `eval_fees_unpriced`: that is what "nothing applied"
  // means for fees, so `complete` reports the error rather than a result.
  incomplete: () => undefined,
  incompleteCodes: ['eval_fees_unpriced'],
};

/** What the diffs compare of a fee schedule: the total; rate and markup lists are first-match. */
export const feesDiff: KindDiff = {
  project: (result) => ({ 'totals.total': mapAt(result.totals).total }),
  ordered: { labourRate: () => true, partsMarkupPct: () => true },
};
