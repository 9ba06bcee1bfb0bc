/**
 * Generated case histories, for a process's invariants and searches: mostly a walk through the
 * steps in document order (most attempts completing their step, some not, so steps repeat), with
 * jumps to any step (out of order, which the replay refuses) and events in between, all at
 * increasing times in the days before `at`.
 */
import fc from 'fast-check';
import { factsArbitrary } from '../../assurance/arbitraries.ts';
import type { RawRequest } from '../kind.ts';
import type { CompiledProcess, CompiledStep } from './compile.ts';
import type { Completion } from './completion.ts';
import { instantOf, isoInZone } from './time.ts';

const MINUTE_MS = 60_000;

/** One thing a case may record: a step's decision, or an event (a gate's, a deadline's, any). */
type Action = { step: CompiledStep } | { event: string };

interface Move {
  jump: boolean;
  pick: number;
  ok: boolean;
  gap: number;
  /** Data for every event type, so whichever is recorded has some. */
  data: Record<string, Record<string, unknown>>;
  extra: number | null;
}

/** Histories for a process, at `at`. */
export function requestArbitrary(process: CompiledProcess, at: string): fc.Arbitrary<Partial<RawRequest>> {
  const actions = actionsOf(process);
  const events = [...process.events.values()];
  const end = instantOf(at, process.timezone) ?? Date.parse('2026-01-01T00:00:00Z');
  const data = fc.record(Object.fromEntries(events.map((e) => [e.type, factsArbitrary(e.data.declared)])));
  const move: fc.Arbitrary<Move> = fc.record({
    jump: fc.nat(6).map((n) => n === 0),
    pick: fc.nat(Math.max(0, actions.length - 1)),
    ok: fc.nat(5).map((n) => n > 0),
    gap: fc.integer({ min: 5, max: 600 }),
    data,
    extra: events.length === 0 ? fc.constant(null) : fc.option(fc.nat(events.length - 1), { freq: 4 }),
  });
  return fc.array(move, { maxLength: actions.length + 8 }).map((moves) => ({
    history: historyOf(
      process,
      actions,
      events.map((e) => e.type),
      moves,
      end,
    ),
  }));
}

/** What a case records, in the order the process expects: each stage's steps, then its gate's events. */
function actionsOf(process: CompiledProcess): Action[] {
  const out: Action[] = [];
  for (const stage of process.stages) {
    for (const step of stage.steps) out.push({ step });
    for (const event of stage.gate.events) out.push({ event });
  }
  for (const d of process.deadlines) if ('event' in d.met) out.push({ event: d.met.event });
  return out;
}

function historyOf(
  process: CompiledProcess,
  actions: Action[],
  events: string[],
  moves: Move[],
  end: number,
): unknown[] {
  const out: unknown[] = [];
  // Start far enough back that every move fits before `at`.
  let t = end - moves.reduce((sum, m) => sum + 2 * m.gap, 0) * MINUTE_MS - 60 * MINUTE_MS;
  let cursor = 0;
  const eventAt = (type: string, m: Move) => ({
    type,
    time: isoInZone(process.timezone, t),
    actor: 'A-01',
    data: m.data[type] ?? {},
  });
  moves.forEach((m, n) => {
    const index = m.jump ? m.pick : cursor;
    const action = actions[index];
    t += m.gap * MINUTE_MS;
    if (action && 'step' in action) {
      out.push({
        decisionId: `d-${n + 1}`,
        standard: { id: action.step.standard },
        step: action.step.key,
        at: isoInZone(process.timezone, t),
        result: m.ok ? completing(action.step.completes) : failing(action.step.completes),
      });
    } else if (action) out.push(eventAt(action.event, m));
    if (m.ok && !m.jump) cursor = Math.min(index + 1, actions.length - 1);
    const extra = m.extra === null ? undefined : events[m.extra];
    if (extra !== undefined) {
      t += m.gap * MINUTE_MS;
      out.push(eventAt(extra, m));
    }
  });
  return out;
}

/** A result that passes every test. */
function completing(tests: readonly Completion[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const c of tests) set(result, c.path, passingValue(c));
  return result;
}

/** A result that fails the first test (a checklist that failed, a qualification refused). */
function failing(tests: readonly Completion[]): Record<string, unknown> {
  const result = completing(tests);
  const first = tests[0];
  if (first) set(result, first.path, failingValue(first));
  return result;
}

function passingValue(c: Completion): unknown {
  switch (c.op) {
    case 'in':
      return Array.isArray(c.value) ? c.value[0] : c.value;
    case 'notIn':
      return '(other)';
    case 'exists':
      return c.value === true ? 'x' : undefined;
    case 'includes':
      return [c.value];
    case 'excludes':
      return [];
    default:
      return c.value;
  }
}

function failingValue(c: Completion): unknown {
  switch (c.op) {
    case 'equals':
      if (typeof c.value === 'boolean') return !c.value;
      if (typeof c.value === 'number') return c.value + 1;
      if (c.value === 'pass') return 'fail';
      return Array.isArray(c.value) ? ['(other)'] : '(other)';
    case 'in':
      return '(other)';
    case 'notIn':
      return Array.isArray(c.value) ? c.value[0] : c.value;
    case 'exists':
      return c.value === true ? undefined : 'x';
    case 'atLeast':
      return typeof c.value === 'number' ? c.value - 1 : 0;
    case 'atMost':
      return typeof c.value === 'number' ? c.value + 1 : 1;
    case 'includes':
      return [];
    case 'excludes':
      return Array.isArray(c.value) ? [c.value[0]] : [c.value];
  }
}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let t = target;
  path.slice(0, -1).forEach((p) => {
    if (typeof t[p] !== 'object' || t[p] === null) t[p] = {};
    t = t[p] as Record<string, unknown>;
  });
  const last = path[path.length - 1];
  if (last !== undefined && value !== undefined) t[last] = value;
}
