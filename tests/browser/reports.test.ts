/**
 * Every kind of printed report in Chromium, as served by norma (its CSP, its own font files):
 * the blank checklist form, a filled checklist, the 结算清单 and the internal pricing statement,
 * a scorecard report, a document summary, a diff and a case file. Each prints to an A4 PDF with
 * a sane page count, no text overflows its cell, Chinese is drawn with the served Noto Sans SC
 * (the machine has no Chinese font of its own), and the page margins carry the document id and
 * the page numbers. A screenshot of each is taken (kept under docs/reports/ for the README with
 * NORMA_SCREENSHOTS=1).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, loadStandards, today } from '../../engine/index.ts';
import { workOrderFacts, workOrderSteps } from '../../server/routes/cases-journey.ts';
import { describeInBrowser, type Opened, useBrowserSuite } from './harness.ts';

// A test run never dirties the checkout: the screenshots go to a temporary folder unless
// NORMA_SCREENSHOTS=1 asks for the README's copies under docs/reports/ to be refreshed.
const shots =
  process.env.NORMA_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/reports/', import.meta.url))
    : join(tmpdir(), 'norma-report-shots/');
const index = loadStandards(bundledStandardsDir);

/** The version of `id` in force today (or `version`), and its first test (facts and answers that evaluate). */
function sample(id: string, version?: string) {
  const versions = index.documents.get(id) ?? [];
  const doc = versions.find((d) => d.version === version) ?? chooseVersion(id, versions, today());
  const test = ((doc.data.tests ?? []) as { facts?: unknown; answers?: unknown; at?: string }[])[0] ?? {};
  return { version: doc.version, facts: test.facts ?? {}, answers: test.answers, at: test.at };
}

const heading = {
  workOrder: 'WO-20261205-0042',
  date: '2026-12-05',
  vin: 'LGXCE4CB8N0012345',
  plate: '沪AD12345',
  mileage: 23150,
  vehicle: '比亚迪 汉 EV',
  technician: '王磊 (T-12)',
  advisor: '陈静 (SA-01)',
  customer: '张伟',
  customerPhone: '13812345678',
  work: 'level-2-maintenance',
  repairer: {
    name: '上海浦东某汽车销售服务有限公司',
    address: '上海市浦东新区某某路 888 号',
    licence: '沪交运管许可浦字 310115000123 号',
    phone: '021-5888 0000',
  },
};

/**
 * What the page reports about itself once printed: text overflowing its cell, whether Chinese is
 * drawn with the served font, the page margin rules Chromium kept, the text. Run in the page (as
 * source: the test's own code has no DOM types).
 */
const INSPECT = `(() => {
  const overflowing = [];
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ': ' +
    (el.textContent || '').trim().slice(0, 40);
  for (const cell of document.querySelectorAll('th, td, dd, dt, .signatures div, li')) {
    if (cell.scrollWidth > cell.clientWidth + 1) overflowing.push(describe(cell));
  }
  // Inline text (codes, digests, marked words) stays inside its cell.
  for (const inline of document.querySelectorAll('td code, td span, th span, td del, td ins, dd code, dd span')) {
    const a = inline.getBoundingClientRect();
    const b = inline.closest('td, th, dd').getBoundingClientRect();
    if (a.right > b.right + 1 || a.left < b.left - 1) overflowing.push(describe(inline));
  }
  const main = document.querySelector('main').getBoundingClientRect();
  for (const table of document.querySelectorAll('table')) {
    if (table.getBoundingClientRect().right > main.right + 1) overflowing.push(describe(table));
  }
  const margins = {};
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSPageRule)) continue;
      for (const inner of rule.cssRules) {
        if (inner.name && inner.style) margins[inner.name] = inner.style.getPropertyValue('content');
      }
    }
  }
  const served = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC');
  return {
    overflowing,
    chinese: document.fonts.check('12px "Noto Sans SC"', '中'),
    loadedFaces: served.filter((f) => f.status === 'loaded').length,
    margins,
    text: document.body.innerText,
  };
})()`;

interface Inspected {
  overflowing: string[];
  chinese: boolean;
  loadedFaces: number;
  margins: Record<string, string>;
  text: string;
}

async function inspect(page: Page): Promise<Inspected> {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate('document.fonts.ready.then(() => true)');
  return (await page.evaluate(INSPECT)) as Inspected;
}

/** Pages in a PDF: its page objects. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

describeInBrowser('printed reports in Chromium', () => {
  const suite = useBrowserSuite();
  const post = async (path: string, body: unknown) =>
    fetch(`${suite.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /**
   * Opens a report the server answers at `path` (GET), or whose HTML it answered to a POST: the
   * HTML is put in a page of the server's own origin, so its font links load as they would.
   */
  async function open(path: string, body?: unknown): Promise<Opened> {
    const opened = await suite.open({ width: 794, height: 1123 });
    if (body === undefined) {
      const res = await opened.page.goto(`${suite.server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['content-security-policy']).toContain("font-src 'self'");
    } else {
      const res = await post(path, body);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      // A page of the server's origin (a report itself), so the report's font links resolve there.
      await opened.page.goto(`${suite.server.url}/v1/standards/approval.work-order/versions/1.0.0/report`);
      await opened.page.setContent(html, { waitUntil: 'load' });
    }
    return opened;
  }

  async function check(name: string, opened: Opened, id: string, maxPages: number, expectText: string[]) {
    const { page } = opened;
    const report = await inspect(page);
    expect(report.overflowing, `${name}: text overflowing its cell`).toEqual([]);
    expect(report.chinese, `${name}: Chinese drawn with the served font`).toBe(true);
    expect(report.loadedFaces, `${name}: Noto Sans SC subsets loaded`).toBeGreaterThan(0);
    expect(report.margins['top-right'], `${name}: the id on every page`).toContain(id);
    expect(report.margins['bottom-right']).toMatch(/第 " counter\(page\) " 页 \/ 共 " counter\(pages\) " 页/);
    for (const text of expectText) expect(report.text, name).toContain(text);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = pageCount(pdf);
    expect(pages, `${name}: pages`).toBeGreaterThanOrEqual(1);
    expect(pages, `${name}: pages`).toBeLessThanOrEqual(maxPages);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: `${shots}${name}.png` });
    expect(opened.problems, `${name}: CSP or script problems: ${opened.problems.join('; ')}`).toEqual([]);
    await opened.context.close();
  }

  it('prints a blank checklist form', async () => {
    const { version } = sample('delivery.vehicle');
    const opened = await open(`/v1/standards/delivery.vehicle/versions/${version}/report`);
    await check('checklist-form', opened, `delivery.vehicle ${version}`, 6, ['工单号', '严重度', '☐ 是']);
  });

  it('prints a filled checklist with the work order and VIN', async () => {
    // 1.3.0 declares who signs the delivery: the customer first.
    const s = sample('delivery.vehicle', '1.3.0');
    const opened = await open(`/v1/standards/delivery.vehicle/versions/${s.version}/report`, {
      facts: s.facts,
      ...(s.answers ? { answers: s.answers } : {}),
      at: '2026-12-05',
      heading,
    });
    await check('checklist-report', opened, `delivery.vehicle ${s.version}`, 6, [
      'WO-20261205-0042',
      'LGXCE4CB8N0012345',
      '客户确认交车 / 日期',
    ]);
  });

  it('prints the 结算清单 and never a cost or markup', async () => {
    const { version } = sample('fees.work-order');
    const facts = {
      payType: 'customer',
      customer: { tier: 'gold' },
      labour: [
        { opCode: 'M-OIL 更换机油机滤', skill: 'general', hours: 0.5 },
        { opCode: 'B-PAD 更换前刹车片', skill: 'senior', hours: 1.2 },
        { opCode: 'HV-BAT 高压电池检测', skill: 'ev-high-voltage', hours: 1, payType: 'warranty' },
      ],
      parts: [
        { partNo: 'OIL-5W30 全合成机油 4L', category: 'oem', qty: 1, unitCost: 220 },
        { partNo: 'FLT-01 机油滤清器', category: 'aftermarket', qty: 1, unitCost: 28.5 },
        { partNo: 'BP-4471 前刹车片', category: 'oem', qty: 1, unitCost: 380 },
      ],
    };
    const path = `/v1/standards/fees.work-order/versions/${version}/report`;
    const opened = await open(path, { facts, at: '2026-12-05', heading });
    const text = (await opened.page.evaluate('document.body.innerText')) as string;
    for (const cost of ['220.00', '28.50', '380.00', '+ 30 %', '成本']) expect(text).not.toContain(cost);
    await check('settlement', opened, `fees.work-order ${version}`, 2, [
      '机动车维修结算清单',
      '托修方',
      '承修方',
      '沪交运管许可浦字 310115000123 号',
      '工时费',
      '材料费',
      '原厂配件',
      '质量保证期',
    ]);
    const internal = await open(`${path}?statement=internal`, { facts, at: '2026-12-05', heading });
    await check('fee-statement-internal', internal, `fees.work-order ${version}`, 2, [
      '内部费用核算单',
      '220 + 30 %',
    ]);
  });

  it('prints a scorecard report', async () => {
    const s = sample('scorecard.technician');
    const opened = await open(`/v1/standards/scorecard.technician/versions/${s.version}/report`, {
      facts: s.facts,
      at: '2026-12-05',
      heading: { technician: heading.technician },
    });
    await check('scorecard', opened, `scorecard.technician ${s.version}`, 3, ['等级', '加权得分']);
  });

  it('prints a document summary', async () => {
    const { version } = sample('approval.work-order');
    const opened = await open(`/v1/standards/approval.work-order/versions/${version}/report`);
    await check('document-summary', opened, `approval.work-order ${version}`, 4, ['决策表']);
  });

  it('prints a diff with the changed words marked', async () => {
    const opened = await open(
      '/v1/standards/approval.work-order/diff?from=1.0.0&to=1.1.0&runs=100&seed=1&format=html',
    );
    expect(await opened.page.locator('table.changes del').count()).toBeGreaterThan(0);
    expect(await opened.page.locator('table.changes ins').count()).toBeGreaterThan(0);
    await check('diff', opened, 'approval.work-order 1.0.0 → 1.1.0', 4, ['改变结果的变更']);
  });

  it('prints a case file', async () => {
    const created = await post('/v1/cases', {
      process: 'process.work-order',
      version: '1.0.0',
      subject: { type: 'work-order', id: 'WO-20261205-0042' },
      facts: workOrderFacts,
    });
    const { caseId } = (await created.json()) as { caseId: string };
    await post(`/v1/cases/${caseId}/events`, { type: 'vehicle-received' });
    await post(`/v1/cases/${caseId}/steps`, workOrderSteps().register);
    const opened = await open(`/v1/cases/${caseId}/report`);
    await check('case-file', opened, 'process.work-order 1.0.0', 4, [
      '案件档案',
      'WO-20261205-0042',
      '沪AD12345',
    ]);
  });
});
