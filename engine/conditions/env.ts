import { shiftDate } from './dates.ts';
import type { DateWindow } from './operators.ts';

/** What every condition may read besides the facts: the evaluation date and dates relative to it. */
export interface EvalEnv {
  at: string;
  /** `$at` moved by days and calendar years (memoised per evaluation). */
  shifted(days: number, years: number): string;
  /** The window [$at − days, $at] of `withinDays`. */
  window(days: number): DateWindow;
}

// Environments are pure functions of the date, so evaluations at the same date share one (and its
// memo of shifted dates). Bounded: a replay over many dates starts afresh now and then.
const envs = new Map<string, EvalEnv>();
const MAX_ENVS = 1024;

/** The environment of evaluations at a date (shared by every evaluation at that date). */
export function evalEnv(at: string): EvalEnv {
  if (last !== undefined && last.at === at) return last;
  let env = envs.get(at);
  if (env === undefined) {
    if (envs.size >= MAX_ENVS) envs.clear();
    env = makeEnv(at);
    envs.set(at, env);
  }
  last = env;
  return env;
}

// The environment asked for last: consecutive evaluations nearly always share the date.
let last: EvalEnv | undefined;

function makeEnv(at: string): EvalEnv {
  const memo = new Map<string, string>();
  return {
    at,
    shifted(days, years) {
      if (days === 0 && years === 0) return at;
      const key = `${days}|${years}`;
      let v = memo.get(key);
      if (v === undefined) {
        v = shiftDate(at, { days, years });
        memo.set(key, v);
      }
      return v;
    },
    window(days) {
      return { from: this.shifted(-days, 0), to: at };
    },
  };
}

/**
 * Reads a fact path from an object of facts the way json-rules-engine does: the first name is
 * the fact, the rest a path into it; a fact that is not an object answers for any deeper path.
 */
export function readPath(scope: Record<string, unknown>, path: readonly string[]): unknown {
  const head = path[0] as string;
  const v = Object.hasOwn(scope, head) ? scope[head] : undefined;
  if (path.length === 1 || v === null || typeof v !== 'object') return v;
  return readRest(v, path);
}

/** The part of a path after the fact name, on an object (json-rules-engine's path resolver). */
export function readRest(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (let i = 1; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined;
    const key = path[i] as string;
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}
