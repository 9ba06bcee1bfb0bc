import { describe, expect, it } from 'vitest';
import { type CompiledDocument, compileDocument } from '../document.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { behaviouralDiff } from './behaviour.ts';
import { transitionOf } from './projection.ts';

function compile(text: string): CompiledDocument {
  const result = compileDocument(text, 'test.yaml');
  if (!result.document) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

const ruleset = (version: string, threshold: number, extraFacts = '') => `
kind: ruleset
id: t.approval
version: ${version}
status: draft
title: t
hit: first
facts:
  total: { type: integer, minimum: 0 }
${extraFacts}
outputs:
  approver: { enum: [advisor, manager] }
default: { approver: advisor }
rules:
  - id: manager
    when: { total: { greaterThan: ${threshold} } }
    then: { approver: manager }
`;

describe('behaviouralDiff', () => {
  const index = loadStandards(bundledStandardsDir);
  const [v100, v110] = (index.documents.get('approval.work-order') ?? []) as CompiledDocument[];

  it('reports the share of changed outcomes on the bundled standard, by transition', () => {
    const diff = behaviouralDiff(v100 as CompiledDocument, v110 as CompiledDocument, { seed: 42, runs: 400 });
    expect(diff.generated.total).toBe(400);
    expect(diff.generated.transitions.map((t) => t.label)).toEqual([
      'approver: service-manager → service-advisor',
    ]);
    expect(diff.generated.share).toBeGreaterThan(0.05);
    expect(diff.generated.share).toBeLessThan(0.6);
    const example = diff.generated.transitions[0]?.example.input.facts.estimateTotal as number;
    expect(example).toBeGreaterThan(5000);
    expect(example).toBeLessThanOrEqual(8000);
  });

  it('gives the same report for the same seed', () => {
    const a = behaviouralDiff(v100 as CompiledDocument, v110 as CompiledDocument, { seed: 9, runs: 200 });
    const b = behaviouralDiff(v100 as CompiledDocument, v110 as CompiledDocument, { seed: 9, runs: 200 });
    expect(a).toEqual(b);
  });

  it('shrinks each transition to a small example at the boundary', () => {
    const diff = behaviouralDiff(compile(ruleset('1.0.0', 100)), compile(ruleset('1.1.0', 200)), {
      seed: 3,
      runs: 300,
    });
    const [t] = diff.generated.transitions;
    expect(t?.label).toBe('approver: manager → advisor');
    const total = t?.example.input.facts.total as number;
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThanOrEqual(200);
    expect(t?.example.from).toEqual({ fields: { approver: 'manager' } });
    expect(t?.example.to).toEqual({ fields: { approver: 'advisor' } });
  });

  it('counts inputs the new version rejects as valid → facts_invalid', () => {
    const newFact = '  fuel: { enum: [petrol, ev] }';
    const diff = behaviouralDiff(compile(ruleset('1.0.0', 100)), compile(ruleset('1.1.0', 100, newFact)), {
      seed: 5,
      runs: 200,
    });
    const labels = diff.generated.transitions.map((t) => t.label);
    expect(labels).toEqual(['valid → facts_invalid']);
    expect(diff.generated.transitions[0]?.example.input.facts).not.toHaveProperty('fuel');
  });

  it('compares real inputs too and names the line of the first example', () => {
    const diff = behaviouralDiff(v100 as CompiledDocument, v110 as CompiledDocument, {
      seed: 1,
      runs: 50,
      inputs: [
        { facts: { estimateTotal: 100, payType: 'customer' } },
        { facts: { estimateTotal: 6000, payType: 'customer' } },
        { facts: { estimateTotal: 7000, payType: 'warranty' } },
        { facts: { estimateTotal: 'lots' } },
      ],
    });
    expect(diff.real).toMatchObject({ total: 4, changed: 2, share: 0.5, invalidForBoth: 1 });
    expect(diff.real?.transitions[0]).toMatchObject({
      label: 'approver: service-manager → service-advisor',
      count: 2,
      example: { line: 2 },
    });
  });

  it('compares checklists on their status, with answers for either version', () => {
    const checklist = (version: string, min: number) =>
      compile(`
kind: checklist
id: t.check
version: ${version}
status: draft
title: t
sections:
  - id: tyres
    items:
      - { id: tread, text: tread depth, answer: number, unit: mm, expect: { greaterThanInclusive: ${min} } }
`);
    const diff = behaviouralDiff(checklist('1.0.0', 1.6), checklist('1.1.0', 2), { seed: 11, runs: 300 });
    expect(diff.generated.transitions.map((t) => t.label)).toEqual(['status: pass → fail']);
    const answers = diff.generated.transitions[0]?.example.input.answers ?? {};
    const value = (answers['tyres.tread'] as { value: number }).value;
    expect(value).toBeGreaterThanOrEqual(1.6);
    expect(value).toBeLessThan(2);
  });
});

describe('transitionOf', () => {
  it('labels numbers by direction so amounts group together', () => {
    expect(transitionOf({ fields: { 'totals.total': 100 } }, { fields: { 'totals.total': 120 } })).toBe(
      'totals.total: increased',
    );
  });

  it('labels an error on either side by its code, and agreement as no transition', () => {
    expect(transitionOf({ fields: { a: 1 } }, { error: 'facts_invalid' })).toBe('valid → facts_invalid');
    expect(transitionOf({ error: 'facts_invalid' }, { error: 'facts_invalid' })).toBeUndefined();
    expect(transitionOf({ fields: { a: 'x' } }, { fields: { a: 'x' } })).toBeUndefined();
  });
});
