import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, compileDocument } from '../document.ts';
import { evaluateFast } from '../evaluate.ts';
import type { FactSchema } from '../facts/types.ts';
import { boundariesOf, factsArbitrary, fits, inputArbitrary } from './generate.ts';

function compile(text: string): CompiledDocument {
  const { document, diagnostics } = compileDocument(text, 'test.yaml');
  if (!document) throw new Error(JSON.stringify(diagnostics));
  return document;
}

const approval = compile(
  readFileSync(new URL('../../rules/approval.work-order/1.1.0.yaml', import.meta.url), 'utf8'),
);

const nested = compile(`
kind: ruleset
id: t.nested
version: 1.0.0
status: draft
title: nested facts
hit: first
facts:
  payType: { enum: [customer, warranty, internal] }
  discountPct: { type: number, minimum: 0, maximum: 100, default: 0 }
  openedAt: { type: string, format: date }
  vehicle:
    type: object
    required: [fuel]
    properties:
      fuel: { enum: [petrol, diesel, ev] }
      mileageKm: { type: integer, minimum: 0 }
  technicians:
    type: array
    maxItems: 3
    items:
      type: object
      properties:
        id: { type: string, pattern: "^T-[0-9]{2}$" }
        certifications:
          type: array
          items:
            type: object
            properties:
              type: { type: string }
              expiresOn: { type: string, format: date }
outputs:
  ok: { type: boolean }
rules:
  - id: a
    when:
      discountPct: { greaterThan: 5.5, lessThanInclusive: 15 }
      vehicle.mileageKm: { between: [0, 100000] }
      openedAt: { onOrAfter: 2026-03-01 }
      technicians:
        some:
          certifications:
            some: { type: ev-high-voltage, expiresOn: { onOrAfter: $at } }
    then: { ok: true }
`);

describe('boundariesOf', () => {
  it('collects the values conditions compare with and their neighbours', () => {
    const b = boundariesOf(approval);
    expect(b.get('estimateTotal')).toEqual([19999, 20000, 20001, 7999, 8000, 8001]);
  });

  it('uses dotted paths, list[] paths inside quantifiers, decimals ± 0.01 and dates ± 1 day', () => {
    const b = boundariesOf(nested, '2026-01-01');
    expect(b.get('discountPct')).toEqual([5.49, 5.5, 5.51, 14, 15, 16]);
    expect(b.get('vehicle.mileageKm')).toEqual([-1, 0, 1, 99999, 100000, 100001]);
    expect(b.get('openedAt')).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(b.get('technicians[].certifications[].type')).toEqual(['ev-high-voltage']);
    expect(b.get('technicians[].certifications[].expiresOn')).toEqual([
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
  });

  it('adds every enum member for an enum fact a condition names', () => {
    const doc = compile(`
kind: ruleset
id: t.enum
version: 1.0.0
status: draft
title: enum
hit: first
facts: { payType: { enum: [customer, warranty, internal] } }
outputs: { x: { type: number } }
rules: [{ id: w, when: { payType: warranty }, then: { x: 1 } }]
`);
    expect(boundariesOf(doc).get('payType')).toEqual(['customer', 'warranty', 'internal']);
  });
});

describe('factsArbitrary', () => {
  it('generates inputs that the document accepts', () => {
    for (const doc of [approval, nested]) {
      fc.assert(
        fc.property(inputArbitrary(doc), (input) => {
          const prepared = doc.facts.prepare(input.facts);
          expect(prepared.ok ? [] : prepared.details).toEqual([]);
        }),
        { numRuns: 300, seed: 7 },
      );
    }
  });

  it('hits the boundaries often', () => {
    const values = fc
      .sample(inputArbitrary(approval), { numRuns: 400, seed: 1 })
      .map((i) => i.facts.estimateTotal);
    expect(values.filter((v) => v === 8000).length).toBeGreaterThan(10);
    expect(values.filter((v) => v === 20001).length).toBeGreaterThan(10);
  });

  it('respects ranges, exclusive bounds, integers, lengths and patterns', () => {
    const declared: Record<string, FactSchema> = {
      n: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
      x: { type: 'number', exclusiveMaximum: 1, minimum: -1 },
      s: { type: 'string', minLength: 2, maxLength: 3 },
      code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{2}$' },
      at: { type: 'string', format: 'date-time' },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
      c: { const: 'fixed' },
    };
    const schema: FactSchema = { type: 'object', properties: declared, required: Object.keys(declared) };
    fc.assert(
      fc.property(factsArbitrary(declared, new Map([['n', [0, 1, 10, 11]]])), (facts) => {
        expect(fits(schema, facts)).toBe(true);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('sometimes omits facts that have a default', () => {
    const facts = fc.sample(factsArbitrary({ d: { type: 'number', default: 0 } }), { numRuns: 50, seed: 2 });
    expect(facts.some((f) => !('d' in f))).toBe(true);
    expect(facts.some((f) => 'd' in f)).toBe(true);
  });
});

describe('inputArbitrary on a checklist', () => {
  const checklist = compile(`
kind: checklist
id: t.cl
version: 1.0.0
status: draft
title: answers
facts: { jobType: { enum: [maintenance, ev] } }
sections:
  - id: ppe
    items:
      - { id: goggles, text: goggles }
      - { id: gloves, text: gloves, severity: critical, when: { jobType: ev }, evidence: photo }
      - { id: depth, text: depth, answer: number, expect: { greaterThanInclusive: 1.6 } }
      - { id: state, text: state, answer: choice, choices: [ok, worn, replace], expect: { in: [ok] } }
      - { id: note, text: note, answer: text }
      - { id: checked, text: checked on, answer: date }
  - id: procedure
    order: sequential
    items:
      - { id: inspect, text: inspect }
      - { id: repair, text: repair }
`);

  it('generates answers the checklist accepts, keyed section.item', () => {
    fc.assert(
      fc.property(inputArbitrary(checklist), (input) => {
        expect(() => evaluateFast(checklist, { ...input, at: '2026-03-01' })).not.toThrow();
        for (const key of Object.keys(input.answers ?? {})) expect(key).toMatch(/^(ppe|procedure)\.[a-z]+$/);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('leaves items unanswered, misses evidence, breaks the order and hits the expected values', () => {
    const results = fc
      .sample(inputArbitrary(checklist), { numRuns: 400, seed: 8 })
      .map((input) => evaluateFast(checklist, { ...input, at: '2026-03-01' }).result as ChecklistResult);
    const reasons = new Set(results.flatMap((r) => r.items.map((i) => i.reason)));
    for (const reason of [
      'ok',
      'expect_not_met',
      'evidence_missing',
      'out_of_order',
      'at_missing',
      'not_answered',
    ]) {
      expect(reasons).toContain(reason);
    }
    const depths = fc
      .sample(inputArbitrary(checklist), { numRuns: 200, seed: 8 })
      .map((i) => (i.answers?.['ppe.depth'] as { value?: unknown } | undefined)?.value);
    expect(depths).toContain(1.6);
  });
});

interface ChecklistResult {
  items: { reason: string }[];
}
