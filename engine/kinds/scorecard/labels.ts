/** What a scorecard's `labels:` may name (its grade, its outcome fields) and the codes of its results. */
import type { LabelSink } from '../../i18n/labels.ts';
import { mapAt } from '../common.ts';
import type { CompiledScorecard } from './compile.ts';

/** `grade` with every grade, and each outcome field with the values the grades give it. */
export function scorecardLabelTargets(
  sc: CompiledScorecard,
): ReadonlyMap<string, readonly string[] | undefined> {
  const out = new Map<string, readonly string[] | undefined>([['grade', sc.grades.map((g) => g.grade)]]);
  const fields = new Map<string, Set<string>>();
  for (const g of sc.grades) {
    for (const [field, v] of Object.entries(g.outcome)) {
      if (field === 'grade') continue;
      let set = fields.get(field);
      if (!set) {
        set = new Set();
        fields.set(field, set);
      }
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') set.add(String(v));
    }
  }
  for (const [field, set] of fields) out.set(field, [...set]);
  return out;
}

/** The grade (and the grade by score), and the outcome fields' values. */
export function scorecardLabelsIn(result: unknown, sink: LabelSink): void {
  const r = mapAt(result);
  sink.value('grade', r.grade);
  sink.value('grade', r.gradeByScore);
  const outcome = mapAt(r.outcome);
  for (const field in outcome) sink.value(field, outcome[field]);
}
