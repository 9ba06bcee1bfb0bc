/**
 * Process laws over generated case histories (the assurance generator's: walks through the steps
 * with failures, repeats, jumps out of order and events), for the bundled work-order process and
 * every prefix of each history: delivery is never reachable while the latest quality-control
 * attempt failed; a refused decision never does a step; and the case never stands beyond a stage
 * that is not done.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedStep,
  type CompiledDocument,
  compileDocument,
  evaluateProcess,
  inputArbitrary,
} from '../../engine/index.ts';
import { params } from './support.ts';

const file = new URL('../../rules/process.work-order/1.0.0.yaml', import.meta.url);
const doc = compileDocument(readFileSync(file, 'utf8'), 'rules/process.work-order/1.0.0.yaml')
  .document as CompiledDocument;
const AT = '2026-12-02';
const stageIds = (doc.data.stages as { id: string }[]).map((s) => s.id);

describe('the work-order process over generated histories', () => {
  it('generates histories that get past quality control, fail it and repeat steps', () => {
    const samples = fc.sample(inputArbitrary(doc), { numRuns: 300, seed: 20261128 });
    const results = samples.map(({ facts, history }) => evaluateProcess(doc, { facts, history, at: AT }));
    const past = results.filter(
      (r) => stageIds.indexOf(r.stage ?? 'archiving') > stageIds.indexOf('quality-control'),
    );
    const qcFailed = results.filter((r) => r.stages['quality-control']?.steps.inspect?.reason !== undefined);
    const repeated = results.filter((r) =>
      Object.values(r.stages).some((s) => Object.values(s.steps).some((x) => x.attempts > 1)),
    );
    expect(past.length).toBeGreaterThan(10);
    expect(qcFailed.length).toBeGreaterThan(10);
    expect(repeated.length).toBeGreaterThan(10);
    expect(results.filter((r) => r.refused.length > 0).length).toBeGreaterThan(10);
  });

  it('never lets a case reach delivery while quality control has not passed', () => {
    fc.assert(
      fc.property(inputArbitrary(doc), ({ facts, history = [] }) => {
        for (let n = 0; n <= history.length; n++) {
          const request = { facts, history: history.slice(0, n), at: AT };
          const r = evaluateProcess(doc, request);
          const qc = r.stages['quality-control']?.steps.inspect;
          if (qc?.state !== 'done') {
            expect(r.stages.delivery?.state).not.toBe('current');
            expect(stageIds.indexOf(r.stage ?? '')).toBeLessThanOrEqual(stageIds.indexOf('quality-control'));
            expect(allowedStep(doc, request, 'delivery.handover').allowed).toBe(false);
          }
        }
      }),
      params(150),
    );
  });

  it('never does a step with a refused decision, and stands at the first stage not done', () => {
    fc.assert(
      fc.property(inputArbitrary(doc), ({ facts, history = [] }) => {
        const r = evaluateProcess(doc, { facts, history, at: AT });
        const refused = new Set(r.refused.map((x) => x.decisionId));
        const states = stageIds.map((id) => r.stages[id]?.state);
        for (const stage of Object.values(r.stages)) {
          for (const step of Object.values(stage.steps)) {
            if (step.decisionId) expect(refused.has(step.decisionId)).toBe(false);
          }
        }
        const current = r.stage === null ? stageIds.length : stageIds.indexOf(r.stage);
        for (const s of states.slice(0, current)) expect(['done', 'not-applicable']).toContain(s);
        expect(r.complete).toBe(r.stage === null);
      }),
      params(150),
    );
  });
});
