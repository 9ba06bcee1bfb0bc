import type { EvalEnv } from '../../conditions/env.ts';
import type { Ask, KindOutcome, PreparedInput, Truths } from '../kind.ts';
import type { CompiledChecklist } from './compile.ts';
import { blockingOf, judgeItems, scoreOf, statusOf } from './judge.ts';
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
  // always contain a dot and fact names never do, so the two cannot collide.
  const scope: Record<string, unknown> = Object.assign({}, input.facts);
  for (const [key, answer] of answers) scope[key] = answer.value;
  const truths = yield { set: cl.set, scope };
  const judged = judgeItems(cl, answers, truths);
  const score = scoreOf(judged);
  return {
    result: {
      status: statusOf(judged, score, cl.minScore),
      score,
      blocking: blockingOf(judged).map((j) => j.item.key),
      items: judged.map((j) => ({
        id: j.item.key,
        status: j.status,
        reason: j.reason,
        severity: j.item.severity,
        ...(j.item.clause !== undefined ? { clause: j.item.clause } : {}),
      })),
    },
    matched: matchedOf(judged),
    explain: explain ? explainItems(judged, truths) : [],
  };
}
