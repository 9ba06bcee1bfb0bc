import type { KindModule } from '../kind.ts';
import { type CompiledRuleset, compileRuleset } from './compile.ts';
import { evaluateRuleset } from './evaluate.ts';

/** `kind: ruleset`, a decision table with a hit policy. */
export const rulesetKind: KindModule<CompiledRuleset> = {
  kind: 'ruleset',
  compile: compileRuleset,
  evaluate: evaluateRuleset,
};

export type { CompiledRuleset } from './compile.ts';
