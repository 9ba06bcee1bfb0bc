/** How one condition was decided, in the terms of the document (docs/api.md `explain`). */
export interface ConditionExplain {
  /** `all`, `any`, `not`, `some`, `every`, `none`, or the operator of a test. */
  op: string;
  /** The fact path tested (relative to the list element inside some/every/none). */
  fact?: string;
  /** The fact's value at evaluation. */
  value?: unknown;
  /** What it was compared with, after resolving `$at` and `{ fact: … }`. */
  expected?: unknown;
  /** Whether it held; null when it was not needed to decide (short-circuit). */
  outcome: boolean | null;
  line: number;
  col: number;
  conditions?: ConditionExplain[];
}
