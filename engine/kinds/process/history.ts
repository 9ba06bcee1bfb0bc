/**
 * A case's history as a process evaluates it: its decisions (each the result of evaluating one
 * step's standard) and its events (delivered, call-attempted, …), in the order they were recorded.
 * Checked before anything is evaluated, every problem with its path (`/history/3/time`).
 */
import { type Diagnostic, error, NormaError } from '../../diagnostics.ts';
import { didYouMean } from '../../util/suggest.ts';
import type { PreparedInput, RawRequest } from '../kind.ts';
import type { CompiledProcess, CompiledStep } from './compile.ts';
import { dateTimeMs } from './time.ts';

/** A decision recorded for a case: what a step's standard decided, and when. */
export interface DecisionEntry {
  decisionId: string;
  standard: { id: string; version?: string; digest?: string };
  /** The step it was recorded for (`stage.step`); when absent, the one step that needs the standard. */
  step?: string;
  at: string;
  recordedAt?: string;
  result: unknown;
  matched?: unknown[];
}

/** An event of a case that is not a decision. */
export interface EventEntry {
  type: string;
  time: string;
  actor?: string;
  data?: Record<string, unknown>;
}

export type HistoryEntry = DecisionEntry | EventEntry;

/** A checked history entry: the step a decision is for, the instant of an entry. */
export type Checked =
  | { kind: 'decision'; entry: DecisionEntry; step: CompiledStep; ms: number; index: number }
  | { kind: 'event'; entry: EventEntry; ms: number; index: number };

/** The prepared input of a process: facts, and the checked history. */
export interface ProcessInput extends PreparedInput {
  extra: { history: Checked[]; at: string };
}

/** Checks a request's history against the process; `history_invalid` with every problem. */
export function prepareProcess(
  process: CompiledProcess,
  request: RawRequest,
  facts: Record<string, unknown>,
): ProcessInput | NormaError {
  const raw = request.history === undefined ? [] : request.history;
  if (!Array.isArray(raw)) {
    return invalid([problem('history_entry_invalid', 'history must be a list of decisions and events', '')]);
  }
  const details: Diagnostic[] = [];
  const checked: Checked[] = [];
  raw.forEach((value, index) => {
    const entry = checkEntry(process, value, index, details);
    if (entry) checked.push(entry);
  });
  if (details.length > 0) return invalid(details);
  const at = (request as { at?: unknown }).at;
  return { facts, extra: { history: checked, at: typeof at === 'string' ? at : new Date().toISOString() } };
}

function checkEntry(
  process: CompiledProcess,
  value: unknown,
  index: number,
  details: Diagnostic[],
): Checked | undefined {
  const at = `/${index}`;
  if (!isMapping(value)) {
    details.push(problem('history_entry_invalid', `entry ${index} is not an object`, at));
    return undefined;
  }
  if (typeof value.decisionId === 'string') return checkDecision(process, value, index, details);
  if (typeof value.type === 'string') return checkEvent(process, value, index, details);
  details.push(
    problem(
      'history_entry_invalid',
      `entry ${index} is neither a decision (\`decisionId\`) nor an event (\`type\`)`,
      at,
      'a decision has decisionId, standard, at and result; an event has type, time, actor and data',
    ),
  );
  return undefined;
}

function checkDecision(
  process: CompiledProcess,
  value: Record<string, unknown>,
  index: number,
  details: Diagnostic[],
): Checked | undefined {
  const at = `/${index}`;
  const before = details.length;
  const standard = isMapping(value.standard) ? value.standard : {};
  const id = typeof standard.id === 'string' ? standard.id : undefined;
  if (!id)
    details.push(
      problem('history_entry_invalid', `decision ${index} names no \`standard.id\``, `${at}/standard`),
    );
  const ms = dateTimeMs(value.at);
  if (ms === undefined) {
    details.push(
      problem(
        'history_entry_invalid',
        `\`at\` of decision ${index} must be an ISO date-time`,
        `${at}/at`,
        'e.g. 2026-12-03T09:12:00+08:00',
      ),
    );
  }
  if (!isMapping(value.result)) {
    details.push(
      problem('history_entry_invalid', `decision ${index} has no \`result\` object`, `${at}/result`),
    );
  }
  const step = id ? stepOf(process, id, value.step, at, details) : undefined;
  if (details.length > before || !step || ms === undefined) return undefined;
  return { kind: 'decision', entry: value as unknown as DecisionEntry, step, ms, index };
}

/** The step a decision is for: the one it names, or the only step that needs its standard. */
function stepOf(
  process: CompiledProcess,
  standard: string,
  named: unknown,
  at: string,
  details: Diagnostic[],
): CompiledStep | undefined {
  if (named !== undefined) {
    const step = typeof named === 'string' ? process.steps.get(named) : undefined;
    if (!step) {
      details.push(
        problem(
          'history_step_unknown',
          `no step ${JSON.stringify(named)} in this process`,
          `${at}/step`,
          didYouMean(String(named), process.steps.keys()) ?? 'steps are named `stage.step`',
        ),
      );
    } else if (step.standard !== standard) {
      details.push(
        problem(
          'history_step_unknown',
          `step \`${step.key}\` needs \`${step.standard}\`, not \`${standard}\``,
          `${at}/standard/id`,
        ),
      );
      return undefined;
    }
    return step;
  }
  const steps = process.byStandard.get(standard) ?? [];
  if (steps.length === 1) return steps[0];
  if (steps.length === 0) {
    details.push(
      problem(
        'history_step_unknown',
        `no step of this process needs \`${standard}\``,
        `${at}/standard/id`,
        didYouMean(standard, process.byStandard.keys()) ??
          `the process needs ${[...process.byStandard.keys()].join(', ')}`,
      ),
    );
  } else {
    details.push(
      problem(
        'history_step_ambiguous',
        `\`${standard}\` serves ${steps.map((s) => `\`${s.key}\``).join(' and ')}: the decision must name its \`step\``,
        `${at}/standard/id`,
      ),
    );
  }
  return undefined;
}

function checkEvent(
  process: CompiledProcess,
  value: Record<string, unknown>,
  index: number,
  details: Diagnostic[],
): Checked | undefined {
  const at = `/${index}`;
  const type = value.type as string;
  const declared = process.events.get(type);
  const before = details.length;
  if (!declared) {
    details.push(
      problem(
        'history_event_unknown',
        `no event \`${type}\` in this process`,
        `${at}/type`,
        didYouMean(type, process.events.keys()) ??
          `its events: ${[...process.events.keys()].join(', ') || 'none'}`,
      ),
    );
  }
  const ms = dateTimeMs(value.time);
  if (ms === undefined) {
    details.push(
      problem(
        'history_entry_invalid',
        `\`time\` of event ${index} must be an ISO date-time`,
        `${at}/time`,
        'e.g. 2026-12-03T15:00:00+08:00',
      ),
    );
  }
  if (value.actor !== undefined && typeof value.actor !== 'string') {
    details.push(problem('history_entry_invalid', `\`actor\` of event ${index} must be text`, `${at}/actor`));
  }
  let data: Record<string, unknown> | undefined;
  if (declared) {
    const prepared = declared.data.prepare(value.data === undefined ? {} : value.data);
    if (prepared.ok) data = prepared.facts;
    else {
      for (const d of prepared.details) {
        details.push(
          problem(
            'history_event_data_invalid',
            `event \`${type}\`: ${d.message}`,
            `${at}/data${d.path ?? ''}`,
            d.hint,
          ),
        );
      }
    }
  }
  if (details.length > before || ms === undefined) return undefined;
  const entry: EventEntry = { ...(value as unknown as EventEntry), ...(data ? { data } : {}) };
  return { kind: 'event', entry, ms, index };
}

function problem(
  code:
    | 'history_entry_invalid'
    | 'history_event_unknown'
    | 'history_event_data_invalid'
    | 'history_step_unknown'
    | 'history_step_ambiguous',
  message: string,
  at: string,
  hint?: string,
): Diagnostic {
  return error(code, message, { path: `/history${at}`, ...(hint ? { hint } : {}) });
}

function invalid(details: Diagnostic[]): NormaError {
  const n = details.length;
  return new NormaError(
    'history_invalid',
    `the history does not fit the process (${n} problem${n === 1 ? '' : 's'})`,
    details,
  );
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
