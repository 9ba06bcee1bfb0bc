import type { KindFixture } from '../fixture.ts';

/** A checklist for the conformance suite: one section, an applicable item and a conditional one. */
export const fixture: KindFixture = {
  document: `kind: checklist
id: conformance.checklist
version: 1.0.0
status: draft
title: conformance checklist
facts:
  jobType: { enum: [maintenance, ev-high-voltage] }
pass: { minScore: 90 }
sections:
  - id: ppe
    title: PPE
    items:
      - id: goggles
        text: goggles worn
      - id: gloves
        text: insulated gloves worn
        severity: critical
        when: { jobType: ev-high-voltage }
`,
  request: {
    facts: { jobType: 'ev-high-voltage' },
    answers: { 'ppe.goggles': { value: true }, 'ppe.gloves': { value: true } },
    at: '2026-03-01',
  },
  // A submission without the goggles answer does not pass.
  failingInvariant: { name: 'every submission passes', forall: { expect: { status: 'pass' } } },
  output: 'status',
};
