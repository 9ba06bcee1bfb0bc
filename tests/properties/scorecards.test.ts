/**
 * Scorecard laws over generated scorecards (criteria on KPI facts, bands with thresholds, vetoes,
 * grades) and generated KPIs: the score is within 0–100; a veto never raises a grade; raising a
 * KPI into a band worth at least as many points never lowers the score.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, evaluateFast, inputArbitrary } from '../../engine/index.ts';
import { compileData, header, params } from './support.ts';

const AT = '2026-03-01';
const GRADES = ['A', 'B', 'C', 'D'];

interface CriterionSpec {
  /** Thresholds, descending, for `greaterThanInclusive` bands; then an otherwise band. */
  thresholds: number[];
  points: number[];
}

/** Weights summing to 100, split into 1–4 criteria. */
const weightsArb = fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 0, maxLength: 3 }).map((cuts) => {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const edges = [0, ...sorted, 100];
  return edges.slice(1).map((e, i) => e - (edges[i] as number));
});

const criterionArb: fc.Arbitrary<CriterionSpec> = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 0, maxLength: 3 })
  .chain((ts) =>
    fc.record({
      thresholds: fc.constant([...ts].sort((a, b) => b - a)),
      points: fc.array(fc.integer({ min: 0, max: 100 }), {
        minLength: ts.length + 1,
        maxLength: ts.length + 1,
      }),
    }),
  );

const scorecardArb = weightsArb.chain((weights) =>
  fc.record({
    weights: fc.constant(weights),
    criteria: fc.array(criterionArb, { minLength: weights.length, maxLength: weights.length }),
    vetoes: fc.array(
      fc.record({ above: fc.integer({ min: 0, max: 3 }), grade: fc.constantFrom(...GRADES) }),
      {
        maxLength: 2,
      },
    ),
    mins: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 }),
  }),
);

type Spec = {
  weights: number[];
  criteria: CriterionSpec[];
  vetoes: { above: number; grade: string }[];
  mins: number[];
};

function scorecardOf(spec: Spec, withVetoes = true): CompiledDocument {
  const mins = [...spec.mins].sort((a, b) => b - a);
  return compileData({
    ...header('scorecard'),
    facts: {
      ...Object.fromEntries(
        spec.criteria.map((_, i) => [`kpi${i}`, { type: 'number', minimum: 0, maximum: 100 }]),
      ),
      incidents: { type: 'integer', minimum: 0, maximum: 5 },
    },
    criteria: spec.criteria.map((c, i) => ({
      id: `c${i}`,
      weight: spec.weights[i],
      bands: [
        ...c.thresholds.map((t, b) => ({
          when: { [`kpi${i}`]: { greaterThanInclusive: t } },
          points: c.points[b],
        })),
        { points: c.points[c.thresholds.length] },
      ],
    })),
    ...(withVetoes && spec.vetoes.length > 0
      ? {
          vetoes: spec.vetoes.map((v, i) => ({
            id: `v${i}`,
            when: { incidents: { greaterThan: v.above } },
            grade: v.grade,
          })),
        }
      : {}),
    grades: GRADES.map((grade, i) => ({ grade, min: i < 3 ? mins[i] : 0 })),
  });
}

interface ScoreResult {
  score: number;
  grade: string;
  gradeByScore: string;
  criteria: { id: string; points: number; band: string | null }[];
}

function evaluate(doc: CompiledDocument, facts: Record<string, unknown>): ScoreResult {
  return evaluateFast(doc, { facts, at: AT }).result as ScoreResult;
}

const caseArb = scorecardArb.chain((spec) => {
  const doc = scorecardOf(spec);
  // Several inputs per scorecard: compiling is the expensive part, so each scorecard is used more.
  return fc.tuple(
    fc.constant(spec),
    fc.constant(doc),
    fc.array(inputArbitrary(doc), { minLength: 1, maxLength: 4 }),
  );
});

/** Worse grades rank higher: A=0 … D=3. */
const rank = (g: string) => GRADES.indexOf(g);

describe('scorecards', () => {
  it('the score is within 0–100', () => {
    fc.assert(
      fc.property(caseArb, ([, doc, inputs]) => {
        for (const input of inputs) {
          const { score } = evaluate(doc, input.facts);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
      params(50),
    );
  });

  it('a veto never raises a grade', () => {
    fc.assert(
      fc.property(caseArb, ([spec, doc, inputs]) => {
        const withoutVetoes = scorecardOf(spec, false);
        for (const input of inputs) {
          const vetoed = evaluate(doc, input.facts);
          const free = evaluate(withoutVetoes, input.facts);
          expect(rank(vetoed.grade)).toBeGreaterThanOrEqual(rank(free.grade));
          expect(rank(vetoed.grade)).toBeGreaterThanOrEqual(rank(vetoed.gradeByScore));
          expect(vetoed.score).toBe(free.score);
        }
      }),
      params(50),
    );
  });

  it('raising a KPI into a band worth at least as much never lowers the score', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.nat(),
        fc.integer({ min: 0, max: 100 }),
        ([spec, doc, inputs], pick, raised) => {
          const i = pick % spec.criteria.length;
          const key = `kpi${i}`;
          for (const input of inputs) {
            const before = evaluate(doc, input.facts);
            const current = input.facts[key] as number;
            if (raised <= current) continue;
            const after = evaluate(doc, { ...input.facts, [key]: raised });
            const p0 = before.criteria[i]?.points ?? 0;
            const p1 = after.criteria[i]?.points ?? 0;
            if (p1 >= p0) expect(after.score).toBeGreaterThanOrEqual(before.score);
            else expect(after.score).toBeLessThan(before.score);
          }
        },
      ),
      params(50),
    );
  });
});
