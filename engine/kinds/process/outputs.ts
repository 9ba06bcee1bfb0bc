/**
 * What tests, invariants and diffs know about a process's result: the current stage (ranked in
 * stage order), whether the case is complete, each stage and deadline by id.
 */
import { listAt, mapAt, textAt } from '../common.ts';
import type { KindDiff, KindOutputs } from '../kind.ts';
import type { CompiledProcess } from './compile.ts';

/** The keys of a process's result; `stages` and `deadlines` hold one entry per id. */
export function processKeys(stages: readonly string[], deadlines: readonly string[]) {
  return {
    stage: undefined,
    complete: undefined,
    stages,
    deadlines,
    overdue: undefined,
    next: undefined,
    refused: undefined,
  };
}

/** The stage and deadline ids of a process as written (for checks before it is compiled). */
export function idsOf(data: Record<string, unknown>): { stages: string[]; deadlines: string[] } {
  const ids = (list: unknown) =>
    listAt(list).flatMap((x) => (textAt(mapAt(x).id) ? [textAt(mapAt(x).id) as string] : []));
  return { stages: ids(data.stages), deadlines: ids(data.deadlines) };
}

/** The outputs of a process's results. */
export const processOutputs: KindOutputs<CompiledProcess> = {
  keys: (p) =>
    processKeys(
      p.stages.map((s) => s.id),
      p.deadlines.map((d) => d.id),
    ),
  // A case moves forward through the stages; "done" (null) comes after the last.
  ranks: (p, output) => (output === 'stage' ? [...p.stages.map((s) => s.id), null] : undefined),
  incomplete: (_p, { result }) =>
    Object.values(mapAt(mapAt(result).stages)).some((s) => mapAt(s).state !== 'not-applicable')
      ? undefined
      : 'no stage of the process applies to this case',
};

/** What the diffs compare of a process: where a case stands and what is overdue; stage order always matters. */
export const processDiff: KindDiff = {
  project: (result) => ({
    stage: result.stage,
    complete: result.complete,
    overdue: listAt(result.overdue).map((o) => textAt(mapAt(o).deadline) ?? ''),
  }),
  ordered: {
    stages: () => true,
    'stages[].steps': (c) => c.fromParent.order === 'sequential' || c.toParent.order === 'sequential',
  },
};
