import { describe, expect, it } from 'vitest';
import { compileDocument } from '../../document.ts';
import { evaluateFast, evaluateReferencePath } from '../../evaluate.ts';
import type { ExplainEntry } from '../kind.ts';

const source = `kind: scorecard
id: kpi.technician
version: 1.0.0
status: draft
title: technician scorecard
clause: "§8.1"
facts:
  efficiencyPct: { type: number }
  incidents: { type: integer }
criteria:
  - id: efficiency
    clause: "§8.2"
    weight: 100
    bands:
      - { id: top, when: { efficiencyPct: { greaterThanInclusive: 110 } }, points: 100 }
      - { when: { efficiencyPct: { greaterThanInclusive: 100 } }, points: 80 }
      - { points: 50 }
vetoes:
  - { id: safety, clause: "§8.4", when: { incidents: { greaterThan: 0 } }, grade: C }
grades:
  - { grade: A, min: 90 }
  - { grade: B, min: 75 }
  - { grade: C, min: 0 }
`;

function compiled() {
  const { document, diagnostics } = compileDocument(source, 'rules/kpi.technician/1.0.0.yaml');
  expect(diagnostics).toEqual([]);
  if (!document) throw new Error('does not compile');
  return document;
}

function byId(explain: ExplainEntry[] | undefined, type: string, id: string): ExplainEntry | undefined {
  return explain?.find((e) => e.type === type && e.id === id);
}

describe('scorecard explain', () => {
  it('gives every band with whether it was taken and why, with its clause and line', async () => {
    const env = await evaluateReferencePath(compiled(), {
      facts: { efficiencyPct: 120, incidents: 0 },
      explain: true,
    });
    const top = byId(env.explain, 'band', 'efficiency.top');
    expect(top).toMatchObject({ applied: true, reason: 'selected', clause: '§8.2', line: 15, points: 100 });
    expect(top?.conditions).toMatchObject({
      op: 'greaterThanInclusive',
      value: 120,
      expected: 110,
      outcome: true,
    });
    expect(byId(env.explain, 'band', 'efficiency.band-2')).toMatchObject({
      applied: false,
      reason: 'earlier_band_selected',
      line: 16,
    });
    expect(byId(env.explain, 'band', 'efficiency.band-3')).toMatchObject({
      applied: false,
      reason: 'earlier_band_selected',
    });
  });

  it('says when a veto did not match, and when it capped the grade', async () => {
    const doc = compiled();
    const clean = await evaluateReferencePath(doc, {
      facts: { efficiencyPct: 120, incidents: 0 },
      explain: true,
    });
    expect(byId(clean.explain, 'veto', 'safety')).toMatchObject({
      applied: false,
      reason: 'conditions_not_met',
      clause: '§8.4',
      line: 19,
    });
    const capped = await evaluateReferencePath(doc, {
      facts: { efficiencyPct: 120, incidents: 1 },
      explain: true,
    });
    expect(byId(capped.explain, 'veto', 'safety')).toMatchObject({ applied: true, reason: 'grade_capped' });
    expect(byId(capped.explain, 'grade', 'A')).toMatchObject({ applied: false, reason: 'lowered_by_veto' });
    expect(byId(capped.explain, 'grade', 'B')).toMatchObject({ applied: false, reason: 'lowered_by_veto' });
    expect(byId(capped.explain, 'grade', 'C')).toMatchObject({ applied: true, reason: 'capped_by_veto' });
  });

  it('says when a veto matched but the grade was already at or below its cap', async () => {
    const env = await evaluateReferencePath(compiled(), {
      facts: { efficiencyPct: 50, incidents: 3 },
      explain: true,
    });
    expect(byId(env.explain, 'veto', 'safety')).toMatchObject({
      applied: true,
      reason: 'grade_already_at_or_below_cap',
    });
    expect(byId(env.explain, 'grade', 'A')).toMatchObject({ reason: 'score_below_min' });
    expect(byId(env.explain, 'grade', 'C')).toMatchObject({ applied: true, reason: 'score_reaches_min' });
  });

  it('marks a grade below the one reached as not applying', async () => {
    const env = await evaluateReferencePath(compiled(), {
      facts: { efficiencyPct: 100, incidents: 0 },
      explain: true,
    });
    expect(env.result).toMatchObject({ score: 80, grade: 'B' });
    expect(byId(env.explain, 'grade', 'C')).toMatchObject({ applied: false, reason: 'higher_grade_applies' });
  });

  it('gives the same result on the closures as on json-rules-engine', async () => {
    const doc = compiled();
    for (const efficiencyPct of [0, 99.99, 100, 109, 110, 200]) {
      for (const incidents of [0, 1]) {
        const request = { facts: { efficiencyPct, incidents } };
        const reference = await evaluateReferencePath(doc, request);
        expect(evaluateFast(doc, request)).toEqual(reference);
      }
    }
  });
});
