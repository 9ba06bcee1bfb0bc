import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { json, postJson, testApp } from '../testing.ts';

const { app } = testApp();
const evaluate = (body: unknown, id = 'approval.work-order', headers: Record<string, string> = {}) =>
  app.request(`/v1/standards/${id}/evaluate`, postJson(body, headers));
const batch = (body: unknown, id = 'approval.work-order') =>
  app.request(`/v1/standards/${id}/evaluate/batch`, postJson(body));
const facts = (estimateTotal: number) => ({ estimateTotal, payType: 'customer' });

describe('POST /v1/standards/{id}/evaluate', () => {
  it('evaluates the version in force at `at` and returns the envelope', async () => {
    const res = await evaluate({ facts: facts(25000), at: '2026-03-01' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      standard: { id: 'approval.work-order', version: '1.1.0', digest: expect.stringMatching(/^sha256:/) },
      at: '2026-03-01',
      kind: 'ruleset',
      result: { outputs: { approver: 'general-manager' } },
      matched: [expect.objectContaining({ rule: 'gm-over-20000', clause: '§7.4' })],
      labels: { lang: 'zh', values: {}, codes: { kind: { ruleset: '决策表' } } },
    });
  });

  it('takes the older version at an older date', async () => {
    const body = await json(await evaluate({ facts: facts(6000), at: '2025-06-01' }));
    expect(body.standard.version).toBe('1.0.0');
    expect(body.result.outputs.approver).toBe('service-manager');
  });

  it('evaluates a pinned version, even a draft', async () => {
    const body = await json(
      await evaluate({ facts: { amount: 1, recall: false, fuel: 'ev' }, version: '2.0.0' }, 'routing.job'),
    );
    expect(body.standard.version).toBe('2.0.0');
    expect(body.result.outputs.route).toBe('workshop');
  });

  it('adds the explanation of every rule when asked', async () => {
    const body = await json(await evaluate({ facts: facts(9000), at: '2026-03-01', explain: true }));
    expect(body.result.outputs.approver).toBe('service-manager');
    expect(body.explain).toEqual([
      expect.objectContaining({ type: 'rule', id: 'gm-over-20000', applied: false }),
      expect.objectContaining({ type: 'rule', id: 'manager-over-5000', applied: true }),
    ]);
    expect(body.explain[1].conditions).toMatchObject({ fact: 'estimateTotal', value: 9000, outcome: true });
  });

  it('answers malformed JSON with body_malformed (400)', async () => {
    const res = await evaluate('{"facts": ');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('body_malformed');
  });

  it('answers a body that is not JSON with content_type_unsupported (415)', async () => {
    const res = await app.request('/v1/standards/approval.work-order/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe('content_type_unsupported');
  });

  it('accepts a JSON media type with parameters or a +json suffix', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.norma+json']) {
      const res = await evaluate({ facts: facts(1) }, 'approval.work-order', { 'content-type': type });
      expect(res.status).toBe(200);
    }
  });

  it('answers a body over the limit with body_too_large (413)', async () => {
    const small = testApp({ bodyLimit: 64 }).app;
    const res = await small.request(
      '/v1/standards/approval.work-order/evaluate',
      postJson({ facts: { ...facts(1), note: 'x'.repeat(100) } }),
    );
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('body_too_large');
  });

  it('answers an unknown standard with standard_unknown (404)', async () => {
    const res = await evaluate({ facts: facts(1) }, 'nope');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('standard_unknown');
  });

  it('answers an unknown pinned version with version_unknown (404)', async () => {
    const res = await evaluate({ facts: facts(1), version: '3.0.0' });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('version_unknown');
  });

  it('answers facts of the wrong type with facts_invalid (422) and the path of each problem', async () => {
    const res = await evaluate({ facts: { estimateTotal: 'lots' } });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe('facts_invalid');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/estimateTotal',
      '/payType',
    ]);
  });

  it('answers a date before any version with version_not_in_force (422)', async () => {
    const res = await evaluate({ facts: facts(1), at: '2020-01-01' });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('version_not_in_force');
  });

  it('answers a date that is not ISO with at_invalid (422)', async () => {
    const res = await evaluate({ facts: facts(1), at: '01/03/2026' });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('at_invalid');
  });

  it('answers a misspelt or mistyped field with body_invalid (422) naming each', async () => {
    const res = await evaluate({ fact: facts(1), explain: 'yes' });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe('body_invalid');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/explain',
      '/fact',
      '/facts',
    ]);
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ message: 'unknown field `fact`', hint: expect.stringContaining('facts') }),
    );
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ path: '/explain', message: '`explain` must be a boolean' }),
    );
  });

  it('answers a body without facts with body_invalid (422): `facts` is required, `{}` when none', async () => {
    const res = await evaluate({ at: '2026-03-01' });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details).toEqual([
      expect.objectContaining({ code: 'body_invalid', path: '/facts', message: '`facts` is required' }),
    ]);
  });

  it('answers a body that is not an object with body_invalid (422)', async () => {
    const res = await evaluate([1, 2]);
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('body_invalid');
  });
});

describe('POST /v1/standards/{id}/evaluate/batch', () => {
  it('answers each item on its own: envelopes and error entries, in order', async () => {
    const res = await batch({
      items: [
        { facts: facts(25000), at: '2026-03-01' },
        { facts: { estimateTotal: -1, payType: 'customer' } },
        { facts: facts(6000), at: '2025-06-01' },
        { facts: facts(1), at: '2020-01-01' },
      ],
    });
    expect(res.status).toBe(200);
    const { results } = await json(res);
    expect(results).toHaveLength(4);
    expect(results[0].result.outputs.approver).toBe('general-manager');
    expect(results[1].error.code).toBe('facts_invalid');
    expect(results[2]).toMatchObject({
      standard: { version: '1.0.0' },
      result: { outputs: { approver: 'service-manager' } },
    });
    expect(results[3].error.code).toBe('version_not_in_force');
  });

  it('refuses a batch with an item the schema forbids (422 body_invalid), naming every such item', async () => {
    const res = await batch({
      items: [{ facts: facts(1) }, 'not an item', { facts: facts(1), fact: 1 }, { at: '2026-03-01' }],
    });
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('body_invalid');
    expect(error.details.map((d: { path: string; message: string }) => `${d.path} ${d.message}`)).toEqual([
      '/items/1 `items[1]` must be a JSON object',
      '/items/2/fact unknown field `fact` in `items[2]`',
      '/items/3/facts `facts` is required in `items[3]`',
    ]);
  });

  it('applies a pinned version to every item', async () => {
    const { results } = await json(
      await batch(
        { items: [{ facts: { amount: 1, recall: true, fuel: 'ev' } }], version: '2.0.0' },
        'routing.job',
      ),
    );
    expect(results[0].standard.version).toBe('2.0.0');
  });

  it('answers an unknown pinned version for the whole batch with version_unknown (404)', async () => {
    const res = await batch({ items: [{ facts: facts(1) }], version: '7.0.0' });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('version_unknown');
  });

  it('answers an unknown standard with standard_unknown (404)', async () => {
    const res = await batch({ items: [] }, 'nope');
    expect(res.status).toBe(404);
  });

  it('answers a batch over the maximum with batch_too_large (413)', async () => {
    const small = testApp({ batchMax: 2 }).app;
    const res = await small.request(
      '/v1/standards/approval.work-order/evaluate/batch',
      postJson({ items: [{ facts: facts(1) }, { facts: facts(2) }, { facts: facts(3) }] }),
    );
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('batch_too_large');
  });

  it('answers a batch over its time budget with eval_timeout (503)', async () => {
    const hurried = testApp({ timeoutMs: 1 }).app;
    const items = Array.from({ length: 1000 }, (_, i) => ({ facts: facts(i * 50) }));
    const res = await hurried.request(
      '/v1/standards/approval.work-order/evaluate/batch',
      postJson({ items }),
    );
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.error.code).toBe('eval_timeout');
    expect(body.error.details[0].message).toMatch(/^\d+ of 1000 items evaluated$/);
  });

  it('answers a missing or mistyped items list with body_invalid (422)', async () => {
    for (const body of [{}, { items: {} }]) {
      const res = await batch(body);
      expect(res.status).toBe(422);
      expect((await json(res)).error.code).toBe('body_invalid');
    }
  });

  it('answers malformed JSON with body_malformed (400)', async () => {
    const res = await batch('{items');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('body_malformed');
  });
});

describe('null is a value, not an absence', () => {
  it('answers `facts: null` with one `type` error, not as empty facts', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/standards/approval.work-order/evaluate', postJson({ facts: null }));
    const body = await json(res);
    expect([res.status, body.error.code]).toEqual([422, 'facts_invalid']);
    expect(body.error.details).toEqual([expect.objectContaining({ code: 'type', path: '' })]);
  });

  it('answers `answers: null` on a checklist with one answer_shape error', async () => {
    const { app } = testApp({}, bundledStandardsDir);
    const res = await app.request(
      '/v1/standards/delivery.vehicle/evaluate',
      postJson({ facts: { payType: 'customer', certificateRequired: false }, answers: null }),
    );
    const body = await json(res);
    expect([res.status, body.error.code]).toEqual([422, 'answers_invalid']);
    expect(body.error.details).toEqual([expect.objectContaining({ code: 'answer_shape', path: '/answers' })]);
  });
});
