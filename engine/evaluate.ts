import type { CondFn } from './conditions/closure.ts';
import { EVALUATION_DATES, isEvaluationDate, isIsoDate, parseDateValue, today } from './conditions/dates.ts';
import { type EvalEnv, evalEnv } from './conditions/env.ts';
import type { ConditionExplain } from './conditions/explain.ts';
import { evaluateReference } from './conditions/jre.ts';
import { error, NormaError } from './diagnostics.ts';
import type { CompiledDocument } from './document.ts';
import { type EnvelopeLabels, labelsFor } from './i18n/labels.ts';
import type { Lang } from './i18n/lang.ts';
import type {
  Ask,
  ExplainEntry,
  KindOutcome,
  Matched,
  PreparedInput,
  RawRequest,
  Truths,
} from './kinds/kind.ts';
import { readySet } from './kinds/kind.ts';

/** An evaluation request, as docs/api.md's evaluate body. */
export interface EvaluateRequest extends RawRequest {
  at?: string;
  explain?: boolean;
}

/** Which evaluator ran: the compiled closures, or json-rules-engine (the reference). */
export type EvalPath = 'closures' | 'json-rules-engine';

export interface EvaluateOptions {
  /** Force an evaluator; by default `explain` takes json-rules-engine and everything else the closures. */
  path?: EvalPath;
  /** Add `debug: { path }` to the envelope. */
  debug?: boolean;
  /** Add `labels` in this language: words for the codes of the result (engine/i18n/labels.ts). */
  lang?: Lang;
}

/** The result envelope of docs/api.md. */
export interface Envelope {
  standard: { id: string; version: string; digest: string };
  at: string;
  kind: string;
  result: unknown;
  matched: Matched[];
  explain?: ExplainEntry[];
  debug?: { path: EvalPath };
  /** With a language asked for: words for the result's codes, in that language. */
  labels?: EnvelopeLabels;
}

/**
 * The labels of an envelope's result in `lang`, from the document's table and the catalogue,
 * both resolved at compile time: lookups only.
 */
export function labelsOf(
  doc: CompiledDocument,
  envelope: Pick<Envelope, 'result'>,
  lang: Lang,
): EnvelopeLabels {
  const visit = doc.module.labelsIn;
  return labelsFor(doc.labels, doc.kind, lang, visit ? (sink) => visit(envelope.result, sink) : undefined);
}

/** Checks the request and the date; throws `facts_invalid`, `answers_invalid` or `at_invalid`. */
export function prepareRequest(
  doc: CompiledDocument,
  request: EvaluateRequest,
): { input: PreparedInput; at: string } {
  const at =
    doc.module.at === 'instant'
      ? checkInstant(request.at ?? new Date().toISOString())
      : checkAt(request.at ?? today());
  // Absent facts are none; `facts: null` is not an object, and `prepare` says so.
  const prepared = doc.facts.prepare(request.facts === undefined ? {} : request.facts);
  if (!prepared.ok) {
    throw new NormaError('facts_invalid', 'facts do not match the declared inputs', prepared.details);
  }
  // A kind that reads the time of day gets the checked `at` (the default filled in); the others
  // get the request as it is (no spread of a parsed body on the hot path: slow on Node 20).
  const given = doc.module.at === 'instant' ? { ...request, at } : request;
  const input = doc.module.prepare
    ? doc.module.prepare(doc.compiled, given, prepared.facts)
    : { facts: prepared.facts };
  if (input instanceof NormaError) throw input;
  return { input, at };
}

/**
 * Returns `at` when it is an ISO date (a plain date, no time) in the range of evaluation dates;
 * throws `at_invalid` or `at_out_of_range` otherwise.
 */
export function checkAt(at: unknown): string {
  // A pure check of a string, and consecutive requests nearly always name the same date.
  if (lastGoodAt !== undefined && at === lastGoodAt) return lastGoodAt;
  if (!isIsoDate(at)) {
    throw new NormaError(
      'at_invalid',
      `\`at\` must be an ISO date such as 2026-03-01, not ${JSON.stringify(at)}`,
    );
  }
  if (!isEvaluationDate(at)) {
    const { from, to } = EVALUATION_DATES;
    throw new NormaError('at_out_of_range', `\`at\` must be from ${from} to ${to}, not \`${at}\``, [
      error('at_out_of_range', `\`${at}\` is outside ${from} … ${to}`, {
        path: '/at',
        hint: 'dates computed from `at` (`$at+30d`, `olderThanYears`) must stay four-digit calendar dates',
      }),
    ]);
  }
  lastGoodAt = at;
  return at;
}

let lastGoodAt: string | undefined;

/**
 * Returns `at` when it is an ISO date or date-time whose calendar day is in the range of
 * evaluation dates (kinds that read the time of day, `KindModule.at: 'instant'`); throws
 * `at_invalid` or `at_out_of_range` otherwise.
 */
export function checkInstant(at: unknown): string {
  if (isIsoDate(at)) return checkAt(at);
  const value = parseDateValue(at);
  if (typeof at !== 'string' || value?.ms === undefined) {
    throw new NormaError(
      'at_invalid',
      `\`at\` must be an ISO date-time such as 2026-12-03T15:00:00+08:00 (or a date), not ${JSON.stringify(at)}`,
    );
  }
  checkAt(at.slice(0, 10));
  return at;
}

/** The calendar day of `at` as written, for the conditions' `$at`: a date-time's own date. */
function dayOf(at: string): string {
  return at.length > 10 ? at.slice(0, 10) : at;
}

/** Evaluates on the compiled closures, synchronously. Throws NormaError on bad input. */
export function evaluateFast(
  doc: CompiledDocument,
  request: EvaluateRequest,
  options: EvaluateOptions = {},
): Envelope {
  const { input, at } = prepareRequest(doc, request);
  const env = evalEnv(dayOf(at));
  const run = doc.module.evaluate(doc.compiled, input, env, false);
  let step = run.next(undefined as unknown as Truths);
  // Truths read the ask's scope when asked, so the same ask asked again (a fee schedule's line
  // rules, once per line) is answered by the same truths.
  let truths: FastTruths | undefined;
  while (!step.done) {
    if (!truths?.answers(step.value)) truths = new FastTruths(step.value, env);
    step = run.next(truths);
  }
  return envelope(doc, at, step.value, false, options.debug ? 'closures' : undefined, options.lang);
}

/** The truths of an ask on the closures, decided when asked (a class: no closure per evaluation). */
class FastTruths implements Truths {
  private readonly ask: Ask;
  private readonly fns: readonly CondFn[];
  private readonly scope: Record<string, unknown>;
  private readonly env: EvalEnv;

  constructor(ask: Ask, env: EvalEnv) {
    this.ask = ask;
    this.fns = readySet(ask.set).fns;
    this.scope = ask.scope;
    this.env = env;
  }

  get(i: number): boolean {
    return (this.fns[i] as CondFn)(this.scope, this.env);
  }

  /** Whether these truths answer `ask`: the same ask, on the same scope object. */
  answers(ask: Ask): boolean {
    return ask === this.ask && ask.scope === this.scope;
  }
}

/** Evaluates on json-rules-engine (the reference), with the per-condition explanation. */
export async function evaluateReferencePath(
  doc: CompiledDocument,
  request: EvaluateRequest,
  options: EvaluateOptions = {},
): Promise<Envelope> {
  const { input, at } = prepareRequest(doc, request);
  const env = evalEnv(dayOf(at));
  const explain = request.explain === true;
  const run = doc.module.evaluate(doc.compiled, input, env, explain);
  let step = run.next(undefined as unknown as Truths);
  while (!step.done) {
    const outcome = await evaluateReference(step.value.set.conds, step.value.scope, env);
    const explained: ConditionExplain[] = outcome.explain;
    step = run.next({ get: (i) => outcome.truths[i] === true, explain: (i) => explained[i] });
  }
  return envelope(
    doc,
    at,
    step.value,
    explain,
    options.debug ? 'json-rules-engine' : undefined,
    options.lang,
  );
}

/** Evaluates a document: the closures by default, json-rules-engine when explaining or asked to. */
export async function evaluateDocument(
  doc: CompiledDocument,
  request: EvaluateRequest,
  options: EvaluateOptions = {},
): Promise<Envelope> {
  const path = options.path ?? (request.explain ? 'json-rules-engine' : 'closures');
  return path === 'closures' && !request.explain
    ? evaluateFast(doc, request, options)
    : evaluateReferencePath(doc, request, options);
}

function envelope(
  doc: CompiledDocument,
  at: string,
  outcome: KindOutcome,
  explain: boolean,
  path: EvalPath | undefined,
  lang: Lang | undefined,
): Envelope {
  // Key by key, without spreads of empty objects: this runs once per evaluation.
  const out: Envelope = {
    standard: { id: doc.id, version: doc.version, digest: doc.digest },
    at,
    kind: doc.kind,
    result: outcome.result,
    matched: outcome.matched,
  };
  if (explain) out.explain = outcome.explain;
  if (path) out.debug = { path };
  if (lang) out.labels = labelsOf(doc, out, lang);
  return out;
}
