/**
 * What tests, invariants and diffs know about a scorecard's result: grades ranked worst to best,
 * criteria every input must band, and bands and grades whose order decides.
 */
import { listAt, mapAt } from '../common.ts';
import type { KindDiff, KindOutputs } from '../kind.ts';
import type { CompiledScorecard } from './compile.ts';

/** The outputs of a scorecard's results. */
export const scorecardOutputs: KindOutputs<CompiledScorecard> = {
  keys: () => ({
    score: undefined,
    grade: undefined,
    outcome: undefined,
    gradeByScore: undefined,
    criteria: undefined,
    vetoed: undefined,
  }),
  // Grades are written best first; rank them worst first so "increasing" means better.
  ranks: (sc, output) =>
    output === 'grade' || output === 'gradeByScore' ? sc.grades.map((g) => g.grade).reverse() : undefined,
  incomplete(_sc, { result }) {
    const bare = listAt(mapAt(result).criteria)
      .map(mapAt)
      .filter((c) => c.band === null || c.band === undefined)
      .map((c) => `\`${String(c.id)}\``);
    return bare.length === 0 ? undefined : `no band applies to criterion ${bare.join(', ')}`;
  },
};

/** What the diffs compare of a scorecard: its grade; band and grade order decide. */
export const scorecardDiff: KindDiff = {
  project: (result) => ({ grade: result.grade }),
  ordered: { 'criteria[].bands': () => true, grades: () => true },
  keys: { grades: 'grade' },
};
