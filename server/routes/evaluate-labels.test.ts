/**
 * `?lang` on the evaluate routes: the result keeps its codes, and `labels` gives the words for
 * them in the language asked for (the document's `labels:` table, the catalogue's statuses,
 * severities and kinds). Every response is checked against the published schema (testApp).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, postJson, testApp } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'norma-labels-'));
mkdirSync(join(dir, 'rules/approval.bilingual'), { recursive: true });
writeFileSync(
  join(dir, 'rules/approval.bilingual/1.0.0.yaml'),
  `kind: ruleset
id: approval.bilingual
version: 1.0.0
status: approved
effective: 2026-01-01
approved: { by: 王强, at: 2025-12-20 }
title: { zh: 维修审批, en: Work-order approval }
facts:
  estimateTotal: { type: number, minimum: 0, unit: CNY }
hit: first
outputs:
  approver: { enum: [service-advisor, service-manager] }
labels:
  approver:
    service-advisor: { zh: 服务顾问, en: Service advisor }
    service-manager: { zh: 服务经理, en: Service manager }
rules:
  - id: manager
    title: { zh: 大额需服务经理, en: Large jobs need the manager }
    when: { estimateTotal: { greaterThan: 5000 } }
    then: { approver: service-manager }
  - id: advisor
    then: { approver: service-advisor }
`,
);
mkdirSync(join(dir, 'checklists/site.check'), { recursive: true });
writeFileSync(
  join(dir, 'checklists/site.check/1.0.0.yaml'),
  `kind: checklist
id: site.check
version: 1.0.0
status: draft
title: { zh: 现场检查, en: Site check }
sections:
  - id: ppe
    title: { zh: 防护, en: Protection }
    items:
      - id: goggles
        text: { zh: 佩戴护目镜, en: Goggles worn }
        severity: critical
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { app } = testApp({}, dir);
const evaluate = (id: string, body: unknown, query = '', headers: Record<string, string> = {}) =>
  app.request(`/v1/standards/${id}/evaluate${query}`, postJson(body, headers));

describe('evaluate ?lang', () => {
  const big = { facts: { estimateTotal: 9000 }, at: '2026-03-01' };

  it('adds the document’s labels for the result’s values, in Chinese by default', async () => {
    const body = await json(await evaluate('approval.bilingual', big));
    expect(body.result).toEqual({ outputs: { approver: 'service-manager' } });
    expect(body.labels).toEqual({
      lang: 'zh',
      values: { approver: { 'service-manager': '服务经理' } },
      codes: { kind: { ruleset: '决策表' } },
    });
    // The result's own text is in the document's language, whatever was asked.
    expect(body.matched[0].title).toBe('大额需服务经理');
  });

  it('gives the English with ?lang=en and keeps the codes', async () => {
    const body = await json(await evaluate('approval.bilingual', big, '?lang=en'));
    expect(body.result).toEqual({ outputs: { approver: 'service-manager' } });
    expect(body.labels).toEqual({
      lang: 'en',
      values: { approver: { 'service-manager': 'Service manager' } },
      codes: { kind: { ruleset: 'Decision table' } },
    });
  });

  it('ignores Accept-Language on JSON, so the same request gets the same answer', async () => {
    const body = await json(await evaluate('approval.bilingual', big, '', { 'accept-language': 'en-US' }));
    expect(body.labels.lang).toBe('zh');
  });

  it('labels a checklist’s status, item statuses, reasons and severities', async () => {
    const request = { facts: {}, answers: { 'ppe.goggles': { value: false } }, at: '2026-03-01' };
    const zh = await json(await evaluate('site.check', { ...request, version: '1.0.0' }));
    expect(zh.result.status).toBe('fail');
    expect(zh.labels.codes).toEqual({
      kind: { checklist: '检查表' },
      status: { fail: '不通过' },
      reason: { expect_not_met: '不符合要求' },
      severity: { critical: '关键' },
    });
    const en = await json(await evaluate('site.check', { ...request, version: '1.0.0' }, '?lang=en'));
    expect(en.labels.codes.status).toEqual({ fail: 'Fail' });
    expect(en.labels.codes.severity).toEqual({ critical: 'critical' });
  });

  it('labels every item of a batch', async () => {
    const res = await app.request(
      '/v1/standards/approval.bilingual/evaluate/batch?lang=en',
      postJson({ items: [big, { facts: { estimateTotal: 10 }, at: '2026-03-01' }] }),
    );
    const body = await json(res);
    expect(body.results.map((r: { labels: { values: unknown } }) => r.labels.values)).toEqual([
      { approver: { 'service-manager': 'Service manager' } },
      { approver: { 'service-advisor': 'Service advisor' } },
    ]);
  });

  it('refuses a language it does not speak', async () => {
    const res = await evaluate('approval.bilingual', big, '?lang=fr');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('query_invalid');
  });
});
