import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocument } from '../../document.ts';
import { evaluateFast, evaluateReferencePath } from '../../evaluate.ts';
import type { ExplainEntry } from '../kind.ts';

const source = `kind: fees
id: fees.test
version: 1.0.0
status: draft
title: fee schedule under test
clause: "§7.1"
currency: CNY
rounding: { scale: 2, mode: half-even }
facts:
  payType: { enum: [customer, warranty, internal, goodwill], default: customer }
  member: { type: boolean, default: false }
  labour:
    type: array
    items:
      type: object
      properties:
        hours: { type: number, minimum: 0 }
        skill: { enum: [junior, senior] }
        payType: { enum: [customer, warranty, internal, goodwill] }
  parts:
    type: array
    items:
      type: object
      properties:
        qty: { type: number, minimum: 0 }
        unitCost: { type: number, minimum: 0 }
        category: { enum: [oem, aftermarket] }
        payType: { enum: [customer, warranty, internal, goodwill] }
labourRate:
  - { id: free, when: { line.payType: { in: [warranty, internal] } }, rate: 0 }
  - { id: senior, clause: "§7.2", when: { line.skill: senior }, rate: 380 }
  - { id: standard, rate: 300 }
partsMarkupPct:
  - { id: oem, when: { line.category: oem }, pct: 30 }
  - { id: other, pct: 20 }
discounts:
  maxPct: 8
  rules:
    - { id: member, when: { member: true }, pct: 5, on: labour }
    - { id: seasonal, pct: 5, on: total }
taxPct: 13
`;

function compiled() {
  const { document, diagnostics } = compileDocument(source, 'rules/fees.test/1.0.0.yaml');
  expect(diagnostics).toEqual([]);
  if (!document) throw new Error('does not compile');
  return document;
}

function entries(explain: ExplainEntry[] | undefined, type: string, input?: string): ExplainEntry[] {
  return (explain ?? []).filter((e) => e.type === type && (input === undefined || e.input === input));
}

describe('the line rules see', () => {
  it("a line without its own payType with the order's, on both evaluators", async () => {
    const doc = compiled();
    const request = {
      facts: {
        payType: 'warranty',
        labour: [
          { hours: 2, skill: 'senior' },
          { hours: 1, payType: 'customer' },
        ],
        parts: [],
      },
    };
    const fast = evaluateFast(doc, request);
    expect(fast.result).toMatchObject({
      lines: [
        { rule: 'free', payType: 'warranty', payer: 'manufacturer', amount: 0 },
        { rule: 'standard', payType: 'customer', payer: 'customer', amount: 30000 },
      ],
    });
    expect(await evaluateReferencePath(doc, request)).toEqual(fast);
  });

  it('the line as sent when no rule reads its payType, and the result still names who pays', () => {
    const plain = source.replace(
      '  - { id: free, when: { line.payType: { in: [warranty, internal] } }, rate: 0 }\n',
      '',
    );
    const { document } = compileDocument(plain, 'rules/fees.test/1.0.0.yaml');
    if (!document) throw new Error('does not compile');
    const line = { hours: 1, skill: 'senior' };
    const result = evaluateFast(document, {
      facts: { payType: 'warranty', labour: [line], parts: [] },
    }).result;
    expect(result).toMatchObject({ lines: [{ rule: 'senior', payType: 'warranty', payer: 'manufacturer' }] });
    expect(line).toEqual({ hours: 1, skill: 'senior' });
  });
});

describe('a result line', () => {
  it('shows its fields in one order, with opCode and partNo only when the line gives them', () => {
    const doc = compiled();
    const { result } = evaluateFast(doc, {
      facts: {
        labour: [{ hours: 1 }, { hours: 1, opCode: 'OP1' }, { hours: 1, opCode: 'OP2', partNo: 'P2' }],
        parts: [
          { qty: 1, unitCost: 10 },
          { qty: 1, unitCost: 10, partNo: 'P1' },
          { qty: 1, unitCost: 10, opCode: 'OP3', partNo: 'P3' },
        ],
      },
    }) as { result: { lines: object[] } };
    const head = ['type', 'index', 'input'];
    const labour = ['payType', 'payer', 'hours', 'rate', 'discountPct', 'rule', 'amount', 'formatted'];
    const parts = [
      'payType',
      'payer',
      'qty',
      'unitCost',
      'markupPct',
      'discountPct',
      'rule',
      'amount',
      'formatted',
    ];
    expect(result.lines.map((l) => Object.keys(l))).toEqual([
      [...head, ...labour],
      [...head, 'opCode', ...labour],
      [...head, 'opCode', 'partNo', ...labour],
      [...head, ...parts],
      [...head, 'partNo', ...parts],
      [...head, 'opCode', 'partNo', ...parts],
    ]);
  });
});

describe('fees explain', () => {
  it('gives every rate rule for each labour line, whether it applied and why', async () => {
    const env = await evaluateReferencePath(compiled(), {
      facts: { labour: [{ hours: 1, skill: 'senior' }], parts: [] },
      explain: true,
    });
    const rates = entries(env.explain, 'rate', '/labour/0');
    expect(rates.map((e) => [e.id, e.applied, e.reason])).toEqual([
      ['free', false, 'conditions_not_met'],
      ['senior', true, 'selected'],
      ['standard', false, 'earlier_rule_selected'],
    ]);
    expect(rates[1]).toMatchObject({ clause: '§7.2', line: 31, rate: 380 });
    expect(rates[0]?.conditions).toMatchObject({
      op: 'in',
      fact: 'line.payType',
      value: 'customer',
      outcome: false,
    });
  });

  it('gives every markup rule for each part line', async () => {
    const env = await evaluateReferencePath(compiled(), {
      facts: { labour: [], parts: [{ qty: 1, unitCost: 10, category: 'aftermarket' }] },
      explain: true,
    });
    expect(entries(env.explain, 'markup', '/parts/0').map((e) => [e.id, e.applied, e.reason, e.pct])).toEqual(
      [
        ['oem', false, 'conditions_not_met', 30],
        ['other', true, 'selected', 20],
      ],
    );
  });

  it('gives every discount rule, and says when the cap cut it', async () => {
    const doc = compiled();
    const plain = await evaluateReferencePath(doc, {
      facts: { labour: [{ hours: 1 }], parts: [] },
      explain: true,
    });
    expect(entries(plain.explain, 'discount').map((e) => [e.id, e.applied, e.reason])).toEqual([
      ['member', false, 'conditions_not_met'],
      ['seasonal', true, 'applied'],
    ]);
    const capped = await evaluateReferencePath(doc, {
      facts: { member: true, labour: [{ hours: 1 }], parts: [] },
      explain: true,
    });
    expect(entries(capped.explain, 'discount').map((e) => e.reason)).toEqual([
      'applied_capped (maxPct 8)',
      'applied_capped (maxPct 8)',
    ]);
    expect(capped.result).toMatchObject({
      lines: [{ discountPct: 8 }],
      discounts: { maxPct: 8, capped: true },
    });
  });

  it('leaves explain out unless asked', () => {
    const env = evaluateFast(compiled(), { facts: { labour: [{ hours: 1 }], parts: [] } });
    expect(env.explain).toBeUndefined();
  });
});

const payTypes = ['customer', 'warranty', 'internal', 'goodwill'] as const;
const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => n / 100);
const labourLine = fc.record({
  hours: amount(20),
  skill: fc.constantFrom('junior', 'senior'),
  payType: fc.constantFrom(...payTypes),
});
const partLine = fc.record({
  qty: fc.integer({ min: 0, max: 20 }),
  unitCost: amount(5000),
  category: fc.constantFrom('oem', 'aftermarket'),
  payType: fc.constantFrom(...payTypes),
});
const order = fc.record({
  member: fc.boolean(),
  labour: fc.array(labourLine, { maxLength: 5 }),
  parts: fc.array(partLine, { maxLength: 5 }),
});

interface Totals {
  labour: number;
  parts: number;
  discount: number;
  tax: number;
  total: number;
  customer: number;
  manufacturer: number;
  internal: number;
}

describe('fees settlement properties', () => {
  const doc = compiled();

  it('splits every order among payers so that the shares sum to the total', () => {
    fc.assert(
      fc.property(order, (facts) => {
        const t = (evaluateFast(doc, { facts }).result as { totals: Totals }).totals;
        expect(t.customer + t.manufacturer + t.internal).toBe(t.total);
        expect(t.labour + t.parts - t.discount + t.tax).toBe(t.total);
        for (const share of [t.customer, t.manufacturer, t.internal]) expect(share).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never charges the customer for an order without customer lines', () => {
    fc.assert(
      fc.property(order, (facts) => {
        const notCustomer = (l: { payType: string }) => ({
          ...l,
          payType: l.payType === 'customer' ? 'warranty' : l.payType,
        });
        const shifted = {
          ...facts,
          labour: facts.labour.map(notCustomer),
          parts: facts.parts.map(notCustomer),
        };
        const t = (evaluateFast(doc, { facts: shifted }).result as { totals: Totals }).totals;
        expect(t.customer).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps each payer's share within a fen of its exact discount share and a fen of its exact tax share", () => {
    fc.assert(
      fc.property(order, (facts) => {
        const result = evaluateFast(doc, { facts }).result as {
          totals: Totals;
          lines: Array<{ type: string; payer: string; amount: number; discountPct: number }>;
        };
        const t = result.totals;
        const own = (payer: string, type: string) =>
          result.lines.filter((l) => l.payer === payer && l.type === type).reduce((a, l) => a + l.amount, 0);
        const payers = ['customer', 'manufacturer', 'internal'] as const;
        const drawn = payers.map((p) =>
          result.lines.filter((l) => l.payer === p).reduce((a, l) => a + l.discountPct * l.amount, 0),
        );
        const drawnSum = drawn.reduce((a, b) => a + b, 0);
        payers.forEach((p, i) => {
          const exactDiscount = drawnSum === 0 ? 0 : (t.discount * (drawn[i] as number)) / drawnSum;
          const net = own(p, 'labour') + own(p, 'parts');
          // share = net − discount share + tax share; each allocated share is within 1 of exact.
          const netAfter = net - exactDiscount;
          const exactTax = t.total - t.tax === 0 ? 0 : (t.tax * netAfter) / (t.total - t.tax);
          expect(Math.abs(t[p] - (netAfter + exactTax))).toBeLessThanOrEqual(2);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result on the closures as on json-rules-engine', async () => {
    await fc.assert(
      fc.asyncProperty(order, async (facts) => {
        const reference = await evaluateReferencePath(doc, { facts });
        expect(evaluateFast(doc, { facts })).toEqual(reference);
      }),
      { numRuns: 40 },
    );
  });
});
