/**
 * What tests, invariants and diffs know about a checklist's result: its status (ranked fail <
 * incomplete < pass), the items a request answers, and sequential sections whose order decides.
 */
import { listAt, mapAt } from '../common.ts';
import type { AnswerItem, KindDiff, KindOutputs } from '../kind.ts';
import { answerSchema } from './answer.ts';
import type { CompiledChecklist } from './compile.ts';

/** The outputs of a checklist's results. */
export const checklistOutputs: KindOutputs<CompiledChecklist> = {
  keys: () => ({ status: undefined, score: undefined, blocking: undefined, items: undefined }),
  ranks: (_cl, output) => (output === 'status' ? ['fail', 'incomplete', 'pass'] : undefined),
  incomplete: (_cl, { result }) =>
    listAt(mapAt(result).items).some((i) => mapAt(i).status !== 'na')
      ? undefined
      : 'no item of the checklist applies',
};

/** The answers a checklist's requests carry: one per item, by `section.item`. */
export function checklistAnswerItems(cl: CompiledChecklist): AnswerItem[] {
  return cl.items.map((item) => ({
    key: item.key,
    schema: answerSchema(item.answer, item.choices),
    evidence: item.evidence,
  }));
}

/** What the diffs compare of a checklist: its status; item order matters in sequential sections. */
export const checklistDiff: KindDiff = {
  project: (result) => ({ status: result.status }),
  ordered: {
    'sections[].items': (c) => c.fromParent.order === 'sequential' || c.toParent.order === 'sequential',
  },
};
