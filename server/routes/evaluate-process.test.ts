import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { json, postJson, testApp } from '../testing.ts';

const { app } = testApp({}, bundledStandardsDir);
const evaluate = (body: unknown) => app.request('/v1/standards/process.work-order/evaluate', postJson(body));
const facts = { job: { type: 'maintenance' }, workLevel: 'minor-repair', advisor: 'SA-01' };
const received = { type: 'vehicle-received', time: '2026-12-03T08:30:00+08:00', actor: 'SA-01' };

describe('POST /v1/standards/{process}/evaluate', () => {
  it('evaluates a process over the posted history at an instant', async () => {
    const res = await evaluate({ facts, history: [received], at: '2026-12-03T10:00:00+08:00' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      kind: 'process',
      at: '2026-12-03T10:00:00+08:00',
      // 1.1.0 (in force from 2026-12-03) inspects the vehicle and checks recalls at reception.
      result: {
        stage: 'reception',
        next: [
          { step: 'reception.inspect', standard: 'inspection.reception' },
          { step: 'reception.recall', standard: 'recall.check' },
        ],
      },
    });
  });

  it('answers a history that does not fit with history_invalid (422), each problem with its path', async () => {
    const res = await evaluate({
      facts,
      history: [{ ...received, type: 'received' }],
      at: '2026-12-03T10:00:00+08:00',
    });
    expect(res.status).toBe(422);
    expect((await json(res)).error).toMatchObject({
      code: 'history_invalid',
      details: [{ code: 'history_event_unknown', path: '/history/0/type' }],
    });
  });

  it('answers a history that is not a list with body_invalid (422)', async () => {
    const res = await evaluate({ facts, history: { not: 'a list' } });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('body_invalid');
  });
});
