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

interface Move {
  jump: boolean;
  step: number;
  ok: boolean;
  gap: number;
  event: { type: string; data: Record<string, unknown> } | null;
}

/** Histories for a process, at `at`. */
export function requestArbitrary(process: CompiledProcess, at: string): fc.Arbitrary<Partial<RawRequest>> {
  const steps = [...process.steps.values()];
  const events = [...process.events.values()];
  const end = instantOf(at, process.timezone) ?? Date.parse('2026-01-01T00:00:00Z');
  const event =
    events.length === 0
      ? fc.constant(null)
      : fc.option(
          fc.oneof(
            ...events.map((e) => factsArbitrary(e.data.declared).map((data) => ({ type: e.type, data }))),
          ),
          { freq: 2 },
        );
  const move: fc.Arbitrary<Move> = fc.record({
    jump: fc.nat(6).map((n) => n === 0),
    step: fc.nat(Math.max(0, steps.length - 1)),
    ok: fc.nat(5).map((n) => n > 0),
    gap: fc.integer({ min: 5, max: 600 }),
    event,
  });
  return fc
    .array(move, { maxLength: steps.length + 8 })
    .map((moves) => ({ history: historyOf(process, steps, moves, end) }));
}

function historyOf(process: CompiledProcess, steps: CompiledStep[], moves: Move[], end: number): unknown[] {
  const out: unknown[] = [];
  // Start far enough back that every move fits before `at`.
  let t = end - moves.reduce((sum, m) => sum + 2 * m.gap, 0) * MINUTE_MS - 60 * MINUTE_MS;
  let cursor = 0;
  moves.forEach((m, n) => {
    const index = m.jump ? m.step : cursor;
    const step = steps[index];
    t += m.gap * MINUTE_MS;
    if (step) {
      out.push({
        decisionId: `d-${n + 1}`,
        standard: { id: step.standard },
        step: step.key,
        at: isoInZone(process.timezone, t),
        result: m.ok ? completing(step.completes) : failing(step.completes),
      });
      if (m.ok && !m.jump) cursor = Math.min(index + 1, steps.length - 1);
    }
    if (m.event) {
      t += m.gap * MINUTE_MS;
      out.push({
        type: m.event.type,
        time: isoInZone(process.timezone, t),
        actor: 'A-01',
        data: m.event.data,
      });
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
