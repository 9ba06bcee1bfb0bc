import type { KindFixture } from '../fixture.ts';

/** A fee schedule for the conformance suite: a rate, a markup, a discount and tax. */
export const fixture: KindFixture = {
  document: `kind: fees
id: conformance.fees
version: 1.0.0
status: draft
title: conformance fees
currency: CNY
rounding: { scale: 2, mode: half-up }
facts:
  member: { type: boolean }
  labour:
    type: array
    items:
      type: object
      required: [opCode, hours]
      properties:
        opCode: { type: string }
        hours: { type: number, minimum: 0 }
  parts:
    type: array
    items:
      type: object
      required: [partNo, qty, unitCost]
      properties:
        partNo: { type: string }
        qty: { type: number, minimum: 0 }
        unitCost: { type: number, minimum: 0 }
labourRate:
  - { rate: 300 }
partsMarkupPct:
  - { pct: 20 }
discounts:
  maxPct: 10
  rules:
    - { id: member, when: { member: true }, pct: 5, on: labour }
taxPct: 13
`,
  request: {
    facts: {
      member: true,
      labour: [{ opCode: 'BRK-01', hours: 1.5 }],
      parts: [{ partNo: 'BP-1', qty: 2, unitCost: 100 }],
    },
    at: '2026-03-01',
  },
  // Any priced hour or part costs something.
  failingInvariant: { name: 'every order is free', forall: { expect: { 'totals.total': 0 } } },
  output: 'totals.total',
};
