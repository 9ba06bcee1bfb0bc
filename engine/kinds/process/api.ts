/**
 * What a case service needs from a process, beyond the generic evaluation: where a case stands
 * (`evaluateProcess`), whether a step may be submitted now (`allowedStep`), and the facts of a
 * step's standard that the case supplies (`stepFacts`).
 */
import { evalEnv } from '../../conditions/env.ts';
import { NormaError } from '../../diagnostics.ts';
import type { CompiledDocument } from '../../document.ts';
import { evaluateFast, prepareRequest } from '../../evaluate.ts';
import type { Lang } from '../../i18n/lang.ts';
import { didYouMean } from '../../util/suggest.ts';
import { readySet } from '../kind.ts';
import type { CompiledProcess, CompiledStep } from './compile.ts';
import { type ProcessResult, reasonsOf } from './evaluate.ts';
import type { ProcessInput } from './history.ts';
import { type RefusalCode, type ReplayState, refusalOf, replay } from './replay.ts';

/** A case as a process evaluates it: its facts, its history, and the instant (or date) to evaluate at. */
export interface ProcessRequest {
  facts?: unknown;
  history?: unknown;
  at?: string;
}

/** Whether a step may be submitted now: the step, or the coded reason it may not. */
export type StepPermission =
  | { allowed: true; step: string; standard: string }
  | { allowed: false; code: RefusalCode | 'step_unknown'; message: string; step?: string };

/**
 * Where a case stands: the current stage, every step's state, overdue deadlines and the next
 * actions. Throws `facts_invalid`, `history_invalid` or `at_invalid` on a bad request.
 */
export function evaluateProcess(doc: CompiledDocument, request: ProcessRequest): ProcessResult {
  processOf(doc);
  return evaluateFast(doc, request).result as ProcessResult;
}

/**
 * Why a case's stages and steps are not done, in `lang`, keyed by stage id and `stage.step`: what
 * the case page and the printed case file show beside `evaluateProcess`'s result (whose reasons
 * stay English, as the API answers). Same request, same replay.
 */
export function caseReasons(
  doc: CompiledDocument,
  request: ProcessRequest,
  lang: Lang,
): { stages: Record<string, string>; steps: Record<string, string>; refused: Record<string, string> } {
  const state = replayed(doc, request, lang);
  const refused: Record<string, string> = {};
  for (const r of state.refused) refused[r.decisionId] = r.message;
  return { ...reasonsOf(state, lang), refused };
}

/** The case's history replayed over the process, on the stages its facts make apply. */
function replayed(doc: CompiledDocument, request: ProcessRequest, lang: Lang = 'en'): ReplayState {
  const process = processOf(doc);
  const { input, at } = prepareRequest(doc, request);
  const env = evalEnv(at.slice(0, 10));
  const applies = readySet(process.set).fns.map((fn) => fn(input.facts, env));
  return replay(process, applies, (input as ProcessInput).extra.history, lang);
}

/**
 * Whether `step` (`stage.step`, or the id of a standard only one step needs) may be submitted
 * now, after the case's history. A refusal carries the code a case service answers 409 with.
 */
export function allowedStep(doc: CompiledDocument, request: ProcessRequest, step: string): StepPermission {
  const found = findStep(processOf(doc), step);
  if (!found.ok) return { allowed: false, code: 'step_unknown', message: found.message };
  const state = replayed(doc, request);
  const refusal = refusalOf(state, found.step);
  if (refusal) return { allowed: false, ...refusal, step: found.step.key };
  return { allowed: true, step: found.step.key, standard: found.step.standard };
}

/**
 * The facts of a step's standard: what the step's `input` derives from the case's facts (a case
 * fact by its path, defaults applied, or a constant), under what the submission gives itself
 * (`given` wins). Throws `facts_invalid` when the case facts do not fit the process.
 */
export function stepFacts(
  doc: CompiledDocument,
  step: string,
  caseFacts: Record<string, unknown>,
  given: Record<string, unknown> = {},
): Record<string, unknown> {
  const found = findStep(processOf(doc), step);
  if (!found.ok) throw new NormaError('step_unknown', found.message);
  // The case's facts as the process reads them: with their declared defaults.
  const prepared = doc.facts.prepare(caseFacts);
  if (!prepared.ok)
    throw new NormaError('facts_invalid', 'the case facts do not match the process', prepared.details);
  const facts = prepared.facts;
  const out: Record<string, unknown> = {};
  for (const m of found.step.input) {
    const value = m.source === undefined ? m.value : read(facts, m.source.split('.'));
    if (value !== undefined) write(out, m.target.split('.'), structuredClone(value));
  }
  return merge(out, given);
}

function processOf(doc: CompiledDocument): CompiledProcess {
  if (doc.kind !== 'process') {
    throw new NormaError('kind_unsupported', `\`${doc.id}\` is a ${doc.kind}, not a process`);
  }
  return doc.compiled as CompiledProcess;
}

function findStep(
  process: CompiledProcess,
  name: string,
): { ok: true; step: CompiledStep } | { ok: false; message: string } {
  const byKey = process.steps.get(name);
  if (byKey) return { ok: true, step: byKey };
  const byStandard = process.byStandard.get(name) ?? [];
  if (byStandard.length === 1) return { ok: true, step: byStandard[0] as CompiledStep };
  if (byStandard.length > 1) {
    return {
      ok: false,
      message: `\`${name}\` serves ${byStandard.map((s) => `\`${s.key}\``).join(' and ')}: name the step`,
    };
  }
  const guess = didYouMean(name, [...process.steps.keys(), ...process.byStandard.keys()]);
  return { ok: false, message: `no step \`${name}\` in this process${guess ? ` (${guess})` : ''}` };
}

function read(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function write(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let t = target;
  for (const key of path.slice(0, -1)) {
    const next = t[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) t[key] = {};
    t = t[key] as Record<string, unknown>;
  }
  t[path[path.length - 1] as string] = value;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isMapping(b) && isMapping(v) ? merge(b, v) : v;
  }
  return out;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
