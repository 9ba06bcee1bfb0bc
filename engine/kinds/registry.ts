import { checklistKind } from './checklist/index.ts';
import { feesKind } from './fees/index.ts';
import type { KindModule } from './kind.ts';
import { processKind } from './process/index.ts';
import { rulesetKind } from './ruleset/index.ts';
import { scorecardKind } from './scorecard/index.ts';

/**
 * Every document kind, by its `kind:` value. Adding a kind is one folder `engine/kinds/<kind>/` and
 * one line here (docs/kinds/README.md); everything else reads the kind from this registry.
 */
export const kinds: Record<string, KindModule<unknown>> = {
  ruleset: rulesetKind as KindModule<unknown>,
  checklist: checklistKind as KindModule<unknown>,
  scorecard: scorecardKind as KindModule<unknown>,
  fees: feesKind as KindModule<unknown>,
  process: processKind as KindModule<unknown>,
};

/** The kinds' names, in registry order: the header schema's `kind` enum is this list. */
export const kindNames: readonly string[] = Object.keys(kinds);

/** The folders of a standards directory that hold documents: every kind's, each once, in kind order. */
export const kindFolders: readonly string[] = [...new Set(Object.values(kinds).map((k) => k.folder))];
