import type { EvalEnv } from '../../conditions/env.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Ask, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import type { CompiledDeadline, CompiledProcess, CompiledStage, CompiledStep } from './compile.ts';
import type { ProcessInput } from './history.ts';
import { attemptUnmet } from './reasons.ts';
import { currentStage, isDone, type ReplayState, refusalOf, replay, stageOpen } from './replay.ts';
import { addSpan, instantOf, isoDuration, isoInZone, minutesBetween } from './time.ts';

export type StepState = 'done' | 'pending' | 'blocked' | 'not-applicable';
export type StageState = 'done' | 'current' | 'pending' | 'not-applicable';

/** One step of a case: its state, the decision that did it, or why it cannot be done now. */
export interface StepView {
  state: StepState;
  standard: string;
  attempts: number;
  /** The latest accepted decision for the step (the one that did it, when done). */
  decisionId?: string;
  /** Why the step is blocked, or why its latest attempt did not complete it. */
  reason?: string;
  /** The refusal code a submission would get now (blocked steps). */
  code?: string;
}

export interface StageView {
  state: StageState;
  steps: Record<string, StepView>;
  /** Why the stage is not done (current stages). */
  reason?: string;
}

export interface DeadlineView {
  state: 'waiting' | 'open' | 'met' | 'met-late' | 'overdue';
  /** When it is due (once it runs), in the process's time zone. */
  due?: string;
  metAt?: string;
  /** How late (ISO 8601 duration) and in minutes: overdue or met late. */
  late?: string;
  lateMinutes?: number;
}

export interface OverdueDeadline {
  deadline: string;
  title?: string;
  due: string;
  late: string;
  lateMinutes: number;
}

export type NextAction =
  | { step: string; standard: string; title?: string }
  | { event: string; title?: string };

/** A process's result: where the case stands at `at`. */
export interface ProcessResult {
  /** The current stage's id; null when every applicable stage is done. */
  stage: string | null;
  complete: boolean;
  stages: Record<string, StageView>;
  deadlines: Record<string, DeadlineView>;
  overdue: OverdueDeadline[];
  next: NextAction[];
  refused: { decisionId: string; step: string; code: string; message: string }[];
}

/** Evaluates a process over a case's history at `at` (an instant, or the end of a plain date). */
export function* evaluateProcess(
  process: CompiledProcess,
  input: PreparedInput,
  env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const truths = yield { set: process.set, scope: input.facts };
  const applies = process.stages.map((s) => truths.get(s.index));
  const extra = input.extra as ProcessInput['extra'] | undefined;
  const state = replay(process, applies, extra?.history ?? []);
  const atMs = instantOf(extra?.at ?? env.at, process.timezone) ?? Date.now();
  const result = resultOf(state, atMs);
  return {
    result,
    matched: matchedOf(state),
    explain: explain ? explainOf(state, result, truths) : [],
  };
}

/** The result at `atMs` of a replayed state. */
export function resultOf(state: ReplayState, atMs: number): ProcessResult {
  const { process } = state;
  const current = currentStage(state);
  const stages: Record<string, StageView> = {};
  for (const stage of process.stages) stages[stage.id] = stageView(state, stage, current);
  const deadlines: Record<string, DeadlineView> = {};
  const overdue: OverdueDeadline[] = [];
  for (const d of process.deadlines) {
    const view = deadlineView(state, d, atMs);
    deadlines[d.id] = view;
    if (view.state === 'overdue' && view.due && view.late && view.lateMinutes !== undefined) {
      overdue.push({
        deadline: d.id,
        ...(d.title ? { title: d.title } : {}),
        due: view.due,
        late: view.late,
        lateMinutes: view.lateMinutes,
      });
    }
  }
  const open = process.stages[current];
  return {
    stage: open ? open.id : null,
    complete: open === undefined,
    stages,
    deadlines,
    overdue,
    next: nextActions(state, open, current, deadlines),
    refused: state.refused,
  };
}

function stageView(state: ReplayState, stage: CompiledStage, current: number, lang: Lang = 'en'): StageView {
  const steps: Record<string, StepView> = {};
  for (const step of stage.steps) steps[step.id] = stepView(state, step, current, lang);
  if (!state.applies[stage.index]) return { state: 'not-applicable', steps };
  if (stage.index === current) {
    const reason = stageOpen(state, stage, lang);
    return { state: 'current', steps, ...(reason ? { reason } : {}) };
  }
  return {
    state: stage.index < current || stageOpen(state, stage) === undefined ? 'done' : 'pending',
    steps,
  };
}

function stepView(state: ReplayState, step: CompiledStep, current: number, lang: Lang): StepView {
  const latest = state.latest.get(step.key);
  const base = {
    standard: step.standard,
    attempts: state.attempts.get(step.key) ?? 0,
    ...(latest ? { decisionId: latest.decisionId } : {}),
  };
  if (!state.applies[step.stageIndex]) return { state: 'not-applicable', ...base };
  if (isDone(state, step.key)) return { state: 'done', ...base };
  const refusal = refusalOf(state, step, current, lang);
  if (refusal) return { state: 'blocked', ...base, reason: refusal.message, code: refusal.code };
  return {
    state: 'pending',
    ...base,
    ...(latest?.unmet ? { reason: attemptUnmet(latest.unmet, lang) } : {}),
  };
}

/**
 * The reasons of a replayed state in `lang`: why each current stage is not done and why each
 * step is blocked or its latest attempt fell short, keyed by stage id and by `stage.step`. The
 * result keeps English (`resultOf`); a page or a print in Chinese reads these.
 */
export function reasonsOf(
  state: ReplayState,
  lang: Lang,
): { stages: Record<string, string>; steps: Record<string, string> } {
  const current = currentStage(state);
  const stages: Record<string, string> = {};
  const steps: Record<string, string> = {};
  for (const stage of state.process.stages) {
    const view = stageView(state, stage, current, lang);
    if (view.reason) stages[stage.id] = view.reason;
    for (const step of stage.steps) {
      const reason = view.steps[step.id]?.reason;
      if (reason) steps[step.key] = reason;
    }
  }
  return { stages, steps };
}

function anchorTime(
  state: ReplayState,
  anchor: CompiledDeadline['from'],
  after?: number,
): number | undefined {
  const times =
    'event' in anchor ? (state.events.get(anchor.event) ?? []) : firstDoneTimes(state, anchor.step);
  return after === undefined ? times[0] : times.find((t) => t >= after);
}

function firstDoneTimes(state: ReplayState, key: string): number[] {
  const t = state.firstDone.get(key);
  return t === undefined ? [] : [t];
}

function deadlineView(state: ReplayState, d: CompiledDeadline, atMs: number): DeadlineView {
  const tz = state.process.timezone;
  const from = anchorTime(state, d.from);
  if (from === undefined) return { state: 'waiting' };
  const dueMs = addSpan(tz, from, d.within);
  const due = isoInZone(tz, dueMs);
  const met = anchorTime(state, d.met, from);
  if (met !== undefined) {
    if (met <= dueMs) return { state: 'met', due, metAt: isoInZone(tz, met) };
    const lateMinutes = minutesBetween(dueMs, met);
    return { state: 'met-late', due, metAt: isoInZone(tz, met), late: isoDuration(lateMinutes), lateMinutes };
  }
  if (atMs <= dueMs) return { state: 'open', due };
  const lateMinutes = minutesBetween(dueMs, atMs);
  return { state: 'overdue', due, late: isoDuration(lateMinutes), lateMinutes };
}

/** What may be done now: the current stage's steps that may be submitted, and the events it waits for. */
function nextActions(
  state: ReplayState,
  open: CompiledStage | undefined,
  current: number,
  deadlines: Record<string, DeadlineView>,
): NextAction[] {
  const out: NextAction[] = [];
  const events = new Set<string>();
  if (open) {
    for (const step of open.steps) {
      if (isDone(state, step.key) || refusalOf(state, step, current)) continue;
      out.push({ step: step.key, standard: step.standard, ...(step.title ? { title: step.title } : {}) });
    }
    for (const key of open.gate.steps) {
      const step = state.process.steps.get(key);
      if (
        step &&
        !isDone(state, key) &&
        !refusalOf(state, step, current) &&
        !out.some((a) => 'step' in a && a.step === key)
      ) {
        out.push({ step: key, standard: step.standard, ...(step.title ? { title: step.title } : {}) });
      }
    }
    for (const type of open.gate.events) if (!state.events.has(type)) events.add(type);
  }
  // An open or overdue deadline met by an event: that event is due too.
  for (const d of state.process.deadlines) {
    const view = deadlines[d.id];
    if ((view?.state === 'open' || view?.state === 'overdue') && 'event' in d.met) events.add(d.met.event);
  }
  for (const type of events) {
    const title = state.process.events.get(type)?.title;
    out.push({ event: type, ...(title ? { title } : {}) });
  }
  return out;
}

function matchedOf(state: ReplayState): Matched[] {
  const out: Matched[] = [];
  for (const step of state.process.steps.values()) {
    if (!state.applies[step.stageIndex] || !isDone(state, step.key)) continue;
    const m: Matched = { rule: step.key };
    if (step.clause !== undefined) m.clause = step.clause;
    if (step.title) m.title = step.title;
    m.message = `done by decision ${state.latest.get(step.key)?.decisionId}`;
    out.push(m);
  }
  return out;
}

function explainOf(state: ReplayState, result: ProcessResult, truths: Truths): ExplainEntry[] {
  const out: ExplainEntry[] = [];
  for (const stage of state.process.stages) {
    const view = result.stages[stage.id] as StageView;
    const conditions = truths.explain?.(stage.index);
    out.push({
      type: 'stage',
      id: stage.id,
      applied: state.applies[stage.index] === true,
      ...(stage.clause !== undefined ? { clause: stage.clause } : {}),
      line: stage.line,
      col: stage.col,
      reason: view.state === 'current' && view.reason ? `current: ${view.reason}` : view.state,
      ...(conditions ? { conditions } : {}),
    });
    for (const step of stage.steps) {
      const s = view.steps[step.id] as StepView;
      out.push({
        type: 'step',
        id: step.key,
        applied: s.state === 'done',
        ...(step.clause !== undefined ? { clause: step.clause } : {}),
        line: step.line,
        col: step.col,
        reason: s.reason ? `${s.state}: ${s.reason}` : s.state,
        ...(s.decisionId ? { decisionId: s.decisionId } : {}),
      });
    }
  }
  for (const d of state.process.deadlines) {
    const view = result.deadlines[d.id] as DeadlineView;
    out.push({
      type: 'deadline',
      id: d.id,
      applied: view.state !== 'waiting',
      ...(d.clause !== undefined ? { clause: d.clause } : {}),
      line: d.line,
      col: d.col,
      reason: view.late ? `${view.state} by ${view.late}` : view.state,
    });
  }
  return out;
}
