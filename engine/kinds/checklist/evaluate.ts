import type { EvalEnv } from '../../conditions/env.ts';
import type { Ask, KindOutcome, PreparedInput, Truths } from '../kind.ts';
import type { CompiledChecklist, Severity } from './compile.ts';
import { blockingOf, type ItemJudgement, judgeItems, scoreOf, statusOf } from './judge.ts';
import type { Answers } from './prepare.ts';
import { explainItems, matchedOf } from './report.ts';

/** Evaluates a checklist: applicability over the facts, each answer against its item, then the score. */
export function* evaluateChecklist(
  cl: CompiledChecklist,
  input: PreparedInput,
  _env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const answers = (input.extra as Answers | undefined) ?? new Map();
  // One scope for every condition: the facts, and each answer's value under its item key. Keys
  // always contain a dot and fact names never do, so the two cannot collide. A copy of the
  // template has a slot for every declared fact and item; a slot nothing fills is `undefined`,
  // which every condition reads as it reads a missing key (and json-rules-engine is not given).
  const scope: Record<string, unknown> = { ...cl.scopeTemplate };
  Object.assign(scope, input.facts);
  for (const [key, answer] of answers) scope[key] = answer.value;
  const truths = yield { set: cl.set, scope };
  const judged = judgeItems(cl, answers, truths);
  const score = scoreOf(judged);
  const blocking: string[] = [];
  for (const j of blockingOf(judged)) blocking.push(j.item.key);
  return {
    result: {
      status: statusOf(judged, score, cl.minScore),
      score,
      blocking,
      items: itemResults(judged),
    },
    matched: matchedOf(judged),
    explain: explain ? explainItems(judged, truths) : [],
  };
}

/** Each item's line of the result, in document order. */
function itemResults(judged: readonly ItemJudgement[]): ItemResult[] {
  const out: ItemResult[] = [];
  for (const j of judged) {
    const { key, severity, clause } = j.item;
    out.push(
      clause !== undefined
        ? { id: key, status: j.status, reason: j.reason, severity, clause }
        : { id: key, status: j.status, reason: j.reason, severity },
    );
  }
  return out;
}

/** One item in the result. */
interface ItemResult {
  id: string;
  status: ItemJudgement['status'];
  reason: ItemJudgement['reason'];
  severity: Severity;
  clause?: string | string[];
}
