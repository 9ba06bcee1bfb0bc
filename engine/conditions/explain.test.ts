import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { evaluateReferencePath } from '../evaluate.ts';
import { testText } from './explain.ts';

const doc = compileDocument(
  `
kind: ruleset
id: t.explain-text
version: 1.0.0
status: draft
title: explain text
facts:
  returnedOn: { type: string, format: date }
  amount: { type: number }
  limit: { type: number }
hit: first
outputs: { late: { type: boolean } }
default: { late: false }
rules:
  - id: recent-and-over
    when: { returnedOn: { onOrAfter: $at-30d }, amount: { greaterThan: { fact: limit } } }
    then: { late: true }
`,
  'inline.yaml',
).document;

describe('explain text', () => {
  it('keeps the machine fields and adds the test in words with the resolved values', async () => {
    if (!doc) throw new Error('the document must compile');
    const envelope = await evaluateReferencePath(doc, {
      facts: { returnedOn: '2026-05-10', amount: 10, limit: 5 },
      at: '2026-06-01',
      explain: true,
    });
    const conditions = envelope.explain?.[0]?.conditions?.conditions ?? [];
    expect(conditions.map((c) => [c.op, c.expected, c.text])).toEqual([
      [
        'onOrAfter',
        '2026-05-02',
        'returnedOn is on or after 2026-05-02 (30 days before the evaluation date)',
      ],
      ['greaterThan', 5, 'amount is greater than limit (5)'],
    ]);
    expect(JSON.stringify(envelope.explain)).not.toContain('$at');
  });

  it('names lists and absent values in words', () => {
    expect(testText('payType', 'notIn', { kind: 'literal', value: ['a', 'b'] })).toBe(
      'payType is not one of a, b',
    );
    expect(testText('vin', 'exists', { kind: 'literal', value: false })).toBe('vin is absent');
  });
});
