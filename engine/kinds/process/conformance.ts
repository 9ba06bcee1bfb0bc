import type { KindFixture } from '../fixture.ts';

/**
 * A process for the conformance suite: a check, a high-voltage stage only for EV jobs, a delivery
 * gated by a signature, and a follow-up deadline.
 */
export const fixture: KindFixture = {
  document: `kind: process
id: conformance.process
version: 1.0.0
status: draft
title: conformance process
facts:
  jobType: { enum: [maintenance, ev-high-voltage] }
events:
  delivered: { title: delivered }
  called: { title: follow-up call }
stages:
  - id: check
    steps:
      - id: safety
        standard: conformance.checklist
        input: { jobType: jobType }
        completes: { status: pass }
  - id: high-voltage
    when: { jobType: ev-high-voltage }
    steps:
      - id: isolate
        standard: conformance.ruleset
        completes: { outputs.approver: manager }
  - id: delivery
    steps:
      - id: handover
        standard: conformance.ruleset
        completes: { outputs.approver: { in: [advisor, manager] } }
        optional: true
    gate: { events: [delivered] }
deadlines:
  - id: follow-up
    from: { event: delivered }
    within: 2d
    met: { event: called }
`,
  request: {
    facts: { jobType: 'ev-high-voltage' },
    history: [
      {
        decisionId: 'd-1',
        standard: { id: 'conformance.checklist', version: '1.0.0' },
        at: '2026-03-01T09:00:00+08:00',
        result: { status: 'pass' },
      },
      {
        decisionId: 'd-2',
        standard: { id: 'conformance.ruleset', version: '1.0.0' },
        step: 'high-voltage.isolate',
        at: '2026-03-01T10:00:00+08:00',
        result: { outputs: { approver: 'advisor' } },
      },
    ],
    at: '2026-03-01T12:00:00+08:00',
  },
  // Generated histories reach the high-voltage stage and beyond.
  failingInvariant: { name: 'a case never leaves the first stage', forall: { expect: { stage: 'check' } } },
  output: 'stage',
  companions: ['checklist', 'ruleset'],
};
