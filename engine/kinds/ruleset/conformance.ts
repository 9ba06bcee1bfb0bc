import type { KindFixture } from '../fixture.ts';

/** A ruleset for the conformance suite: one rule, a default, an enum output. */
export const fixture: KindFixture = {
  document: `kind: ruleset
id: conformance.ruleset
version: 1.0.0
status: draft
title: conformance ruleset
facts:
  amount: { type: number, minimum: 0 }
hit: first
outputs:
  approver: { enum: [advisor, manager] }
rules:
  - id: large
    when: { amount: { greaterThan: 5000 } }
    then: { approver: manager }
default: { approver: advisor }
`,
  request: { facts: { amount: 6000 }, at: '2026-03-01' },
  // The approver rises with the amount, so "never rises" is broken above 5000.
  failingInvariant: {
    name: 'the approver never rises with the amount',
    monotone: { fact: 'amount', output: 'approver', direction: 'decreasing' },
  },
  output: 'approver',
};
