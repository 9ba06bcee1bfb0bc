import { checklistKind } from './checklist/index.ts';
import { feesKind } from './fees/index.ts';
import type { KindModule } from './kind.ts';
import { rulesetKind } from './ruleset/index.ts';
import { scorecardKind } from './scorecard/index.ts';

/** Every document kind, by its `kind:` value. Adding a kind is one folder and one line here. */
export const kinds: Record<string, KindModule<unknown>> = {
  ruleset: rulesetKind as KindModule<unknown>,
  checklist: checklistKind as KindModule<unknown>,
  scorecard: scorecardKind as KindModule<unknown>,
  fees: feesKind as KindModule<unknown>,
};

/** The folder a kind's documents live in under a standards directory. */
export function folderOf(kind: string): 'rules' | 'checklists' {
  return kind === 'checklist' ? 'checklists' : 'rules';
}
