import { describe, expect, it } from 'vitest';
import { alwaysTrue } from '../conditions/ast.ts';
import { compileDocument } from '../document.ts';
import { evaluateFast } from '../evaluate.ts';
import { type CondSet, conditionCode, condSet, generateSets } from './kind.ts';

const text = `kind: ruleset
id: t.lazy
version: 1.0.0
status: draft
title: lazy code
hit: first
facts:
  n: { type: number }
outputs:
  big: { type: boolean }
rules:
  - { id: big, when: { n: { greaterThan: 10 } }, then: { big: true } }
default: { big: false }
`;

describe('generated code is made on first use', () => {
  it('leaves a served document on its closures until it is first evaluated, then runs generated code', () => {
    const doc = compileDocument(text, 'rules/t.lazy/1.0.0.yaml', undefined, { code: 'generated' }).document;
    if (!doc) throw new Error('does not compile');
    const first = evaluateFast(doc, { facts: { n: 11 }, at: '2026-03-01' });
    expect((first.result as { outputs: unknown }).outputs).toEqual({ big: true });
    expect(conditionCode(doc.compiled)).toBe('generated');
    expect(
      (evaluateFast(doc, { facts: { n: 3 }, at: '2026-03-01' }).result as { outputs: unknown }).outputs,
    ).toEqual({ big: false });
  });

  it('makes every set of a document at once, whichever is read first', () => {
    const sets: CondSet[] = [0, 1, 2].map(() => condSet([alwaysTrue({ pointer: '', line: 1, col: 1 }, 1)]));
    generateSets(sets);
    for (const set of sets) expect(set.pending).toBeTypeOf('function');
    expect(sets.map((s) => s.code)).toEqual(['closures', 'closures', 'closures']);
    sets[2]?.pending?.();
    for (const set of sets) expect(set.pending).toBeUndefined();
    expect(sets.map((s) => s.code)).toEqual(['generated', 'generated', 'generated']);
  });

  it('says a document runs generated code before any evaluation, making it then', () => {
    const doc = compileDocument(text, 'rules/t.lazy/1.0.0.yaml', undefined, { code: 'generated' }).document;
    expect(conditionCode(doc?.compiled)).toBe('generated');
    const closures = compileDocument(text, 'rules/t.lazy/1.0.0.yaml').document;
    expect(conditionCode(closures?.compiled)).toBe('closures');
  });
});
