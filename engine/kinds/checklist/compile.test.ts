import { describe, expect, it } from 'vitest';
import { compileChecklistText, sample } from './testing.ts';

describe('compileChecklist', () => {
  const { cl } = compileChecklistText(sample);

  it('keys items as section.item in document order', () => {
    expect(cl.items.map((i) => i.key)).toEqual([
      'ppe.goggles',
      'ppe.gloves',
      'ppe.depth',
      'ppe.fluid',
      'proc.inspect',
      'proc.handle',
    ]);
    expect(cl.byKey.get('ppe.depth')?.answer).toBe('number');
  });

  it('places every when first and every expect after them in one condition set', () => {
    expect(cl.set.conds).toHaveLength(12);
    expect(cl.items.map((i) => i.whenIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(cl.items.map((i) => i.expectIndex)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(cl.set.conds[1]).toMatchObject({ type: 'test', path: ['jobType'], op: 'equal' });
    expect(cl.set.conds[8]).toMatchObject({ type: 'test', path: ['ppe.depth'], op: 'greaterThanInclusive' });
  });

  it('fills in the defaults: major, boolean expecting true, no evidence, weight 1', () => {
    const goggles = cl.byKey.get('ppe.goggles');
    expect(goggles).toMatchObject({ severity: 'major', answer: 'boolean', evidence: 'none', weight: 1 });
    expect(goggles?.expectText).toBe('equal true');
    expect(cl.set.conds[6]).toMatchObject({ op: 'equal', operand: { kind: 'literal', value: true } });
  });

  it('takes the clause from the item, else its section, else the document', () => {
    expect(cl.byKey.get('ppe.gloves')?.clause).toBe('§5.5');
    expect(cl.byKey.get('ppe.goggles')?.clause).toBe('§2.1');
    expect(cl.byKey.get('proc.inspect')?.clause).toBe('§2');
  });

  it('reads minScore, order and the item position', () => {
    expect(cl.minScore).toBe(80);
    expect(cl.sections.map((s) => s.sequential)).toEqual([false, true]);
    expect(cl.byKey.get('ppe.goggles')).toMatchObject({ line: 14, col: 9 });
  });

  it('defaults minScore to 100 when there is no pass block', () => {
    const { cl: strict } = compileChecklistText(sample.replace('pass: { minScore: 80 }\n', ''));
    expect(strict.minScore).toBe(100);
  });

  it('keeps choices for choice items and a unit for number items only', () => {
    expect(cl.byKey.get('ppe.fluid')?.choices).toEqual(['good', 'dark', 'replace']);
    expect(cl.byKey.get('ppe.depth')?.unit).toBe('mm');
    expect(cl.byKey.get('ppe.goggles')?.choices).toBeUndefined();
  });
});
