import type { Cond } from '../conditions/ast.ts';
import type { CondFn } from '../conditions/closure.ts';
import { compileClosure } from '../conditions/closure.ts';
import type { EvalEnv } from '../conditions/env.ts';
import type { ConditionExplain } from '../conditions/explain.ts';
import type { ParseContext } from '../conditions/parse.ts';
import type { Diagnostic, NormaError } from '../diagnostics.ts';
import type { FactModel } from '../facts/model.ts';
import type { FactSchema } from '../facts/types.ts';
import type { SourceMap } from '../load/yaml.ts';

/** Conditions compiled together: the tree (for json-rules-engine and explain) and the closures. */
export interface CondSet {
  conds: readonly Cond[];
  fns: readonly CondFn[];
}

/** Compiles a list of conditions into a set; once per document. */
export function condSet(conds: readonly Cond[]): CondSet {
  return { conds, fns: conds.map(compileClosure) };
}

/** A request from a kind's evaluator: decide these conditions on this scope of facts. */
export interface Ask {
  set: CondSet;
  scope: Record<string, unknown>;
}

/** The answer: whether condition i held, and (on the reference path) how it was decided. */
export interface Truths {
  get(i: number): boolean;
  explain?(i: number): ConditionExplain | undefined;
}

/** What a kind's compile step receives: a schema-checked document and the tools to check it further. */
export interface CompileInput {
  data: Record<string, unknown>;
  file: string;
  map: SourceMap;
  facts: FactModel;
  /** Collects diagnostics and numbers condition nodes. */
  ctx: ParseContext;
}

/** A rule, item, band or price that decided part of the result. */
export interface Matched {
  rule: string;
  clause?: string | string[];
  message?: string;
  title?: string;
}

/** One considered element in `explain`: whether it applied and why, with where it was written. */
export interface ExplainEntry {
  /** `rule`, `item`, `band`, `veto`, `rate`, `markup`, `discount`, … */
  type: string;
  id: string;
  applied: boolean;
  clause?: string | string[];
  line: number;
  col: number;
  /** A reason code or short note (`expect_not_met`, `first match`, …). */
  reason?: string;
  conditions?: ConditionExplain;
  [extra: string]: unknown;
}

/** What a kind's evaluation produces, before the envelope is added. */
export interface KindOutcome {
  result: unknown;
  matched: Matched[];
  explain: ExplainEntry[];
}

/** A checked request, ready to evaluate. */
export interface PreparedInput {
  facts: Record<string, unknown>;
  /** Kind-specific parts of the request (a checklist's answers). */
  extra?: unknown;
}

/** The request as the caller sent it. */
export interface RawRequest {
  facts?: unknown;
  answers?: unknown;
}

/** One document kind: schema (by file name), checks and compile, input checks, evaluation. */
export interface KindModule<C = unknown> {
  kind: string;
  /** Semantic checks and compilation; must not throw on schema-invalid data (diagnostics instead). */
  compile(input: CompileInput): C;
  /**
   * The declared facts with what this kind's `prepare` requires on top of them, for input
   * generators (`norma test`, the behavioural diff, the property suites); declarations as written
   * when absent.
   */
  impliedFacts?(declared: Record<string, FactSchema>): Record<string, FactSchema>;
  /** Checks the kind-specific parts of a request; facts are checked by the caller first. */
  prepare?(compiled: C, request: RawRequest, facts: Record<string, unknown>): PreparedInput | NormaError;
  /**
   * Evaluates by yielding condition asks and receiving their truths, so the same logic runs on the
   * closures (synchronously) and on json-rules-engine (asynchronously, with explain).
   */
  evaluate(
    compiled: C,
    input: PreparedInput,
    env: EvalEnv,
    explain: boolean,
  ): Generator<Ask, KindOutcome, Truths>;
}

/** A kind's diagnostics helper type, for modules that return extra warnings. */
export type KindDiagnostics = Diagnostic[];
