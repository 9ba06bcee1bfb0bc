/**
 * A case's history replayed over its process: every decision is taken only if its step could be
 * submitted at that point (so a history that skips QC cannot reach delivery, whoever wrote it),
 * the latest accepted attempt of a step decides, and the stages, steps and deadlines are read off
 * the state at the end. Pure: the process, which stages apply, the checked history and `at`.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { CompiledProcess, CompiledStage, CompiledStep } from './compile.ts';
import { unmet } from './completion.ts';
import type { Checked, DecisionEntry } from './history.ts';
import {
  gateWaitsForEvent,
  gateWaitsForStep,
  stageNotApplicable,
  stepBeforeInSequence,
  stepNotDone,
  stepOutOfOrder,
  type Unmet,
} from './reasons.ts';

/** Why a step may not be submitted now. */
export type RefusalCode = 'stage_not_applicable' | 'step_out_of_order' | 'step_not_allowed';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

/** The latest accepted attempt of a step. */
export interface Attempt {
  decisionId: string;
  at: string;
  ms: number;
  /** Undefined when the decision completes the step; else the test its result failed. */
  unmet?: Unmet;
}

/** The state after replaying a history. */
export interface ReplayState {
  process: CompiledProcess;
  applies: readonly boolean[];
  latest: Map<string, Attempt>;
  attempts: Map<string, number>;
  /** When each step was first done (deadlines run from it). */
  firstDone: Map<string, number>;
  /** Times of each event type, in history order. */
  events: Map<string, number[]>;
  /** Decisions of the history that were not taken, and why. */
  refused: { decisionId: string; step: string; code: RefusalCode; message: string }[];
}

/** Replays a checked history. */
export function replay(
  process: CompiledProcess,
  applies: readonly boolean[],
  history: readonly Checked[],
  lang: Lang = 'en',
): ReplayState {
  const state: ReplayState = {
    process,
    applies,
    latest: new Map(),
    attempts: new Map(),
    firstDone: new Map(),
    events: new Map(),
    refused: [],
  };
  for (const item of history) {
    if (item.kind === 'event') {
      const times = state.events.get(item.entry.type) ?? [];
      times.push(item.ms);
      state.events.set(item.entry.type, times);
      continue;
    }
    const refusal = refusalOf(state, item.step, currentStage(state), lang);
    if (refusal) {
      state.refused.push({ decisionId: item.entry.decisionId, step: item.step.key, ...refusal });
      continue;
    }
    record(state, item.step, item.entry, item.ms);
  }
  return state;
}

function record(state: ReplayState, step: CompiledStep, entry: DecisionEntry, ms: number): void {
  const why = unmet(step.completes, entry.result);
  state.latest.set(step.key, {
    decisionId: entry.decisionId,
    at: entry.at,
    ms,
    ...(why ? { unmet: why } : {}),
  });
  state.attempts.set(step.key, (state.attempts.get(step.key) ?? 0) + 1);
  if (!why && !state.firstDone.has(step.key)) state.firstDone.set(step.key, ms);
}

/** Whether the latest accepted attempt of a step completes it. */
export function isDone(state: ReplayState, key: string): boolean {
  const latest = state.latest.get(key);
  return latest !== undefined && latest.unmet === undefined;
}

/**
 * Why a stage is not done yet (its first missing step or gate), or undefined when it is; in
 * English (the API's results) unless `lang` asks for Chinese (what a page or a print shows).
 */
export function stageOpen(state: ReplayState, stage: CompiledStage, lang: Lang = 'en'): string | undefined {
  for (const step of stage.steps) {
    if (step.optional || isDone(state, step.key)) continue;
    return stepNotDone(step, state.latest.get(step.key)?.unmet, lang);
  }
  for (const key of stage.gate.steps) {
    if (!isDone(state, key)) return gateWaitsForStep(state.process.steps.get(key), key, lang);
  }
  for (const type of stage.gate.events) {
    if (!state.events.has(type)) return gateWaitsForEvent(state.process, type, lang);
  }
  return undefined;
}

/** The index of the current stage: the first applicable one not done; the stage count when all are. */
export function currentStage(state: ReplayState): number {
  for (const stage of state.process.stages) {
    if (state.applies[stage.index] && stageOpen(state, stage) !== undefined) return stage.index;
  }
  return state.process.stages.length;
}

/**
 * Why a step may not be submitted now, or undefined when it may: its stage must apply and be
 * entered (every applicable stage before it done: earlier stages may be worked again), and in a
 * sequential stage the required steps before it must be done.
 */
export function refusalOf(
  state: ReplayState,
  step: CompiledStep,
  current = currentStage(state),
  lang: Lang = 'en',
): Refusal | undefined {
  const stage = state.process.stages[step.stageIndex] as CompiledStage;
  if (!state.applies[stage.index]) {
    return { code: 'stage_not_applicable', message: stageNotApplicable(stage, step, lang) };
  }
  if (step.stageIndex > current) {
    const open = state.process.stages[current] as CompiledStage;
    return {
      code: 'step_out_of_order',
      message: stepOutOfOrder(step, stage, open, stageOpen(state, open, lang), lang),
    };
  }
  if (stage.sequential) {
    for (const before of stage.steps.slice(0, step.index)) {
      if (before.optional || isDone(state, before.key)) continue;
      return { code: 'step_not_allowed', message: stepBeforeInSequence(stage, before, step, lang) };
    }
  }
  return undefined;
}
