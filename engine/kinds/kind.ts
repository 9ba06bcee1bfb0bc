import type { Arbitrary } from 'fast-check';
import type { Cond } from '../conditions/ast.ts';
import type { CondFn } from '../conditions/closure.ts';
import { compileClosure } from '../conditions/closure.ts';
import type { EvalEnv } from '../conditions/env.ts';
import type { ConditionExplain } from '../conditions/explain.ts';
import { generateConditions } from '../conditions/generate.ts';
import type { ParseContext } from '../conditions/parse.ts';
import type { Diagnostic, NormaError } from '../diagnostics.ts';
import type { ListContext } from '../diff/shape.ts';
import type { CompiledDocument } from '../document.ts';
import type { Envelope } from '../evaluate.ts';
import type { FactModel } from '../facts/model.ts';
import type { FactSchema } from '../facts/types.ts';
import type { LabelSink } from '../i18n/labels.ts';
import type { Lang } from '../i18n/lang.ts';
import type { SourceMap } from '../load/yaml.ts';

/**
 * Conditions compiled together: the tree (for json-rules-engine and explain) and the functions of
 * the fast path, closures or generated code (`code`).
 */
export interface CondSet {
  conds: readonly Cond[];
  fns: readonly CondFn[];
  code: ConditionCode;
  /**
   * Set while the document's generated code is still to be made (see `generateSets`): whoever
   * reads `fns` or `code` calls it first. Always present, so every set has one shape.
   */
  pending: (() => void) | undefined;
}

/** How a document's conditions run on the fast path. */
export type ConditionCode = 'closures' | 'generated';

// The sets made while one document compiles, so the document can switch them all to generated
// code afterwards without every kind having to pass the choice down.
let making: CondSet[] | undefined;

/** Compiles a list of conditions into a set of closures; once per document. */
export function condSet(conds: readonly Cond[]): CondSet {
  // `conds` an accessor from the start, so that letting go of the trees (treeRelease) changes
  // no property: redefining one would turn the set into a slow dictionary-mode object.
  const set = Object.defineProperty({}, 'conds', { get: treesGetter, enumerable: true }) as CondSet;
  Object.assign(set, { fns: conds.map(compileClosure), code: 'closures', pending: undefined });
  setTrees.set(set, conds);
  making?.push(set);
  return set;
}

// A set's condition trees while it holds them, or how to read them again once it let go.
const setTrees = new WeakMap<object, readonly Cond[]>();
const setTreesAgain = new WeakMap<object, () => readonly Cond[]>();

function treesGetter(this: object): readonly Cond[] {
  return setTrees.get(this) ?? (setTreesAgain.get(this) as () => readonly Cond[])();
}

/** Runs a kind's compile step and returns what it made with the condition sets it made. */
export function collectingSets<T>(compile: () => T): { value: T; sets: CondSet[] } {
  const outer = making;
  const sets: CondSet[] = [];
  making = sets;
  try {
    return { value: compile(), sets };
  } finally {
    making = outer;
  }
}

/**
 * The most conditions a set runs as generated code. Each generated condition is a function of its
 * own, and V8 optimises a function only once it has run often: a set of thousands runs mostly
 * unoptimised for a long while (in the bench 100 rules ran 20 % faster generated, 250 rules 20 %
 * slower, 1,000 rules 9× slower),
 * where the closures share one hot interpreter (`runTest`). Larger sets keep the closures.
 */
export const MAX_GENERATED_CONDITIONS = 128;

/**
 * Switches a document's sets to generated code (generate.ts): the same truths, faster; large sets
 * stay closures. Lazily: the code is generated when the document is first evaluated (or asked
 * which code it runs), all its sets at once, and the closures decide until then. Loading a
 * standard of thousands of documents no longer generates and compiles code for every one of them,
 * and a document never evaluated keeps none.
 */
export function generateSets(sets: readonly CondSet[], release?: () => void): void {
  const pending = () => {
    for (const set of sets) {
      (set as { pending: CondSet['pending'] }).pending = undefined;
      generateSet(set);
    }
    // Once every set runs generated code, the fast path needs no condition tree.
    if (release && sets.every((set) => set.code === 'generated')) release();
  };
  for (const set of sets) (set as { pending: CondSet['pending'] }).pending = pending;
}

/** The set's `fns` and `code`, with any pending generated code made first. */
export function readySet(set: CondSet): CondSet {
  if (set.pending !== undefined) set.pending();
  return set;
}

function generateSet(set: CondSet): void {
  if (set.conds.length > MAX_GENERATED_CONDITIONS) return;
  let fns: CondFn[];
  try {
    fns = generateConditions(set.conds);
  } catch {
    // Code generation refused (`node --disallow-code-generation-from-strings`): the closures decide alike.
    return;
  }
  (set as { fns: readonly CondFn[] }).fns = fns;
  (set as { code: ConditionCode }).code = 'generated';
}

// Each compiled document's condition sets, for tests that check which code a document runs.
const setsOfCompiled = new WeakMap<object, readonly CondSet[]>();

/** The condition sets of a compiled kind value, as recorded when it was compiled. */
export function setsOf(compiled: unknown): readonly CondSet[] {
  return (compiled !== null && typeof compiled === 'object' ? setsOfCompiled.get(compiled) : undefined) ?? [];
}

/**
 * Lets a served document go of its condition trees once its code is generated (about a third of
 * what a compiled ruleset keeps): each set's `conds` are read from the same document compiled
 * again (`recompile`, kept weakly) when something asks for them: the reference path, explain,
 * `norma test`'s searches. Only for kinds whose compiled value holds trees in its sets alone.
 */
export function treeRelease<C>(
  module: KindModule<C>,
  sets: readonly CondSet[],
  recompile: () => C,
): (() => void) | undefined {
  if (module.treesInSetsOnly !== true) return undefined;
  return () => {
    let kept: WeakRef<object> | undefined;
    const rebuilt = (): C => {
      let value = kept?.deref() as C | undefined;
      if (value === undefined) {
        value = recompile();
        kept = new WeakRef(value as object);
      }
      return value;
    };
    sets.forEach((set, k) => {
      setTreesAgain.set(set, () => (setsOf(rebuilt())[k] as CondSet).conds);
      setTrees.delete(set);
    });
  };
}

/** Records the condition sets of a compiled kind value. */
export function recordSets(compiled: unknown, sets: readonly CondSet[]): void {
  if (compiled !== null && typeof compiled === 'object') setsOfCompiled.set(compiled, sets);
}

/** The code a compiled kind value's conditions run on: undefined when it has none. */
export function conditionCode(compiled: unknown): ConditionCode | undefined {
  const first = setsOf(compiled)[0];
  return first ? readySet(first).code : undefined;
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
  /** A process's case history: its decisions and events, in order. */
  history?: unknown;
  /** The evaluation date or instant, once checked (kinds that read the time of day need it). */
  at?: string;
}

/**
 * One document kind: everything norma needs to know about it lives in its folder
 * `engine/kinds/<kind>/` and is reached through this module (docs/kinds/README.md).
 */
export interface KindModule<C = unknown> {
  kind: string;
  /** The JSON Schema of this kind's documents: a file name in `engine/schemas/`. */
  schema: string;
  /** The folder of a standards directory this kind's documents live in (`rules`, `checklists`). */
  folder: string;
  /**
   * What `at` may be: a plain date (the default), or also an instant (an ISO date-time), for kinds
   * whose results depend on the time of day (a process's deadlines in hours).
   */
  at?: 'date' | 'instant';
  /**
   * Checks across documents, once a standards directory is indexed (a process's steps name other
   * standards): diagnostics for this document, given every document by id (versions ascending).
   */
  checkLinks?(
    doc: CompiledDocument,
    documents: ReadonlyMap<string, readonly CompiledDocument[]>,
  ): Diagnostic[];
  /**
   * Generates the kind-specific parts of a request beyond facts and answers (a process's
   * history), for `norma test`'s invariants and searches.
   */
  requestArbitrary?(compiled: C, at: string): Arbitrary<Partial<RawRequest>>;
  /** Semantic checks and compilation; must not throw on schema-invalid data (diagnostics instead). */
  compile(input: CompileInput): C;
  /**
   * Whether its compiled value refers to condition trees only through its condition sets, so a
   * served document can let go of them once its code is generated (`treeRelease`). A kind
   * without it keeps its trees.
   */
  treesInSetsOnly?: boolean;
  /**
   * The declared facts with what this kind's `prepare` requires on top of them, for input
   * generators (`norma test`, the behavioural diff, the property suites); declarations as written
   * when absent.
   */
  impliedFacts?(declared: Record<string, FactSchema>): Record<string, FactSchema>;
  /** Checks the kind-specific parts of a request; facts are checked by the caller first. */
  prepare?(compiled: C, request: RawRequest, facts: Record<string, unknown>): PreparedInput | NormaError;
  /** The items a request answers (a checklist's), for generators and diffs; none when absent. */
  answerItems?(compiled: C): readonly AnswerItem[];
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
  /** What tests and invariants may name in a result, and what "complete" means. */
  outputs: KindOutputs<C>;
  /**
   * The names a `labels:` table may give words for beyond the enum facts (a ruleset's outputs, a
   * checklist's choice items), each with the values it takes; undefined values: any.
   */
  labelTargets?(compiled: C, facts: FactModel): ReadonlyMap<string, readonly string[] | undefined>;
  /** Reports the codes of a result to label: values under document names, and engine codes. */
  labelsIn?(result: unknown, sink: LabelSink): void;
  /** What the semantic and behavioural diffs compare. */
  diff: KindDiff;
  /** The printable reports: the document alone, and an evaluation of it. */
  report: { blank: ReportPart; evaluated: ReportPart };
}

/** One answer a request may carry: its key, the schema of its value, and the evidence it asks for. */
export interface AnswerItem {
  key: string;
  schema: FactSchema;
  /** `none`, or the kind of evidence (`photo`, `signature`, …). */
  evidence: string;
}

/** The outputs of a kind's results, as `expect:` keys and invariants name them. */
export interface KindOutputs<C> {
  /**
   * The keys every result has; a key maps to the names it holds when the kind knows them (a
   * ruleset's declared outputs), or to undefined when what is inside is open (lists, outcomes).
   */
  keys(compiled: C): Record<string, readonly string[] | undefined>;
  /**
   * The shape of a result, declared like facts, for the conditions a `never` invariant states on
   * results (a process's stage and step states); a kind without it does not take `never`.
   */
  result?(compiled: C): Record<string, FactSchema>;
  /** Where a bare name an invariant gives sits in the result (a ruleset's `approver` → `outputs.approver`). */
  resolve?(output: string): string;
  /** An output's values from lowest to highest, when the kind ranks them; natural order otherwise. */
  ranks?(compiled: C, output: string): unknown[] | undefined;
  /** Why nothing applied to this evaluation (`complete`), or undefined when something did. */
  incomplete(compiled: C, outcome: Pick<Envelope, 'result' | 'matched'>): string | undefined;
  /** Evaluation error codes that mean "nothing applied": `complete` reports them, not the error search. */
  incompleteCodes?: readonly string[];
  /** The result keys a `complete` counterexample pastes as its `expect` (all when absent). */
  completeKeys?: readonly string[];
  /** Whether inputs no element matches are worth searching for (gaps). */
  searchesGaps?(compiled: C): boolean;
  /** The title of the built-in search for evaluation errors, when the kind names it (overlaps). */
  errorSearch?(compiled: C): { kind: 'overlap'; name: string } | undefined;
}

/** What the diffs know about a kind. */
export interface KindDiff {
  /** The outcome fields of a result that a decision rests on (the behavioural diff). */
  project(result: Record<string, unknown>): Record<string, unknown>;
  /** Lists (by pattern, `criteria[].bands`) whose order decides outcomes, and when. */
  ordered?: Record<string, (context: ListContext) => boolean>;
  /** Lists (by pattern) whose elements are named by a field other than `id`. */
  keys?: Record<string, string>;
}

/** A report: its template (`templates/<name>.hbs`) and what the template receives beyond the header. */
export interface ReportPart {
  template: string;
  /** The view in `lang` (human text resolved with `textOf`; the document's language when absent). */
  view(doc: CompiledDocument, evaluation?: ReportEvaluation, lang?: Lang): Record<string, unknown>;
}

/** An evaluation to report on: its envelope and the request it answered. */
export interface ReportEvaluation {
  envelope: Envelope;
  facts?: unknown;
  answers?: unknown;
}

/** A kind's diagnostics helper type, for modules that return extra warnings. */
export type KindDiagnostics = Diagnostic[];
