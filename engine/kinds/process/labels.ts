/** The codes of a process result to label: stage, step and deadline states. */
import type { LabelSink } from '../../i18n/labels.ts';
import { mapAt } from '../common.ts';

/** Each stage's and step's state, and each deadline's. */
export function processLabelsIn(result: unknown, sink: LabelSink): void {
  const r = mapAt(result);
  const stages = mapAt(r.stages);
  for (const id in stages) {
    const stage = mapAt(stages[id]);
    sink.code('state', stage.state);
    const steps = mapAt(stage.steps);
    for (const key in steps) sink.code('state', mapAt(steps[key]).state);
  }
  const deadlines = mapAt(r.deadlines);
  for (const id in deadlines) sink.code('deadline', mapAt(deadlines[id]).state);
}
