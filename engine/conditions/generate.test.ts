import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cond, Operand } from './ast.ts';
import { compileClosure } from './closure.ts';
import { evalEnv } from './env.ts';
import { generateConditions } from './generate.ts';
import { type OperatorName, operatorNames } from './operators.ts';

const origin = { pointer: '', line: 1, col: 1 };
let nextId = 0;
const test = (path: string[], op: OperatorName, operand: Operand): Cond => ({
  type: 'test',
  id: nextId++,
  path,
  op,
  operand,
  origin,
});
const literal = (value: unknown): Operand => ({ kind: 'literal', value });
const env = evalEnv('2026-03-01');

/** Fact values of every shape, including the ones no declaration allows. */
const value = fc.oneof(
  fc.constantFrom(undefined, null, 0, 1, -1, 2.5, Number.NaN, '1', '2.5', 'abc', '', true, false),
  fc.constantFrom('2026-03-01', '2025-03-01', '2026-02-27', '2026-03-01T09:00:00Z', '2016-01-01'),
  fc.integer({ min: -5, max: 20 }),
  fc.constantFrom([], [1], ['a', 1], {}, { b: 5 }, { b: { c: 1 } }),
);

/** Operands each operator takes, besides facts and dates relative to `$at`. */
function operandsOf(op: OperatorName): Operand[] {
  switch (op) {
    case 'in':
    case 'notIn':
      return [literal([1, 'a', null])];
    case 'between':
      return [literal([0, 10])];
    case 'exists':
    case 'filled':
      return [literal(true), literal(false)];
    case 'matches':
      return [literal('^a'), literal('[0-9]')];
    case 'before':
    case 'after':
    case 'onOrBefore':
    case 'onOrAfter':
      return [literal('2026-01-01'), { kind: 'at', days: -3, years: 0 }, { kind: 'fact', path: ['y'] }];
    case 'withinDays':
      return [{ kind: 'window', days: 7 }];
    case 'olderThanDays':
    case 'olderThanYears':
      return [
        { kind: 'at', days: -30, years: 0 },
        { kind: 'at', days: 0, years: -10 },
      ];
    default:
      return [literal(1), literal('a'), literal(true), { kind: 'fact', path: ['y'] }];
  }
}

const tests: Cond[] = operatorNames.flatMap((op) =>
  operandsOf(op).flatMap((operand) => [
    test(['x'], op, operand),
    test(['x', 'b'], op, operand),
    test(['x', 'b', 'c'], op, operand),
    test(['constructor'], op, operand),
  ]),
);

/** Trees of tests: all, any, not and the three quantifiers over `list`. */
const tree: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...tests),
    fc
      .array(tie('cond'), { maxLength: 3 })
      .map((items): Cond => ({ type: 'all', id: nextId++, items, origin })),
    fc
      .array(tie('cond'), { maxLength: 3 })
      .map((items): Cond => ({ type: 'any', id: nextId++, items, origin })),
    tie('cond').map((item): Cond => ({ type: 'not', id: nextId++, item, origin })),
    fc
      .tuple(fc.constantFrom('some', 'every', 'none') as fc.Arbitrary<'some' | 'every' | 'none'>, tie('cond'))
      .map(([q, item]): Cond => ({ type: 'quantifier', id: nextId++, q, path: ['list'], item, origin })),
  ),
})).cond;

// Elements have lists of their own, so a quantifier inside a quantifier has something to read.
const inner = fc.array(fc.record({ x: value, y: value }), { maxLength: 3 });
const scope = fc.record({
  x: value,
  y: value,
  list: fc.oneof(
    fc.constant(undefined),
    fc.array(fc.record({ x: value, y: value, list: fc.oneof(inner, value) }), { maxLength: 3 }),
    value,
  ),
});

describe('generated conditions', () => {
  it('decide every operator exactly as the closures do, on values of every shape', () => {
    const generated = generateConditions(tests);
    fc.assert(
      fc.property(scope, (s) => {
        for (const [i, cond] of tests.entries()) {
          expect((generated[i] as (s: object, e: typeof env) => boolean)(s, env)).toBe(
            compileClosure(cond)(s, env),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decide trees of all, any, not and quantifiers as the closures do', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 4 }),
        fc.array(scope, { minLength: 1, maxLength: 5 }),
        (conds, scopes) => {
          const generated = generateConditions(conds);
          for (const s of scopes) {
            for (const [i, cond] of conds.entries()) {
              expect(generated[i]?.(s, env)).toBe(compileClosure(cond)(s, env));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never put a document value in the source: a hostile name or literal is only data', () => {
    const hostile = "'); globalThis.pwned = true; ('";
    const conds = [
      test([hostile], 'equal', literal(hostile)),
      test(['a', `${hostile}\n}`], 'in', literal([hostile, '*/'])),
      {
        type: 'quantifier',
        id: nextId++,
        q: 'some',
        path: [`${hostile}\``],
        item: test(['\u0024{x}'], 'equal', literal('`')),
        origin,
      } as Cond,
    ];
    const generated = generateConditions(conds);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(generated[0]?.({ [hostile]: hostile }, env)).toBe(true);
    expect(generated[1]?.({ a: { [`${hostile}\n}`]: '*/' } }, env)).toBe(true);
    expect(generated[2]?.({ [`${hostile}\``]: [{ '\u0024{x}': '`' }] }, env)).toBe(true);
  });
});

describe('which sets run generated code', () => {
  it('generates a served document, and leaves a set of more than MAX_GENERATED_CONDITIONS to the closures', async () => {
    const { compileDocument } = await import('../document.ts');
    const { conditionCode, MAX_GENERATED_CONDITIONS } = await import('../kinds/kind.ts');
    const ruleset = (n: number) =>
      [
        'kind: ruleset',
        'id: t.size',
        'version: 1.0.0',
        'status: draft',
        'title: size',
        'facts:',
        '  n: { type: number }',
        'hit: collect',
        'outputs:',
        '  c: { type: integer, aggregate: count }',
        'rules:',
        ...Array.from(
          { length: n },
          (_, i) => `  - { id: r${i}, when: { n: { greaterThan: ${i} } }, then: { c: 1 } }`,
        ),
        '',
      ].join('\n');
    const small = compileDocument(ruleset(3), 'rules/t.size/1.0.0.yaml', undefined, { code: 'generated' });
    const large = compileDocument(
      ruleset(MAX_GENERATED_CONDITIONS + 1),
      'rules/t.size/1.0.0.yaml',
      undefined,
      {
        code: 'generated',
      },
    );
    const draft = compileDocument(ruleset(3), 'rules/t.size/1.0.0.yaml');
    expect(conditionCode(small.document?.compiled)).toBe('generated');
    expect(conditionCode(large.document?.compiled)).toBe('closures');
    expect(conditionCode(draft.document?.compiled)).toBe('closures');
  });
});
