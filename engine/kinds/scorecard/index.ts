import type { KindModule } from '../kind.ts';
import { type CompiledScorecard, compileScorecard } from './compile.ts';
import { evaluateScorecard } from './evaluate.ts';
import { scorecardLabelsIn, scorecardLabelTargets } from './labels.ts';
import { scorecardDiff, scorecardOutputs } from './outputs.ts';
import { scorecardReport } from './view.ts';

/** `kind: scorecard`, weighted criteria scored by bands, graded, and capped by vetoes. */
export const scorecardKind: KindModule<CompiledScorecard> = {
  kind: 'scorecard',
  schema: 'scorecard.schema.json',
  folder: 'rules',
  compile: compileScorecard,
  evaluate: evaluateScorecard,
  outputs: scorecardOutputs,
  labelTargets: scorecardLabelTargets,
  labelsIn: scorecardLabelsIn,
  diff: scorecardDiff,
  report: scorecardReport,
};

export type { CompiledScorecard } from './compile.ts';
export type { ScorecardResult } from './evaluate.ts';
