import type { KindFixture } from '../fixture.ts';

/** A scorecard for the conformance suite: one criterion, two bands, two grades and a veto. */
export const fixture: KindFixture = {
  document: `kind: scorecard
id: conformance.scorecard
version: 1.0.0
status: draft
title: conformance scorecard
facts:
  csi: { type: number, minimum: 0, maximum: 100 }
  complaint: { type: boolean }
criteria:
  - id: csi
    weight: 100
    bands:
      - { when: { csi: { greaterThanInclusive: 80 } }, points: 100 }
      - { points: 50 }
vetoes:
  - { id: complaint, when: { complaint: true }, grade: fail }
grades:
  - { grade: pass, min: 80 }
  - { grade: fail, min: 0 }
`,
  request: { facts: { csi: 90, complaint: false }, at: '2026-03-01' },
  // A complaint caps the grade at fail, so a higher csi does not always keep the grade.
  failingInvariant: { name: 'every advisor passes', forall: { expect: { grade: 'pass' } } },
  output: 'grade',
};
