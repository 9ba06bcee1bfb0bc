import type { Cond } from '../../conditions/ast.ts';
import { type ParseContext, report } from '../../conditions/parse.ts';
import { didYouMean } from '../../util/suggest.ts';
import {
  checkUniqueIds,
  compileMessage,
  humanAt,
  listAt,
  type MessageFn,
  mapAt,
  numberAt,
  textAt,
  whenAt,
} from '../common.ts';
import { warnDeadWeight } from '../dead.ts';
import { type CompileInput, type CondSet, condSet } from '../kind.ts';

type Clause = string | string[];

/** One band of a criterion; `index` is its condition's place in the scorecard's set. */
export interface CompiledBand {
  index: number;
  /** Its `id`, or `band-N` (1-based, in file order). */
  label: string;
  title?: string;
  clause?: Clause;
  points: number;
  /** Points in hundredths, an integer: the score is computed on integers. */
  points100: number;
  line: number;
  col: number;
}

/** A weighted criterion; its bands are tried in file order. */
export interface CompiledCriterion {
  id: string;
  title?: string;
  clause?: Clause;
  weight: number;
  weight100: number;
  bands: CompiledBand[];
}

/** A veto: when its condition holds, the grade is at most `grade`. */
export interface CompiledVeto {
  index: number;
  id: string;
  title?: string;
  clause?: Clause;
  grade: string;
  message?: MessageFn;
  line: number;
  col: number;
}

/** A grade, earned by a score of at least `min` (compared in hundredths). */
export interface CompiledGrade {
  grade: string;
  title?: string;
  min: number;
  min100: number;
  outcome: Record<string, unknown>;
  line: number;
  col: number;
}

/** A scorecard ready to evaluate: every band and veto condition in one set. */
export interface CompiledScorecard {
  criteria: CompiledCriterion[];
  vetoes: CompiledVeto[];
  /** Highest `min` first, as written (checked). */
  grades: CompiledGrade[];
  set: CondSet;
  clause?: Clause;
}

/** Checks a scorecard beyond its schema and compiles it. */
export function compileScorecard({ data, ctx, facts }: CompileInput): CompiledScorecard {
  const conds: Cond[] = [];
  const rawCriteria = listAt(data.criteria);
  checkUniqueIds(rawCriteria, '/criteria', ctx, 'scorecard_duplicate_id', 'criterion');
  const criteria = rawCriteria.map((raw, i) => {
    const c = mapAt(raw);
    const pointer = `/criteria/${i}`;
    const weight = numberAt(c.weight) ?? 0;
    const rawBands = listAt(c.bands);
    checkUniqueIds(rawBands, `${pointer}/bands`, ctx, 'scorecard_duplicate_id', 'band');
    const bands = rawBands.map((rb, j) => {
      const b = mapAt(rb);
      const at = `${pointer}/bands/${j}`;
      const when = whenAt(b.when, `${at}/when`, facts.scope, ctx);
      conds.push(when);
      const points = numberAt(b.points) ?? 0;
      const pos = ctx.map.value.get(at) ?? { line: 1, col: 1 };
      return {
        band: {
          index: conds.length - 1,
          label: textAt(b.id) ?? `band-${j + 1}`,
          ...optionalText(b, 'title', ctx),
          ...clauseOf(b),
          points,
          points100: hundredths(points, `${at}/points`, ctx),
          line: pos.line,
          col: pos.col,
        },
        always: isOtherwise(b.when),
      };
    });
    checkBandCoverage(
      bands.map((b) => b.always),
      pointer,
      textAt(c.id) ?? `#${i + 1}`,
      ctx,
    );
    warnDeadWeight(
      bands.map((b, j) => ({
        when: conds[b.band.index] as Cond,
        pointer: `${pointer}/bands/${j}`,
        label: `band \`${b.band.label}\` of criterion \`${textAt(c.id) ?? `#${i + 1}`}\``,
      })),
      'first',
      facts.declared,
      ctx,
      { otherwiseReported: true },
    );
    return {
      id: textAt(c.id) ?? `#${i + 1}`,
      ...optionalText(c, 'title', ctx),
      ...clauseOf(c),
      weight,
      weight100: hundredths(weight, `${pointer}/weight`, ctx),
      bands: bands.map((b) => b.band),
    };
  });
  checkWeights(criteria, ctx);
  const grades = compileGrades(listAt(data.grades), ctx);
  const vetoes = compileVetoes(listAt(data.vetoes), grades, conds, { ctx, facts });
  return {
    criteria,
    vetoes,
    grades,
    set: condSet(conds),
    ...clauseOf(data),
  };
}

function compileVetoes(
  list: unknown[],
  grades: CompiledGrade[],
  conds: Cond[],
  { ctx, facts }: Pick<CompileInput, 'ctx' | 'facts'>,
): CompiledVeto[] {
  checkUniqueIds(list, '/vetoes', ctx, 'scorecard_duplicate_id', 'veto');
  const names = grades.map((g) => g.grade);
  return list.map((raw, i) => {
    const v = mapAt(raw);
    const pointer = `/vetoes/${i}`;
    conds.push(whenAt(v.when, `${pointer}/when`, facts.scope, ctx));
    const grade = textAt(v.grade) ?? '';
    if (grade !== '' && !names.includes(grade)) {
      report(
        ctx,
        'scorecard_veto_grade_unknown',
        `veto grade \`${grade}\` is not a declared grade`,
        `${pointer}/grade`,
        {
          hint: didYouMean(grade, names) ?? `declared grades: ${names.join(', ') || 'none'}`,
        },
      );
    }
    const message = compileMessage(v.message, `${pointer}/message`, ctx);
    const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
    return {
      index: conds.length - 1,
      id: textAt(v.id) ?? `#${i + 1}`,
      ...optionalText(v, 'title', ctx),
      ...clauseOf(v),
      grade,
      ...(message ? { message } : {}),
      line: pos.line,
      col: pos.col,
    };
  });
}

function compileGrades(list: unknown[], ctx: ParseContext): CompiledGrade[] {
  const seen = new Map<string, number>();
  const grades = list.map((raw, i) => {
    const g = mapAt(raw);
    const pointer = `/grades/${i}`;
    const name = textAt(g.grade) ?? `#${i + 1}`;
    const first = seen.get(name);
    if (first !== undefined) {
      report(ctx, 'scorecard_duplicate_grade', `grade \`${name}\` is declared twice`, `${pointer}/grade`, {
        hint: `the first is at /grades/${first}`,
      });
    } else seen.set(name, i);
    const min = numberAt(g.min) ?? 0;
    const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
    return {
      grade: name,
      ...optionalText(g, 'title', ctx),
      min,
      min100: hundredths(min, `${pointer}/min`, ctx),
      outcome: mapAt(g.outcome),
      line: pos.line,
      col: pos.col,
    };
  });
  grades.forEach((g, i) => {
    const previous = grades[i - 1];
    if (previous && g.min100 >= previous.min100) {
      report(
        ctx,
        'scorecard_grades_order',
        `grade \`${g.grade}\` has min ${g.min}, not below \`${previous.grade}\`'s ${previous.min}`,
        `/grades/${i}/min`,
        { hint: 'list grades highest `min` first, each strictly below the one before' },
      );
    }
  });
  if (grades.length > 0 && !grades.some((g) => g.min100 === 0)) {
    const last = grades.length - 1;
    report(
      ctx,
      'scorecard_grades_cover',
      'no grade has `min: 0`, so a low score would get no grade',
      `/grades/${last}/min`,
      {
        hint: 'give the lowest grade `min: 0`',
      },
    );
  }
  return grades;
}

function checkWeights(criteria: CompiledCriterion[], ctx: ParseContext): void {
  const sum = criteria.reduce((a, c) => a + c.weight100, 0);
  if (criteria.length > 0 && sum !== 10000) {
    report(ctx, 'scorecard_weights_sum', `criterion weights sum to ${sum / 100}, not 100`, '/criteria', {
      prefer: 'key',
      hint: 'weights are shares of the score in percent; adjust them to add up to 100',
    });
  }
}

/** Warns when a criterion can take no band (no otherwise), or when a band follows the otherwise. */
function checkBandCoverage(always: boolean[], pointer: string, id: string, ctx: ParseContext): void {
  const otherwise = always.indexOf(true);
  if (otherwise === -1) {
    report(
      ctx,
      'scorecard_band_gap',
      `criterion \`${id}\` has no band without \`when\`, so an input may match no band and score 0 points`,
      `${pointer}/bands`,
      { prefer: 'key', severity: 'warning', hint: 'end the bands with an otherwise, e.g. `- { points: 0 }`' },
    );
    return;
  }
  for (let j = otherwise + 1; j < always.length; j++) {
    report(
      ctx,
      'scorecard_band_unreachable',
      `band ${j + 1} of criterion \`${id}\` can never be taken: band ${otherwise + 1} has no \`when\` and always matches first`,
      `${pointer}/bands/${j}`,
      { severity: 'warning', hint: 'move the band without `when` to the end' },
    );
  }
}

/** An absent or empty `when`: the otherwise (read from the source, so a broken `when` is not one). */
export function isOtherwise(when: unknown): boolean {
  return when === undefined || (mapAt(when) === when && Object.keys(when as object).length === 0);
}

/** A number of at most two decimals as an integer count of hundredths; more is reported. */
function hundredths(n: number, pointer: string, ctx: ParseContext): number {
  if (!/^-?\d+(\.\d{1,2})?$/.test(String(n))) {
    report(ctx, 'scorecard_precision', `\`${n}\` has more than two decimals`, pointer, {
      hint: 'weights, points and grade minimums are written with at most two decimals',
    });
  }
  return Math.round(n * 100);
}

function optionalText(raw: Record<string, unknown>, key: 'title', ctx: ParseContext): { title?: string } {
  const v = humanAt(raw[key], ctx);
  return v === undefined ? {} : { [key]: v };
}

function clauseOf(raw: Record<string, unknown>): { clause?: Clause } {
  return raw.clause === undefined ? {} : { clause: raw.clause as Clause };
}
