/**
 * What tests, invariants and diffs know about a process's result: the current stage (ranked in
 * stage order), whether the case is complete, each stage and deadline by id.
 */

import type { FactSchema } from '../../facts/types.ts';
import { listAt, mapAt, textAt } from '../common.ts';
import type { KindDiff, KindOutputs } from '../kind.ts';
import type { CompiledProcess } from './compile.ts';
import type { DeadlineView, StageState, StepState } from './evaluate.ts';

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

const TEXT: FactSchema = { type: 'string' };
const STAGE_STATES: StageState[] = ['done', 'current', 'pending', 'not-applicable'];
const STEP_STATES: StepState[] = ['done', 'pending', 'blocked', 'not-applicable'];
const DEADLINE_STATES: DeadlineView['state'][] = ['waiting', 'open', 'met', 'met-late', 'overdue'];

/** An object of these properties. */
function object(properties: Record<string, FactSchema>): FactSchema {
  return { type: 'object', properties };
}

/** A list of objects of these properties. */
function list(properties: Record<string, FactSchema>): FactSchema {
  return { type: 'array', items: object(properties) };
}

/** A process's result as declarations (evaluate.ts ProcessResult), for `never` invariants. */
export function processResultModel(p: CompiledProcess): Record<string, FactSchema> {
  const step = object({
    state: { enum: STEP_STATES },
    standard: TEXT,
    attempts: { type: 'integer', minimum: 0 },
    decisionId: TEXT,
    reason: TEXT,
    code: TEXT,
  });
  const stages = p.stages.map((s) => [
    s.id,
    object({
      state: { enum: STAGE_STATES },
      reason: TEXT,
      steps: object(Object.fromEntries(s.steps.map((x) => [x.id, step]))),
    }),
  ]);
  const deadline = object({
    state: { enum: DEADLINE_STATES },
    due: TEXT,
    metAt: TEXT,
    late: TEXT,
    lateMinutes: { type: 'number', minimum: 0 },
  });
  return {
    // null once every applicable stage is done.
    stage: { enum: [...p.stages.map((s) => s.id), null] },
    complete: { type: 'boolean' },
    stages: object(Object.fromEntries(stages)),
    deadlines: object(Object.fromEntries(p.deadlines.map((d) => [d.id, deadline]))),
    overdue: list({ deadline: TEXT, title: TEXT, due: TEXT, late: TEXT, lateMinutes: { type: 'number' } }),
    next: list({ step: TEXT, event: TEXT, standard: TEXT, title: TEXT }),
    refused: list({ decisionId: TEXT, step: TEXT, code: TEXT, message: TEXT }),
  };
}

/** The outputs of a process's results. */
export const processOutputs: KindOutputs<CompiledProcess> = {
  result: processResultModel,
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
