import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { looksLikeMoney, unitText } from './units.ts';

/** A draft ruleset comparing `final` with `{ fact: estimate }`, with the declarations given. */
function ruleset(estimate: string, final: string, extra = ''): string {
  return `kind: ruleset
id: units.sample
version: 1.0.0
status: draft
title: units
facts:
  estimate: ${estimate}
  final: ${final}
${extra}hit: first
outputs:
  over: { type: boolean }
default: { over: false }
rules:
  - id: over
    when: { final: { greaterThan: { fact: estimate } } }
    then: { over: true }
`;
}

function codes(text: string): Array<[string, string, number | undefined]> {
  return compileDocument(text, 'rules/units.sample/1.0.0.yaml').diagnostics.map((d) => [
    d.code,
    d.severity,
    d.line,
  ]);
}

const FEN = '{ type: integer, unit: CNY, scale: 2 }';
const YUAN = '{ type: number, unit: CNY, scale: 0 }';

describe('unit_mismatch: amounts compared in a condition share their unit and scale', () => {
  it('accepts two amounts in fen', () => {
    expect(codes(ruleset(FEN, FEN))).toEqual([]);
  });

  it('refuses fen against yuan, at the operand, naming both units', () => {
    const { diagnostics } = compileDocument(ruleset(YUAN, FEN), 'rules/units.sample/1.0.0.yaml');
    expect(diagnostics.map((d) => d.code)).toEqual(['unit_mismatch']);
    const [d] = diagnostics;
    expect(d?.severity).toBe('error');
    expect(d?.path).toBe('/rules/0/when/final/greaterThan/fact');
    expect(d?.message).toMatch(/CNY \(scale 2, fen 分\).*CNY \(scale 0, yuan 元\)/);
  });

  it('refuses another currency at the same scale', () => {
    expect(codes(ruleset('{ type: integer, unit: USD, scale: 2 }', FEN)).map((c) => c[0])).toEqual([
      'unit_mismatch',
    ]);
  });

  it('refuses an amount with a unit against a number without one', () => {
    expect(codes(ruleset('{ type: integer }', FEN)).map((c) => c[0])).toEqual(['unit_mismatch']);
  });

  it('leaves two numbers without units alone', () => {
    expect(codes(ruleset('{ type: integer }', '{ type: integer }'))).toEqual([]);
  });

  it('checks inside list elements too', () => {
    const text = `kind: ruleset
id: units.sample
version: 1.0.0
status: draft
title: units
facts:
  lines:
    type: array
    items:
      type: object
      properties:
        chargedFen: { type: integer, unit: CNY, scale: 2 }
        capYuan: { type: number, unit: CNY, scale: 0 }
hit: first
outputs:
  over: { type: boolean }
default: { over: false }
rules:
  - id: over
    when: { lines: { some: { chargedFen: { greaterThan: { fact: capYuan } } } } }
    then: { over: true }
`;
    expect(codes(text).map((c) => c[0])).toEqual(['unit_mismatch']);
  });

  it('refuses a scale without a unit, and a unit that is not a currency code', () => {
    expect(codes(ruleset('{ type: integer, scale: 2 }', '{ type: integer }')).length).toBeGreaterThan(0);
    expect(codes(ruleset('{ type: integer, unit: fen }', '{ type: integer }')).length).toBeGreaterThan(0);
  });
});

describe('unit_missing: money without a unit is a warning', () => {
  it('warns, in a document that states units, at each money-looking number without one, by name or description, at any depth', () => {
    const text = ruleset(
      FEN,
      FEN,
      `  estimateTotal: { type: number }
  discount: { type: number, description: 折扣金额(元) }
  minutes: { type: integer, description: 用时(分钟) }
  score: { type: number, description: 评分 }
  vin: { type: string, description: 总价 元 }
  order:
    type: object
    properties:
      labourFen: { type: integer }
`,
    );
    const found = codes(text);
    expect(found.map((c) => c[0])).toEqual(['unit_missing', 'unit_missing', 'unit_missing']);
    expect(found.every((c) => c[1] === 'warning')).toBe(true);
  });

  it('reads names and descriptions as documented', () => {
    expect(looksLikeMoney('goodwillAmount', { type: 'number' })).toBe(true);
    expect(looksLikeMoney('labourHours', { type: 'number', description: '工时(小时)' })).toBe(false);
    expect(looksLikeMoney('cost', { type: 'integer', description: '成本，单位为分' })).toBe(true);
    expect(looksLikeMoney('totalPrice', { type: 'string' })).toBe(false);
    expect(unitText(undefined)).toBe('no unit');
  });

  it('is not reported in a document that declares no unit at all (documents written before units)', () => {
    expect(
      codes(ruleset('{ type: integer }', '{ type: integer }', '  estimateTotal: { type: number }\n')),
    ).toEqual([]);
  });
});
