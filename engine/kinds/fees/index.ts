import type { KindModule } from '../kind.ts';
import { type CompiledFees, compileFees } from './compile.ts';
import { evaluateFees } from './evaluate.ts';
import { feesImpliedFacts } from './implied.ts';
import { feesLabelsIn, feesLabelTargets } from './labels.ts';
import { prepareFees } from './lines.ts';
import { feesDiff, feesOutputs } from './outputs.ts';
import { feesReport } from './view.ts';

/** `kind: fees`, a fee schedule: rates, markups, discounts, tax and the payer split, exact. */
export const feesKind: KindModule<CompiledFees> = {
  kind: 'fees',
  schema: 'fees.schema.json',
  folder: 'rules',
  compile: compileFees,
  impliedFacts: feesImpliedFacts,
  prepare: prepareFees,
  evaluate: evaluateFees,
  outputs: feesOutputs,
  labelTargets: feesLabelTargets,
  labelsIn: feesLabelsIn,
  diff: feesDiff,
  report: feesReport,
};

export type { CompiledFees } from './compile.ts';
export type { LineResult } from './evaluate.ts';
