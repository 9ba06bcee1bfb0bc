/**
 * Hit policies against a model: rules are `x between [lo, hi]` on one integer fact, so which
 * rules match is known without the engine, and every x of the domain is evaluated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFast, NormaError } from '../../engine/index.ts';
import { compileData, header, params, rule } from './support.ts';

const DOMAIN = Array.from({ length: 22 }, (_, i) => i - 1);

interface RuleSpec {
  lo: number;
  hi: number;
  out: number;
  priority: number;
}

const ruleArb: fc.Arbitrary<RuleSpec> = fc
  .record({
    a: fc.integer({ min: 0, max: 20 }),
    b: fc.integer({ min: 0, max: 20 }),
    out: fc.integer({ min: 1, max: 9 }),
    priority: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ a, b, out, priority }) => ({ lo: Math.min(a, b), hi: Math.max(a, b), out, priority }));

const rulesArb = fc.array(ruleArb, { minLength: 1, maxLength: 6 });

function rulesetOf(hit: string, rules: RuleSpec[], extra: Record<string, unknown> = {}) {
  return compileData({
    ...header('ruleset'),
    facts: { x: { type: 'integer' } },
    hit,
    outputs: { v: { type: 'number' } },
    ...extra,
    rules: rules.map((r, i) =>
      rule(
        `r${i}`,
        { x: { between: [r.lo, r.hi] } },
        { v: r.out },
        hit === 'priority' ? { priority: r.priority } : {},
      ),
    ),
  });
}

function matching(rules: RuleSpec[], x: number): number[] {
  return rules.flatMap((r, i) => (r.lo <= x && x <= r.hi ? [i] : []));
}

function evaluate(doc: ReturnType<typeof compileData>, x: number) {
  return evaluateFast(doc, { facts: { x }, at: '2026-03-01' });
}

describe('hit policies', () => {
  it('first returns the first matching rule in file order, else the default', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        (rules, fallback) => {
          const doc = rulesetOf('first', rules, fallback === undefined ? {} : { default: { v: fallback } });
          for (const x of DOMAIN) {
            const first = matching(rules, x)[0];
            const env = evaluate(doc, x);
            if (first === undefined) {
              expect(env.result).toEqual({ outputs: fallback === undefined ? {} : { v: fallback } });
              expect(env.matched).toEqual([]);
            } else {
              expect(env.result).toEqual({ outputs: { v: rules[first]?.out } });
              expect(env.matched.map((m) => m.rule)).toEqual([`r${first}`]);
            }
          }
        },
      ),
      params(100),
    );
  });

  it('unique raises eval_hit_unique exactly when two rules match', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        const doc = rulesetOf('unique', rules);
        for (const x of DOMAIN) {
          const hits = matching(rules, x);
          let code: string | undefined;
          try {
            evaluate(doc, x);
          } catch (e) {
            code = (e as NormaError).code;
            expect(e).toBeInstanceOf(NormaError);
          }
          expect(code).toBe(hits.length > 1 ? 'eval_hit_unique' : undefined);
        }
      }),
      params(100),
    );
  });

  it('collect with count equals the number of matches, and lists keep file order', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        const doc = compileData({
          ...header('ruleset'),
          facts: { x: { type: 'integer' } },
          hit: 'collect',
          outputs: { n: { type: 'number', aggregate: 'count' }, v: { type: 'number' } },
          rules: rules.map((r, i) => rule(`r${i}`, { x: { between: [r.lo, r.hi] } }, { n: 1, v: r.out })),
        });
        for (const x of DOMAIN) {
          const hits = matching(rules, x);
          const env = evaluate(doc, x);
          expect(env.result).toEqual({ outputs: { n: hits.length, v: hits.map((i) => rules[i]?.out) } });
        }
      }),
      params(100),
    );
  });

  it('priority picks a matching rule of maximal priority, the first in file order on ties', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        const doc = rulesetOf('priority', rules);
        for (const x of DOMAIN) {
          const hits = matching(rules, x);
          const env = evaluate(doc, x);
          if (hits.length === 0) {
            expect(env.matched).toEqual([]);
            continue;
          }
          const best = Math.max(...hits.map((i) => rules[i]?.priority ?? 0));
          const winner = hits.find((i) => rules[i]?.priority === best);
          expect(env.matched.map((m) => m.rule)).toEqual([`r${winner}`]);
          for (const i of hits) expect(rules[i]?.priority).toBeLessThanOrEqual(best);
        }
      }),
      params(100),
    );
  });
});
