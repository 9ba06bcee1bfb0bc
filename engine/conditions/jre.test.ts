import { describe, expect, it } from 'vitest';
import type { Cond, Operand } from './ast.ts';
import { compileClosure } from './closure.ts';
import { evalEnv } from './env.ts';
import { evaluateReference } from './jre.ts';
import { type OperatorName, operatorNames, operatorSpecs } from './operators.ts';

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

/** Values a fact may hold when it is untyped: every built-in must treat them as json-rules-engine does. */
const odd: unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  2.5,
  '1',
  '2.5',
  'abc',
  '',
  true,
  false,
  [],
  [1],
  ['a', 1],
  {},
];
const env = evalEnv('2026-03-01');

describe('the closures and json-rules-engine', () => {
  for (const op of operatorNames.filter((o) => operatorSpecs[o].builtin)) {
    it(`agree on \`${op}\` for every odd fact value`, async () => {
      const expected =
        operatorSpecs[op].value === 'list' ? [1, 'a', null] : operatorSpecs[op].value === 'number' ? 1 : 'a';
      const conds = odd.map(() => test(['x'], op, literal(expected)));
      const ref = await Promise.all(odd.map((v, i) => evaluateReference([conds[i] as Cond], { x: v }, env)));
      const fast = odd.map((v, i) => compileClosure(conds[i] as Cond)({ x: v }, env));
      expect(fast).toEqual(ref.map((r) => r.truths[0]));
    });
  }

  it('read a dotted path the same way, including through values that are not objects', async () => {
    const cond = test(['a', 'b'], 'equal', literal(5));
    const scopes = [
      { a: { b: 5 } },
      { a: { b: '5' } },
      { a: 5 },
      { a: null },
      {},
      { a: [5] },
      { a: { c: 5 } },
    ];
    for (const scope of scopes) {
      const ref = await evaluateReference([cond], scope, env);
      expect(compileClosure(cond)(scope, env), JSON.stringify(scope)).toBe(ref.truths[0]);
    }
  });

  it('do not let an input named like an internal fact shadow `$at`', async () => {
    const cond = test(['d'], 'onOrAfter', { kind: 'at', days: 0, years: 0 });
    const scope = { d: '2026-03-01', $at: '2099-01-01' };
    const ref = await evaluateReference([cond], scope, env);
    expect(ref.truths[0]).toBe(true);
    expect(compileClosure(cond)(scope, env)).toBe(true);
  });

  it('explain each condition with its value, the resolved operand and the outcome', async () => {
    const cond: Cond = {
      type: 'all',
      id: nextId++,
      origin,
      items: [
        test(['amount'], 'greaterThan', { kind: 'fact', path: ['limit'] }),
        test(['due'], 'withinDays', { kind: 'window', days: 7 }),
      ],
    };
    const out = await evaluateReference([cond], { amount: 9, limit: 5, due: '2026-02-27' }, env);
    expect(out.truths).toEqual([true]);
    expect(out.explain[0]).toMatchObject({
      op: 'all',
      outcome: true,
      conditions: [
        { op: 'greaterThan', fact: 'amount', value: 9, expected: 5, outcome: true },
        {
          op: 'withinDays',
          fact: 'due',
          value: '2026-02-27',
          expected: { from: '2026-02-22', to: '2026-03-01' },
        },
      ],
    });
  });

  it('run overlapping evaluations without one run disturbing another', async () => {
    const cond = test(['n'], 'greaterThan', literal(50));
    const runs = await Promise.all(
      Array.from({ length: 200 }, (_, n) => evaluateReference([cond, cond], { n }, env)),
    );
    runs.forEach((r, n) => {
      expect(r.truths).toEqual([n > 50, n > 50]);
    });
  });
});
