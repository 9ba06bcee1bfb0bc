/**
 * Laws of conditions, over generated condition trees and inputs: `not` negates, `all` of one is
 * that one, `some` over a one-element list is the condition on that element, and the date
 * operators agree with a plain reference implementation written here from dsl.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, evaluateFast } from '../../engine/index.ts';
import { compileData, header, params, rule } from './support.ts';

const ENUM = ['a', 'b', 'c'];
const DAY = 86_400_000;

/** Dates around leap days and month ends, where date arithmetic goes wrong. */
const dateArb = fc
  .integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2029, 0, 1) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const edgeDateArb = fc.oneof(
  dateArb,
  fc.constantFrom('2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2028-02-29'),
);

const element = {
  n: { type: 'integer' },
  k: { enum: ENUM },
  d: { type: 'string', format: 'date' },
};

type Raw = Record<string, unknown>;

const leafArb: fc.Arbitrary<Raw> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('equal', 'notEqual', 'lessThan', 'greaterThanInclusive'),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([op, v]) => ({ n: { [op]: v } })),
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([a, b]) => ({
    n: { between: [Math.min(a, b), Math.max(a, b)] },
  })),
  fc.constantFrom(...ENUM).map((v) => ({ k: v })),
  fc.subarray(ENUM, { minLength: 1 }).map((vs) => ({ k: { in: vs } })),
  fc.tuple(fc.constantFrom('before', 'onOrAfter'), edgeDateArb).map(([op, v]) => ({ d: { [op]: v } })),
  fc.integer({ min: 0, max: 400 }).map((n) => ({ d: { withinDays: n } })),
  fc.constant({ n: { exists: true } }),
);

const condArb: fc.Arbitrary<Raw> = fc.letrec<{ cond: Raw }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((items) => ({ all: items })),
    fc.array(tie('cond'), { minLength: 1, maxLength: 3 }).map((items) => ({ any: items })),
    tie('cond').map((c) => ({ not: c })),
  ),
})).cond;

const valuesArb = fc.record(
  { n: fc.integer({ min: -1, max: 7 }), k: fc.constantFrom(...ENUM), d: edgeDateArb },
  { requiredKeys: ['k', 'd'] },
);

/** One document whose rules are the condition and its variants, evaluated together (hit: collect). */
function documentOf(cond: Raw): CompiledDocument {
  return compileData({
    ...header('ruleset'),
    facts: {
      ...element,
      // Optional at the top (a default) as it is inside list elements, so `exists` can differ.
      n: { type: ['integer', 'null'], default: null },
      items: { type: 'array', items: { type: 'object', properties: element } },
    },
    hit: 'collect',
    outputs: { held: { type: 'string' } },
    rules: [
      rule('c', cond, { held: 'c' }),
      rule('not-c', { not: cond }, { held: 'not-c' }),
      rule('all-c', { all: [cond] }, { held: 'all-c' }),
      rule('some-c', { items: { some: cond } }, { held: 'some-c' }),
    ],
  });
}

function held(doc: CompiledDocument, facts: Raw, at: string): Set<string> {
  const env = evaluateFast(doc, { facts, at });
  return new Set(env.matched.map((m) => m.rule));
}

describe('conditions', () => {
  it('`not` negates, `all` of one is that one, `some` over one element is the condition on it', () => {
    fc.assert(
      fc.property(
        condArb,
        fc.array(fc.tuple(valuesArb, valuesArb, dateArb), { minLength: 1, maxLength: 5 }),
        (cond, inputs) => {
          const doc = documentOf(cond);
          for (const [facts, el, at] of inputs) {
            const top = held(doc, { ...facts, items: [el] }, at);
            expect(top.has('not-c')).toBe(!top.has('c'));
            expect(top.has('all-c')).toBe(top.has('c'));
            const onElement = held(doc, { ...el, items: [] }, at);
            expect(top.has('some-c')).toBe(onElement.has('c'));
          }
        },
      ),
      params(100),
    );
  });

  it('date operators agree with a plain reference implementation', () => {
    const windows = [0, 1, 7, 30, 365];
    const years = [0, 1, 2, 4];
    const ops = ['before', 'after', 'onOrBefore', 'onOrAfter'];
    const doc = compileData({
      ...header('ruleset'),
      facts: { d: { type: 'string', format: 'date' }, e: { type: 'string', format: 'date' } },
      hit: 'collect',
      outputs: { held: { type: 'string' } },
      rules: [
        ...ops.map((op) => rule(op, { d: { [op]: { fact: 'e' } } }, { held: op })),
        ...ops.map((op) => rule(`${op}-at`, { d: { [op]: '$at' } }, { held: `${op}-at` })),
        ...windows.map((n) => rule(`within-${n}`, { d: { withinDays: n } }, { held: `within-${n}` })),
        ...windows.map((n) => rule(`older-${n}`, { d: { olderThanDays: n } }, { held: `older-${n}` })),
        ...years.map((n) => rule(`years-${n}`, { d: { olderThanYears: n } }, { held: `years-${n}` })),
      ],
    });
    fc.assert(
      fc.property(edgeDateArb, edgeDateArb, edgeDateArb, (d, e, at) => {
        const got = held(doc, { d, e }, at);
        const want = new Set<string>();
        const [x, y, now] = [day(d), day(e), day(at)];
        const compare = { before: x < y, after: x > y, onOrBefore: x <= y, onOrAfter: x >= y };
        const compareAt = { before: x < now, after: x > now, onOrBefore: x <= now, onOrAfter: x >= now };
        for (const op of ops) {
          if (compare[op as keyof typeof compare]) want.add(op);
          if (compareAt[op as keyof typeof compareAt]) want.add(`${op}-at`);
        }
        for (const n of windows) {
          if (now - n <= x && x <= now) want.add(`within-${n}`);
          if (x < now - n) want.add(`older-${n}`);
        }
        for (const n of years) if (x < day(yearsBefore(at, n))) want.add(`years-${n}`);
        expect([...got].sort()).toEqual([...want].sort());
      }),
      params(1000),
    );
  });
});

/** Days since the epoch of an ISO date, by Date.UTC. */
function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY;
}

/** The same calendar day `n` years earlier; 29 February becomes 28 February in a common year. */
function yearsBefore(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y - n;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
