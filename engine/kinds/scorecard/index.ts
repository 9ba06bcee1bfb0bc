import type { KindModule } from '../kind.ts';
import { type CompiledScorecard, compileScorecard } from './compile.ts';
import { evaluateScorecard } from './evaluate.ts';

/** `kind: scorecard`, weighted criteria scored by bands, graded, and capped by vetoes. */
export const scorecardKind: KindModule<CompiledScorecard> = {
  kind: 'scorecard',
  compile: compileScorecard,
  evaluate: evaluateScorecard,
};

export type { CompiledScorecard } from './compile.ts';
export type { ScorecardResult } from './evaluate.ts';
