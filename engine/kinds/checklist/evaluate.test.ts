import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFast, evaluateReferencePath } from '../../evaluate.ts';
import { compileChecklistText, sample } from './testing.ts';

const { doc } = compileChecklistText(sample);

const request = {
  at: '2026-03-01',
  facts: { jobType: 'ev-high-voltage' },
  answers: {
    'ppe.goggles': { value: true },
    'ppe.gloves': { value: true },
    'ppe.depth': { value: 1.2, evidence: ['d.jpg'] },
    'ppe.fluid': { value: 'dark' },
    'proc.inspect': { value: true, at: '2026-03-01T10:00:00+08:00' },
    'proc.handle': { value: true, at: '2026-03-01T09:00:00+08:00' },
  },
};

describe('evaluateChecklist', () => {
  it('returns the result of dsl.md and lists what needs attention in matched', () => {
    const out = evaluateFast(doc, request);
    expect(out.result).toEqual({
      status: 'fail',
      score: 42.86, // goggles 1 + fluid 1 + inspect 1 of 7
      blocking: ['ppe.gloves'],
      items: [
        { id: 'ppe.goggles', status: 'pass', reason: 'ok', severity: 'major', clause: '§2.1' },
        {
          id: 'ppe.gloves',
          status: 'fail',
          reason: 'evidence_missing',
          severity: 'critical',
          clause: '§5.5',
        },
        { id: 'ppe.depth', status: 'fail', reason: 'expect_not_met', severity: 'major', clause: '§2.1' },
        { id: 'ppe.fluid', status: 'pass', reason: 'ok', severity: 'major', clause: '§2.1' },
        { id: 'proc.inspect', status: 'pass', reason: 'ok', severity: 'minor', clause: '§2' },
        { id: 'proc.handle', status: 'fail', reason: 'out_of_order', severity: 'major', clause: '§2' },
      ],
    });
    expect(out.matched.map((m) => m.rule)).toEqual(['ppe.gloves', 'ppe.depth', 'proc.handle']);
    expect(out.matched[1]).toEqual({
      rule: 'ppe.depth',
      clause: '§2.1',
      title: 'tread depth',
      message: 'major: answer `1.2 mm` does not meet `greaterThanInclusive 1.6`',
    });
  });

  it('explains each item on json-rules-engine: applicability, answer, expect, evidence, order and line', async () => {
    const out = await evaluateReferencePath(doc, { ...request, explain: true });
    const byId = new Map((out.explain ?? []).map((e) => [e.id, e]));
    expect(byId.get('ppe.gloves')).toMatchObject({
      type: 'item',
      applied: true,
      reason: 'evidence_missing',
      clause: '§5.5',
      line: 16,
      conditions: { op: 'equal', fact: 'jobType', value: 'ev-high-voltage', outcome: true, line: 19 },
      evidence: { required: 'photo', given: [], ok: false },
      message: 'a photo is required as evidence and none was attached',
    });
    expect(byId.get('ppe.depth')).toMatchObject({
      answer: { value: 1.2, evidence: ['d.jpg'] },
      expect: {
        text: 'greaterThanInclusive 1.6',
        met: false,
        conditions: {
          op: 'greaterThanInclusive',
          fact: 'ppe.depth',
          value: 1.2,
          expected: 1.6,
          outcome: false,
        },
      },
    });
    expect(byId.get('proc.handle')).toMatchObject({
      order: { ok: false, previous: { id: 'proc.inspect', at: '2026-03-01T10:00:00+08:00' } },
    });
  });

  it('explains an N/A item by its when, without an answer check', async () => {
    const out = await evaluateReferencePath(doc, {
      ...request,
      facts: { jobType: 'maintenance' },
      explain: true,
    });
    const gloves = out.explain?.find((e) => e.id === 'ppe.gloves');
    expect(gloves).toMatchObject({ applied: false, status: 'na', reason: 'not_applicable' });
    expect(gloves?.conditions).toMatchObject({ outcome: false, value: 'maintenance' });
    expect(gloves?.expect).toBeUndefined();
  });

  it('gives the same result on the closures and on json-rules-engine for any submission', async () => {
    const answer = (values: fc.Arbitrary<unknown>) =>
      fc.option(
        fc.record(
          {
            value: values,
            at: fc.constantFrom('2026-03-01T09:00:00Z', '2026-03-01T10:00:00+08:00', '2026-03-01T02:00:00Z'),
            evidence: fc.constantFrom([], ['x.jpg']),
          },
          { requiredKeys: ['value'] },
        ),
        { nil: undefined },
      );
    const submission = fc.record({
      jobType: fc.constantFrom('maintenance', 'ev-high-voltage'),
      answers: fc.record({
        'ppe.goggles': answer(fc.boolean()),
        'ppe.gloves': answer(fc.boolean()),
        'ppe.depth': answer(fc.constantFrom(0, 1.59, 1.6, 1.61, 8)),
        'ppe.fluid': answer(fc.constantFrom('good', 'dark', 'replace')),
        'proc.inspect': answer(fc.boolean()),
        'proc.handle': answer(fc.boolean()),
      }),
    });
    await fc.assert(
      fc.asyncProperty(submission, async ({ jobType, answers }) => {
        const given = Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== undefined));
        const req = { at: '2026-03-01', facts: { jobType }, answers: given };
        const fast = evaluateFast(doc, req);
        const reference = await evaluateReferencePath(doc, req);
        expect(reference).toEqual(fast);
      }),
      { numRuns: 60 },
    );
  });
});
