import type { KindModule } from '../kind.ts';
import { type CompiledRuleset, compileRuleset } from './compile.ts';
import { evaluateRuleset } from './evaluate.ts';
import { rulesetLabelsIn, rulesetLabelTargets } from './labels.ts';
import { rulesetDiff, rulesetOutputs } from './outputs.ts';
import { rulesetReport } from './view.ts';

/** `kind: ruleset`, a decision table with a hit policy. */
export const rulesetKind: KindModule<CompiledRuleset> = {
  kind: 'ruleset',
  schema: 'ruleset.schema.json',
  folder: 'rules',
  compile: compileRuleset,
  treesInSetsOnly: true,
  evaluate: evaluateRuleset,
  outputs: rulesetOutputs,
  labelTargets: rulesetLabelTargets,
  labelsIn: rulesetLabelsIn,
  diff: rulesetDiff,
  report: rulesetReport,
};

export type { CompiledRuleset } from './compile.ts';
