import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { evaluateFast, labelsOf } from '../evaluate.ts';
import { labelOf } from './labels.ts';

const ruleset = `kind: ruleset
id: t.labels
version: 1.0.0
status: draft
title: labels
lang: en
facts:
  fuel: { enum: [petrol, ev] }
hit: collect
outputs:
  checks: { type: string }
labels:
  checks:
    hv-battery: { zh: 高压电池检查, en: HV battery check }
    visual: Visual check
  fuel:
    ev: { zh: 电动车 }
rules:
  - id: battery
    when: { fuel: ev }
    then: { checks: hv-battery }
  - id: look
    then: { checks: visual }
`;

describe('labels', () => {
  const doc = compileDocument(ruleset, 'rules/t.labels/1.0.0.yaml').document;
  if (!doc) throw new Error('the sample must compile');

  it('resolves each label per language once, a plain string being in the document’s language', () => {
    expect(labelOf(doc.labels, 'zh', 'checks', 'hv-battery')).toBe('高压电池检查');
    expect(labelOf(doc.labels, 'zh', 'checks', 'visual')).toBe('Visual check');
    expect(labelOf(doc.labels, 'en', 'fuel', 'ev')).toBe('电动车');
    expect(labelOf(doc.labels, 'en', 'fuel', 'petrol')).toBeUndefined();
  });

  it('labels each value of a collected list, and only values in the result', () => {
    const envelope = evaluateFast(doc, { facts: { fuel: 'ev' }, at: '2026-03-01' });
    expect(envelope.labels).toBeUndefined();
    expect(labelsOf(doc, envelope, 'en')).toEqual({
      lang: 'en',
      values: { checks: { 'hv-battery': 'HV battery check', visual: 'Visual check' } },
      codes: { kind: { ruleset: 'Decision table' } },
    });
    const petrol = evaluateFast(doc, { facts: { fuel: 'petrol' }, at: '2026-03-01' }, { lang: 'zh' });
    expect(petrol.labels?.values).toEqual({ checks: { visual: 'Visual check' } });
  });

  it('shares the kind’s words between results without letting one result change them', () => {
    const a = labelsOf(doc, { result: { outputs: {} } }, 'zh');
    expect(Object.isFrozen(a.codes.kind)).toBe(true);
    expect(() => {
      (a.codes.kind as Record<string, string>).ruleset = 'changed';
    }).toThrow();
    expect(labelsOf(doc, { result: { outputs: {} } }, 'zh').codes.kind).toEqual({ ruleset: '决策表' });
  });
});
