import type { KindModule } from '../kind.ts';
import { type CompiledFees, compileFees } from './compile.ts';
import { evaluateFees } from './evaluate.ts';
import { feesImpliedFacts } from './implied.ts';
import { prepareFees } from './lines.ts';

/** `kind: fees`, a fee schedule: rates, markups, discounts, tax and the payer split, exact. */
export const feesKind: KindModule<CompiledFees> = {
  kind: 'fees',
  compile: compileFees,
  impliedFacts: feesImpliedFacts,
  prepare: prepareFees,
  evaluate: evaluateFees,
};

export type { CompiledFees } from './compile.ts';
export type { LineResult } from './evaluate.ts';
