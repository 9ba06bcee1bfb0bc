import type { EvalEnv } from '../../conditions/env.ts';
import type { Ask, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import type {
  CompiledBand,
  CompiledCriterion,
  CompiledGrade,
  CompiledScorecard,
  CompiledVeto,
} from './compile.ts';

/** One criterion's part of the result. */
export interface CriterionResult {
  id: string;
  points: number;
  weight: number;
  /** The band taken (its id or `band-N`), or null when no band matched (0 points). */
  band: string | null;
}

/** The scorecard result of dsl.md, plus the grade the score alone would earn. */
export interface ScorecardResult {
  score: number;
  grade: string;
  outcome: Record<string, unknown>;
  /** The grade by score before vetoes; equal to `grade` unless a veto capped it. */
  gradeByScore: string;
  criteria: CriterionResult[];
  vetoed: string[];
}

interface Taken {
  criterion: CompiledCriterion;
  band: CompiledBand | undefined;
}

/**
 * Scores every criterion by its first matching band, grades the score (exact, in hundredths),
 * then lets each matching veto cap the grade: a veto never raises it.
 */
export function* evaluateScorecard(
  sc: CompiledScorecard,
  input: PreparedInput,
  _env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const truths = yield { set: sc.set, scope: input.facts };
  const taken: Taken[] = sc.criteria.map((criterion) => ({
    criterion,
    band: criterion.bands.find((b) => truths.get(b.index)),
  }));
  const score100 = scoreHundredths(taken);
  const byScore = gradeIndexOf(sc.grades, score100);
  const vetoes = sc.vetoes.filter((v) => truths.get(v.index));
  const final = vetoes.reduce((rank, v) => Math.max(rank, rankOf(sc.grades, v.grade)), byScore);
  const grade = sc.grades[final] as CompiledGrade;
  const result: ScorecardResult = {
    score: score100 / 100,
    grade: grade.grade,
    outcome: grade.outcome,
    gradeByScore: sc.grades[byScore]?.grade ?? grade.grade,
    criteria: taken.map(({ criterion, band }) => ({
      id: criterion.id,
      points: band?.points ?? 0,
      weight: criterion.weight,
      band: band?.label ?? null,
    })),
    vetoed: vetoes.map((v) => v.id),
  };
  const context = Object.assign({}, input.facts, {
    score: result.score,
    grade: result.grade,
    gradeByScore: result.gradeByScore,
  });
  return {
    result,
    matched: [
      ...taken.flatMap(({ criterion, band }) => (band ? [bandMatched(sc, criterion, band)] : [])),
      ...vetoes.map((v) => vetoMatched(sc, v, context)),
    ],
    explain: explain ? explainAll(sc, truths, taken, byScore, final) : [],
  };
}

/**
 * Σ points × weight / 100, in hundredths of a point, rounded half-up. Points and weights carry
 * at most two decimals, so the sum is an exact integer in 10^-4 of a hundredth before rounding;
 * with whole points and weights no rounding ever happens.
 */
export function scoreHundredths(taken: readonly Taken[]): number {
  const sum = taken.reduce((a, t) => a + (t.band?.points100 ?? 0) * t.criterion.weight100, 0);
  return Math.floor((sum + 5000) / 10000);
}

/** The index of the grade a score earns: the first whose min it reaches (grades descend). */
function gradeIndexOf(grades: readonly CompiledGrade[], score100: number): number {
  const i = grades.findIndex((g) => score100 >= g.min100);
  return i === -1 ? grades.length - 1 : i;
}

function rankOf(grades: readonly CompiledGrade[], name: string): number {
  return grades.findIndex((g) => g.grade === name);
}

function bandMatched(sc: CompiledScorecard, c: CompiledCriterion, b: CompiledBand): Matched {
  const clause = b.clause ?? c.clause ?? sc.clause;
  const title = b.title ?? c.title;
  return {
    rule: `${c.id}.${b.label}`,
    ...(clause !== undefined ? { clause } : {}),
    ...(title !== undefined ? { title } : {}),
  };
}

function vetoMatched(sc: CompiledScorecard, v: CompiledVeto, context: Record<string, unknown>): Matched {
  const clause = v.clause ?? sc.clause;
  return {
    rule: v.id,
    ...(clause !== undefined ? { clause } : {}),
    ...(v.title !== undefined ? { title: v.title } : {}),
    ...(v.message ? { message: v.message(context) } : {}),
  };
}

function explainAll(
  sc: CompiledScorecard,
  truths: Truths,
  taken: readonly Taken[],
  byScore: number,
  final: number,
): ExplainEntry[] {
  const out: ExplainEntry[] = [];
  for (const { criterion, band } of taken) {
    for (const b of criterion.bands) {
      const held = truths.get(b.index);
      const conditions = truths.explain?.(b.index);
      const clause = b.clause ?? criterion.clause ?? sc.clause;
      out.push({
        type: 'band',
        id: `${criterion.id}.${b.label}`,
        criterion: criterion.id,
        points: b.points,
        applied: b === band,
        ...(clause !== undefined ? { clause } : {}),
        line: b.line,
        col: b.col,
        reason: !held ? 'conditions_not_met' : b === band ? 'selected' : 'earlier_band_selected',
        ...(conditions ? { conditions } : {}),
      });
    }
  }
  for (const v of sc.vetoes) {
    const held = truths.get(v.index);
    const conditions = truths.explain?.(v.index);
    const clause = v.clause ?? sc.clause;
    out.push({
      type: 'veto',
      id: v.id,
      grade: v.grade,
      applied: held,
      ...(clause !== undefined ? { clause } : {}),
      line: v.line,
      col: v.col,
      reason: !held
        ? 'conditions_not_met'
        : rankOf(sc.grades, v.grade) > byScore
          ? 'grade_capped'
          : 'grade_already_at_or_below_cap',
      ...(conditions ? { conditions } : {}),
    });
  }
  sc.grades.forEach((g, i) => {
    out.push({
      type: 'grade',
      id: g.grade,
      min: g.min,
      applied: i === final,
      line: g.line,
      col: g.col,
      reason: gradeReason(i, byScore, final),
    });
  });
  return out;
}

function gradeReason(i: number, byScore: number, final: number): string {
  if (i === final) return i === byScore ? 'score_reaches_min' : 'capped_by_veto';
  if (i < byScore) return 'score_below_min';
  if (i < final) return 'lowered_by_veto';
  return 'higher_grade_applies';
}
