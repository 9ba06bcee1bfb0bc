import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { postJson, testApp } from '../testing.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions themselves
type Body = any;
const json = async (res: Response): Promise<Body> => res.json();

const { app } = testApp();
const DIFF = '/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0';

describe('GET /v1/standards/{id}/diff', () => {
  it('answers the semantic and behavioural diff as JSON, the same for the same seed', async () => {
    const res = await app.request(`${DIFF}&runs=200&seed=3`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.semantic.changes).toContainEqual({
      op: 'changed',
      path: 'rules[manager-over-5000].when.estimateTotal.greaterThan',
      class: 'outcome',
      from: 5000,
      to: 8000,
    });
    expect(body.behaviour.generated.total).toBe(200);
    expect(body.behaviour.generated.transitions[0].label).toBe('approver: service-manager → service-advisor');
    expect(await json(await app.request(`${DIFF}&runs=200&seed=3`))).toEqual(body);
  });

  it('negotiates text, Markdown and HTML by Accept, and ?format= wins', async () => {
    const html = await app.request(`${DIFF}&runs=0`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('<h2>改变结果的变更 (2)</h2>');
    const en = await app.request(`${DIFF}&runs=0&format=html&lang=en`);
    expect(await en.text()).toContain('<h2>changes outcomes (2)</h2>');
    const md = await app.request(`${DIFF}&runs=0`, { headers: { accept: 'text/markdown' } });
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await app.request(`${DIFF}&runs=0&format=text`, { headers: { accept: 'text/html' } });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toContain(
      'rules[manager-over-5000].when.estimateTotal.greaterThan: 5000 → 8000',
    );
  });

  it('skips the behavioural diff with runs=0', async () => {
    const body = await json(await app.request(`${DIFF}&runs=0`));
    expect(body.behaviour).toBeUndefined();
  });

  it('rejects missing or bad parameters with query_invalid (400)', async () => {
    for (const url of [
      '/v1/standards/approval.work-order/diff?from=1.0.0',
      `${DIFF}&format=pdf`,
      `${DIFF}&runs=999999`,
      `${DIFF}&seed=x`,
    ]) {
      const res = await app.request(url);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('query_invalid');
    }
  });

  it('answers 404 for an unknown standard or version', async () => {
    const res = await app.request('/v1/standards/approval.work-order/diff?from=1.0.0&to=3.0.0');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('version_unknown');
    expect((await app.request('/v1/standards/nope/diff?from=1.0.0&to=1.1.0')).status).toBe(404);
  });
});

describe('POST /v1/standards/{id}/diff', () => {
  it('compares real inputs sent as JSON', async () => {
    const inputs = [
      { estimateTotal: 6000, payType: 'customer' },
      { facts: { estimateTotal: 100, payType: 'customer' } },
    ];
    const res = await app.request(`${DIFF}&runs=0`, postJson({ inputs }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.behaviour.real).toMatchObject({ total: 2, changed: 1, share: 0.5 });
  });

  it('compares real inputs sent as JSON Lines', async () => {
    const res = await app.request(`${DIFF}&runs=0`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"estimateTotal": 6000, "payType": "customer"}\n{"estimateTotal": 7000, "payType": "customer"}\n',
    });
    expect((await json(res)).behaviour.real).toMatchObject({ total: 2, changed: 2 });
  });

  it('rejects a body without inputs (422) and a broken JSON line (400)', async () => {
    expect((await app.request(DIFF, postJson({ items: [] }))).status).toBe(422);
    const res = await app.request(DIFF, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"estimateTotal": 1}\nnope\n',
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].line).toBe(2);
  });
});

describe('/v1/standards/{id}/versions/{v}/report', () => {
  it('renders the document summary of a version as printable HTML', async () => {
    const res = await app.request('/v1/standards/approval.work-order/versions/1.0.0/report');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("font-src 'self'");
    const html = await res.text();
    expect(html).toContain('<h2>决策表</h2>');
    expect(html).toMatch(/@page \{\s*size: A4;/);
    // The Chinese font comes from norma itself.
    expect(html).toMatch(/src:url\(\/static\/fonts\/noto-sans-sc-\d+-400-normal\.woff2\)/);
  });

  it('prints in the language asked: ?lang=, else Accept-Language; another value is query_invalid', async () => {
    const path = '/v1/standards/approval.work-order/versions/1.0.0/report';
    expect(await (await app.request(`${path}?lang=en`)).text()).toContain('<h2>Decision table</h2>');
    const accepted = await app.request(path, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(await accepted.text()).toContain('<html lang="en">');
    const bad = await app.request(`${path}?lang=fr`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('query_invalid');
  });

  it('renders the report of a posted evaluation, escaping what was sent', async () => {
    const facts = { estimateTotal: 25000, payType: 'customer', note: '<script>alert(1)</script>' };
    const res = await app.request(
      '/v1/standards/approval.work-order/versions/1.1.0/report',
      postJson({ facts, at: '2026-03-01' }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2>决定</h2>');
    expect(html).toContain('general-manager');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('answers facts_invalid (422) as JSON when the facts do not fit', async () => {
    const res = await app.request(
      '/v1/standards/approval.work-order/versions/1.1.0/report',
      postJson({ facts: { estimateTotal: 'lots' } }),
    );
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe('facts_invalid');
  });

  it('answers 404 for an unknown version and 415 for a body that is not JSON', async () => {
    expect((await app.request('/v1/standards/approval.work-order/versions/9.0.0/report')).status).toBe(404);
    const res = await app.request('/v1/standards/approval.work-order/versions/1.1.0/report', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('prints a checklist of the bundled standard as a blank form', async () => {
    const bundled = testApp({}, bundledStandardsDir).app;
    const list = await json(await bundled.request('/v1/standards'));
    const checklist = list.standards.find((s: { kind: string }) => s.kind === 'checklist');
    expect(checklist).toBeDefined();
    const res = await bundled.request(
      `/v1/standards/${checklist.id}/versions/${checklist.versions[0]}/report`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<main class="checklist-form">');
    expect(html.match(/<div class="signature signature-/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('prints a fee schedule’s evaluation as the 结算清单 with its heading, or the internal statement', async () => {
    const bundled = testApp({}, bundledStandardsDir).app;
    const path = '/v1/standards/fees.work-order/versions/1.3.0/report';
    const body = {
      facts: { labour: [{ opCode: 'M-OIL', hours: 0.5 }], parts: [{ partNo: 'OIL', qty: 4, unitCost: 55 }] },
      at: '2026-12-05',
      heading: { workOrder: 'WO-1', plate: '沪A·12345', customerLang: 'en', repairer: { name: '某 4S 店' } },
    };
    const customer = await (await bundled.request(path, postJson(body))).text();
    // The customer's own language, since the request chose none.
    expect(customer).toContain('<h1>Vehicle repair settlement statement</h1>');
    expect(customer).toContain('沪A·12345');
    expect(customer).not.toContain('55.00');
    const internal = await (
      await bundled.request(`${path}?statement=internal&lang=zh`, postJson(body))
    ).text();
    expect(internal).toContain('内部费用核算单');
    expect(internal).toContain('55 + 30 %');
    const bad = await bundled.request(path, postJson({ ...body, heading: { plate: 1 } }));
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.code).toBe('body_invalid');
  });
});
