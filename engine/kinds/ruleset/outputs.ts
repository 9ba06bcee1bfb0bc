/**
 * What tests, invariants and diffs know about a ruleset's result `{ outputs }`: its declared
 * outputs, ranked by their enum order, and the hit policies under which rule order decides.
 */
import { enumValues } from '../../facts/types.ts';
import { mapAt } from '../common.ts';
import type { KindDiff, KindOutputs } from '../kind.ts';
import type { CompiledRuleset } from './compile.ts';

/** The outputs of a ruleset's results. */
export const rulesetOutputs: KindOutputs<CompiledRuleset> = {
  keys: (rs) => ({ outputs: rs.outputs.map((o) => o.name) }),
  // An invariant names an output by its declared name; a dotted path reads the result as it is.
  resolve: (output) => (output.includes('.') ? output : `outputs.${output}`),
  ranks(rs, output) {
    const name = output.startsWith('outputs.') ? output.slice('outputs.'.length) : output;
    const decl = rs.outputs.find((o) => o.name === name);
    return decl ? enumValues(decl.schema) : undefined;
  },
  incomplete: (rs, { matched }) =>
    matched.length > 0 || rs.default !== undefined ? undefined : 'no rule matched and there is no default',
  completeKeys: ['outputs'],
  // `collect` legitimately yields empty lists when no rule matches: no gap to search for.
  searchesGaps: (rs) => rs.default === undefined && rs.hit !== 'collect',
  errorSearch(rs) {
    if (rs.hit === 'unique')
      return { kind: 'overlap', name: 'no two rules match the same input (hit: unique)' };
    if (rs.hit === 'any') return { kind: 'overlap', name: 'rules that match together agree (hit: any)' };
    return undefined;
  },
};

// Hit policies where the file order of rules decides: `first` (first match), `priority` (ties go
// to the earlier rule) and `collect` (outputs are lists in file order).
const ORDERED_HITS = new Set(['first', 'priority', 'collect', undefined]);

function hitOf(doc: Record<string, unknown>): string | undefined {
  return typeof doc.hit === 'string' ? doc.hit : undefined;
}

/** What the diffs compare of a ruleset: its outputs; rule order matters under order-sensitive hits. */
export const rulesetDiff: KindDiff = {
  project: (result) => ({ ...mapAt(result.outputs) }),
  ordered: {
    rules: (c) => ORDERED_HITS.has(hitOf(c.fromDoc)) || ORDERED_HITS.has(hitOf(c.toDoc)),
  },
};
