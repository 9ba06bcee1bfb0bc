import { describe, expect, it } from 'vitest';
import { scopeOf } from '../facts/scope.ts';
import { loadYaml } from '../load/yaml.ts';
import type { Cond } from './ast.ts';
import { parseCondition, parseContext } from './parse.ts';

const scope = scopeOf({
  payType: { enum: ['customer', 'warranty'] },
  amount: { type: 'number' },
  openedAt: { type: 'string', format: 'date' },
  parts: { type: 'array', items: { type: 'object', properties: { qty: { type: 'number' } } } },
});

function parse(yaml: string): { cond: Cond; codes: string[] } {
  const loaded = loadYaml(yaml, 'c.yaml');
  const ctx = parseContext('c.yaml', loaded.map);
  const cond = parseCondition((loaded.data as { when: unknown }).when, '/when', scope, ctx);
  return { cond, codes: ctx.diagnostics.map((d) => d.code) };
}

function ids(cond: Cond, out: number[] = []): number[] {
  out.push(cond.id);
  if (cond.type === 'all' || cond.type === 'any') for (const c of cond.items) ids(c, out);
  if (cond.type === 'not' || cond.type === 'quantifier') ids(cond.item, out);
  return out;
}

describe('parseCondition', () => {
  it('reads a plain value as `equal`, and a single entry as that entry alone', () => {
    const { cond, codes } = parse('when: { payType: customer }');
    expect(codes).toEqual([]);
    expect(cond).toMatchObject({
      type: 'test',
      path: ['payType'],
      op: 'equal',
      operand: { kind: 'literal', value: 'customer' },
    });
  });

  it('joins several entries, and several operators on one path, with `all`', () => {
    const { cond } = parse('when:\n  payType: customer\n  amount: { greaterThan: 5, lessThan: 10 }\n');
    expect(cond).toMatchObject({
      type: 'all',
      items: [
        { type: 'test', op: 'equal' },
        { type: 'all', items: [{ op: 'greaterThan' }, { op: 'lessThan' }] },
      ],
    });
  });

  it('records where each condition was written and numbers every node once', () => {
    const { cond } = parse(
      'when:\n  any:\n    - amount: { greaterThan: 5 }\n    - not: { payType: warranty }\n',
    );
    expect(cond).toMatchObject({
      type: 'any',
      origin: { pointer: '/when/any', line: 3 },
      items: [
        { type: 'test', origin: { pointer: '/when/any/0/amount/greaterThan', line: 3, col: 17 } },
        { type: 'not', item: { type: 'test', origin: { line: 4 } } },
      ],
    });
    const all = ids(cond);
    expect(new Set(all).size).toBe(all.length);
    // Looked up when first read, and written out as a plain origin.
    const first = (cond as { items: { origin: unknown }[] }).items[0]?.origin;
    expect(JSON.parse(JSON.stringify(first))).toEqual({
      pointer: '/when/any/0/amount/greaterThan',
      line: 3,
      col: 17,
    });
  });

  it('turns `$at`, its shifts and the day counts into operands relative to the evaluation date', () => {
    const { cond } = parse(
      'when:\n  openedAt: { onOrBefore: $at, after: $at-1y, before: $at+30d, withinDays: 7, olderThanDays: 3, olderThanYears: 2 }\n',
    );
    expect(cond.type === 'all' && cond.items.map((c) => (c.type === 'test' ? c.operand : undefined))).toEqual(
      [
        { kind: 'at', days: 0, years: 0 },
        { kind: 'at', days: 0, years: -1 },
        { kind: 'at', days: 30, years: 0 },
        { kind: 'window', days: 7 },
        { kind: 'at', days: -3, years: 0 },
        { kind: 'at', days: 0, years: -2 },
      ],
    );
  });

  it('reads `{ fact: path }` as a fact operand and quantifiers with their element condition', () => {
    const { cond, codes } = parse('when:\n  parts: { some: { qty: { lessThan: { fact: qty } } } }\n');
    expect(codes).toEqual([]);
    expect(cond).toMatchObject({
      type: 'quantifier',
      q: 'some',
      path: ['parts'],
      item: { type: 'test', path: ['qty'], operand: { kind: 'fact', path: ['qty'] } },
    });
  });

  it('collects every problem instead of stopping at the first', () => {
    const { codes } = parse('when:\n  amont: 5\n  payType: { in: cash }\n  amount: { gt: 5 }\n');
    expect(codes).toEqual(['ref_unknown_fact', 'op_value_shape', 'op_unknown']);
  });
});
