import { describe, expect, it } from 'vitest';
import { diffVersions } from '../diff/report.ts';
import { semanticDiff } from '../diff/semantic.ts';
import { type CompiledDocument, compileDocument } from '../document.ts';
import { evaluateFast } from '../evaluate.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { renderDiff, renderReport } from './reports.ts';
import { templateNames } from './templates.ts';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

function compile(text: string): CompiledDocument {
  const result = compileDocument(text, 'test.yaml');
  if (!result.document) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

/** Rows of the first table with this class. */
function rows(html: string, tableClass: string): string[] {
  const table = new RegExp(`<table class="${tableClass}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? table;
  return [...body.matchAll(/<tr[ >][\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

/** A4, the id and version and the page numbers on every page, nothing that runs, no mid-word breaks. */
function expectPrintable(html: string, id?: string): void {
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toMatch(/@page \{\s*size: A4;/);
  expect(html).toContain('content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";');
  if (id) expect(html).toContain(`@top-right { content: "${id}";`);
  expect(html).toContain('@media print');
  expect(html).not.toContain('<script>');
  // Only a digest (hex, not a word) may break anywhere.
  const css = html.replace(/\.digest \{[^}]*\}/g, '');
  expect(css).not.toMatch(/overflow-wrap:\s*anywhere|word-break:\s*break-all/);
}

/** The signature lines of a report: role and label. */
function signatures(html: string): string[][] {
  return [...html.matchAll(/<div class="signature signature-([\w-]+)">([^<]*)<\/div>/g)].map((m) => [
    m[1] as string,
    m[2] as string,
  ]);
}

const checklist = compile(`
kind: checklist
id: t.ev-safety
version: 1.0.0
status: draft
title: "EV safety ${SCRIPT}"
facts:
  jobType: { enum: [maintenance, ev-high-voltage] }
pass: { minScore: 90 }
sections:
  - id: ppe
    title: 个人防护装备 (PPE)
    clause: "§2.1"
    items:
      - { id: goggles, text: "作业人员佩戴护目镜 ${SCRIPT}" }
      - id: insulated-gloves
        text: 高压作业佩戴绝缘手套
        severity: critical
        when: { jobType: ev-high-voltage }
        evidence: photo
  - id: tyres
    title: Tyres
    items:
      - { id: tread-depth, text: 轮胎花纹深度, answer: number, unit: mm, expect: { greaterThanInclusive: 1.6 }, weight: 2 }
`);

const scorecard = compile(`
kind: scorecard
id: t.advisor
version: 1.0.0
status: draft
title: Advisor scorecard
facts:
  csi: { type: number, minimum: 0, maximum: 100 }
  safetyIncidents: { type: integer, minimum: 0 }
criteria:
  - id: csi
    title: 客户满意度
    weight: 100
    bands:
      - { when: { csi: { greaterThanInclusive: 95 } }, points: 100 }
      - { points: 40 }
vetoes:
  - { id: safety-incident, when: { safetyIncidents: { greaterThan: 0 } }, grade: D }
grades:
  - { grade: A, min: 90, outcome: { bonusPct: 10 } }
  - { grade: D, min: 0 }
`);

const fees = compile(`
kind: fees
id: t.fees
version: 1.0.0
status: draft
title: Work-order pricing
currency: CNY
rounding: { scale: 2, mode: half-up }
facts:
  customer: { type: object, properties: { tier: { enum: [standard, gold] } } }
  labour:
    type: array
    items:
      type: object
      required: [opCode, hours]
      properties:
        opCode: { type: string }
        hours: { type: number, minimum: 0 }
        payType: { enum: [customer, warranty] }
  parts:
    type: array
    items:
      type: object
      required: [partNo, qty, unitCost]
      properties:
        partNo: { type: string }
        qty: { type: number, minimum: 0 }
        unitCost: { type: number, minimum: 0 }
        payType: { enum: [customer, warranty] }
labourRate:
  - { when: { line.payType: warranty }, rate: 0 }
  - { rate: 300 }
partsMarkupPct:
  - { pct: 20 }
discounts:
  maxPct: 15
  rules:
    - { id: member-gold, when: { customer.tier: gold }, pct: 5, on: labour }
taxPct: 13
`);

describe('reports', () => {
  const index = loadStandards(bundledStandardsDir);
  const approval = index.documents
    .get('approval.work-order')
    ?.find((d) => d.version === '1.1.0') as CompiledDocument;

  it('has a template for every report', () => {
    expect(templateNames()).toEqual(
      expect.arrayContaining([
        'checklist-form',
        'checklist-report',
        'diff-html',
        'diff-md',
        'document-summary',
        'fee-statement',
        'settlement',
        'print-css',
        'scorecard-report',
        'signatures',
      ]),
    );
  });

  it('summarises a ruleset: header, facts and the decision table with readable conditions', () => {
    const html = renderReport(approval);
    expectPrintable(html, 'approval.work-order 1.1.0');
    expect(html).toContain('<h1>维修费用审批权限 (Work-order approval authority)</h1>');
    expect(html).toContain('<h2>决策表</h2>');
    expect(html).toContain(approval.digest);
    expect(rows(html, 'facts')).toHaveLength(2);
    const rules = rows(html, 'rules');
    expect(rules).toHaveLength(3);
    expect(rules[0]).toContain('estimateTotal 大于 20000');
    expect(rules[1]).toContain('approver: service-manager');
    expect(rules[2]).toContain('默认');
    // The conditions are in the report's language: English when it is asked for.
    expect(rows(renderReport(approval, undefined, { lang: 'en' }), 'rules')[0]).toContain(
      'estimateTotal is greater than 20000',
    );
  });

  it('heads every printed page with the title in the report language', () => {
    const bilingual = index.documents
      .get('approval.work-order')
      ?.find((d) => typeof d.data.title === 'object') as CompiledDocument;
    const runningHead = (html: string) => /@top-left \{ content: ("[^"]*")/.exec(html)?.[1];
    expect(runningHead(renderReport(bilingual, undefined, { lang: 'zh' }))).toBe('"维修费用审批权限"');
    expect(runningHead(renderReport(bilingual, undefined, { lang: 'en' }))).toBe(
      '"Work-order approval authority"',
    );
  });

  it('reports a ruleset decision with its facts escaped', () => {
    const facts = { estimateTotal: 9000, payType: 'customer', note: SCRIPT };
    const envelope = evaluateFast(approval, { facts, at: '2026-03-01' });
    const html = renderReport(approval, { envelope, facts });
    expectPrintable(html);
    expect(html).toContain('<h2>决定</h2>');
    expect(html).toContain(ESCAPED);
    expect(rows(html, 'decision').some((r) => r.includes('approver') && r.includes('service-manager'))).toBe(
      true,
    );
    expect(html).toContain('预估总额 9000 元,需服务经理审批');
    expect(renderReport(approval, { envelope, facts }, { lang: 'en' })).toContain('<h2>Decision</h2>');
  });

  it('prints a blank checklist form with sections, answer fields in words, evidence boxes and signatures', () => {
    const html = renderReport(checklist);
    expectPrintable(html, 't.ev-safety 1.0.0');
    expect(html).toContain(`<h1>EV safety ${ESCAPED}</h1>`);
    expect(html.match(/<section class="section"/g)).toHaveLength(2);
    expect(html).toContain('<h2>个人防护装备 (PPE) <span class="muted">(§2.1)</span></h2>');
    expect(html.match(/<tr class="item/g)).toHaveLength(3);
    expect(html).toContain('<div class="box evidence">须附证据: 照片</div>');
    expect(html).toContain('适用条件: jobType 为 ev-high-voltage');
    expect(html).toContain('要求: answer 不少于 1.6');
    expect(html).toContain('☐ 是 &nbsp; ☐ 否 &nbsp; ☐ 不适用');
    expect(html).toContain('<td class="severity critical">关键</td>');
    expect(html).not.toMatch(/>critical<|>major</);
    // The identifying fields, blank to fill in by hand.
    for (const label of ['工单号', '车辆识别代号 (VIN)', '车牌号', '维修技师', '客户'])
      expect(html).toContain(`<dt>${label}</dt><dd></dd>`);
    expect(signatures(html).map(([role]) => role)).toEqual(['technician', 'inspector', 'service-manager']);
    expect(html).toContain(`作业人员佩戴护目镜 ${ESCAPED}`);
    const en = renderReport(checklist, undefined, { lang: 'en' });
    expect(en).toContain('☐ Yes &nbsp; ☐ No &nbsp; ☐ N/A');
    expect(en).toContain('<th>Severity</th>');
    expect(en).toContain('"Page " counter(page) " of " counter(pages)');
  });

  it('fills the checklist report: answers and statuses as words, the work order and VIN, escaped', () => {
    const answers = {
      'ppe.goggles': { value: true, by: SCRIPT, at: '2026-03-01T09:12:00+08:00' },
      'tyres.tread-depth': { value: 1.2 },
    };
    const facts = { jobType: 'maintenance' };
    const envelope = evaluateFast(checklist, { facts, answers, at: '2026-03-01' });
    const html = renderReport(
      checklist,
      { envelope, facts, answers },
      { heading: { workOrder: 'WO-<7>', vin: 'LSVAU2180N2183749', technician: '张伟' } },
    );
    expectPrintable(html);
    expect(html).toContain('<td class="status status-fail">不合格</td>');
    expect(html).toContain(ESCAPED);
    expect(html).toMatch(/status-na">不适用/);
    expect(html).toMatch(/<td>是<\/td>/);
    expect(html).toMatch(
      /<td>1\.2 mm<\/td>\s*<td class="status status-fail">不合格<br><span class="muted">未达到要求/,
    );
    expect(html).not.toMatch(/>(true|fail|na|expect_not_met|NOT_APPLICABLE)</);
    expect(html).toContain('<dt>工单号</dt><dd>WO-&lt;7&gt;</dd>');
    expect(html).toContain('<dt>车辆识别代号 (VIN)</dt><dd><code>LSVAU2180N2183749</code></dd>');
    expect(html).toContain('<dt>维修技师</dt><dd>张伟</dd>');
    // The time of an answer breaks between date and time, never inside either.
    expect(html).toContain('2026-03-01 09:12:00+08:00');
  });

  it('reads the identifying fields from facts and from the subject', () => {
    const facts = { jobType: 'maintenance', workOrder: 'WO-9', vin: 'VIN-FROM-FACTS' };
    const envelope = evaluateFast(checklist, { facts, answers: {}, at: '2026-03-01' });
    const html = renderReport(
      checklist,
      { envelope, facts },
      { subject: { type: 'vehicle', id: 'IGNORED' } },
    );
    expect(html).toContain('<dt>工单号</dt><dd>WO-9</dd>');
    expect(html).toContain('<code>VIN-FROM-FACTS</code>');
    const bySubject = renderReport(
      checklist,
      { envelope, facts: { jobType: 'maintenance' } },
      { subject: { type: 'work-order', id: 'WO-S' } },
    );
    expect(bySubject).toContain('<dt>工单号</dt><dd>WO-S</dd>');
  });

  it('resolves evaluation dates in conditions instead of printing rule syntax', () => {
    const dated = compile(`
kind: checklist
id: t.dated
version: 1.0.0
status: draft
title: Dated
facts:
  lastService: { type: string, format: date }
sections:
  - id: s
    title: S
    items:
      - { id: a, text: recent service, when: { lastService: { onOrAfter: $at-30d } } }
`);
    const facts = { lastService: '2026-04-20' };
    const envelope = evaluateFast(dated, { facts, answers: { 's.a': { value: true } }, at: '2026-06-01' });
    const html = renderReport(dated, { envelope, facts, answers: { 's.a': { value: true } } });
    expect(html).toContain('lastService 不早于 2026-05-02(评估日前 30 天)');
    expect(html).not.toContain('$at');
    const en = renderReport(dated, { envelope, facts, answers: { 's.a': { value: true } } }, { lang: 'en' });
    expect(en).toContain('lastService is on or after 2026-05-02 (30 days before the evaluation date)');
  });

  it('reports a scorecard: grade, criteria rows and the veto', () => {
    const facts = { csi: 96, safetyIncidents: 1 };
    const envelope = evaluateFast(scorecard, { facts, at: '2026-03-01' });
    const html = renderReport(scorecard, { envelope, facts });
    expectPrintable(html);
    expect(html).toContain('<tr><th>等级</th><td class="status">D</td></tr>');
    expect(rows(html, 'criteria')).toHaveLength(1);
    expect(rows(html, 'criteria')[0]).toContain('客户满意度');
    expect(rows(html, 'vetoes')[0]).toContain('safetyIncidents 大于 0');
    expect(signatures(html).map(([role]) => role)).toEqual(['assessor', 'reviewer', 'assessee']);
  });

  const feeFacts = {
    customer: { tier: 'gold' },
    labour: [
      { opCode: 'BRK-01', hours: 1.5 },
      { opCode: SCRIPT, hours: 1, payType: 'warranty' },
    ],
    parts: [{ partNo: 'BP-4471', qty: 2, unitCost: 100 }],
  };

  it('prints the internal pricing statement when asked: cost, markup, totals and who pays', () => {
    const envelope = evaluateFast(fees, { facts: feeFacts, at: '2026-03-01' });
    const html = renderReport(fees, { envelope, facts: feeFacts }, { statement: 'internal' });
    expectPrintable(html);
    expect(html).toContain('<h2>内部费用核算单 (含成本，仅限内部)</h2>');
    expect(rows(html, 'lines')).toHaveLength(3);
    expect(rows(html, 'lines')[0]).toContain('BRK-01');
    expect(rows(html, 'lines')[2]).toContain('100 + 20 %');
    expect(html).toContain(ESCAPED);
    expect(rows(html, 'discounts')[0]).toContain('member-gold');
    const totals = rows(html, 'totals').join('');
    for (const name of ['工时费', '材料费', '折扣', '税额', '合计'])
      expect(totals).toContain(`<th>${name}</th>`);
    const payers = rows(html, 'payers').join('');
    expect(payers).toContain('<th>客户</th>');
    expect(payers).toContain('<th>厂家</th>');
    expect(totals).toMatch(/¥\d/);
  });

  it('names pay types and payers on a statement with the document’s own labels, in either language', () => {
    const versions = index.documents.get('fees.work-order') ?? [];
    const labelled = versions.findLast((d) =>
      d.labels.en.get('payType')?.has('customer'),
    ) as CompiledDocument;
    const facts = {
      payType: 'customer',
      labour: [{ opCode: 'BRK-01', skill: 'general', hours: 1 }],
      parts: [{ partNo: 'PAD-F', category: 'oem', qty: 1, unitCostFen: 30000 }],
    };
    const envelope = evaluateFast(labelled, { facts, at: labelled.effective ?? '2026-12-31' });
    const en = renderReport(labelled, { envelope, facts }, { statement: 'internal', lang: 'en' });
    const own = labelled.labels.en.get('payType')?.get('customer') as string;
    expect(own).not.toBe('Customer');
    expect(rows(en, 'lines')[0]).toContain(`<td>${own}</td>`);
    const zh = renderReport(labelled, { envelope, facts }, { statement: 'internal' });
    expect(rows(zh, 'lines')[0]).toContain(`<td>${labelled.labels.zh.get('payType')?.get('customer')}</td>`);
  });

  describe('the 结算清单 (the customer statement)', () => {
    const facts = {
      ...feeFacts,
      parts: [
        { partNo: 'BP-4471', qty: 2, unitCost: 100, category: 'oem' },
        { partNo: 'WARR-1', qty: 1, unitCost: 333.33, payType: 'warranty' },
      ],
    };
    const envelope = evaluateFast(fees, { facts, at: '2026-03-01' });
    const heading = {
      workOrder: 'WO-20260301-0007',
      vin: 'LSVAU2180N2183749',
      plate: '沪A·12345',
      mileage: 23150,
      customer: `李明 ${SCRIPT}`,
      repairer: {
        name: '上海某汽车销售服务有限公司',
        address: '上海市闵行区某路 88 号',
        licence: '310112000123',
      },
      work: 'level-2-maintenance',
    };
    const html = renderReport(fees, { envelope, facts }, { heading });

    it('has the two parties, the vehicle, and itemised 工时费 and 材料费', () => {
      expectPrintable(html);
      expect(html).toContain('<h1>机动车维修结算清单</h1>');
      for (const part of [
        '托修方',
        '承修方',
        '上海某汽车销售服务有限公司',
        '310112000123',
        '沪A·12345',
        'LSVAU2180N2183749',
        '23150 公里',
        'WO-20260301-0007',
      ])
        expect(html).toContain(part);
      expect(html).toContain(`李明 ${ESCAPED}`);
      const labour = rows(html, 'labour');
      // hours × rate = amount
      expect(labour[0]).toMatch(
        /BRK-01<\/td><td class="num">1\.5<\/td><td class="num">¥300\.00<\/td><td class="num">5<\/td><td class="num">¥450\.00/,
      );
      // Warranty work is listed, borne by the manufacturer, with no price.
      expect(labour[1]).toContain('保修 · 厂家');
      const parts = rows(html, 'parts');
      // qty × unit price (the selling price) = amount, with the part's category.
      expect(parts[0]).toMatch(
        /BP-4471<\/td><td class="nowrap">原厂配件<\/td><td class="num">2<\/td><td class="num">¥120\.00<\/td><td class="num"><\/td><td class="num">¥240\.00/,
      );
    });

    it('never shows a cost or a markup', () => {
      const text = html.replace(/<style>[\s\S]*?<\/style>/, '');
      // The costs (100, 333.33 and the warranty claim priced from it) and the markup (20 %).
      for (const figure of ['100.00', '¥100', '333.33', '366.66', '20 %', '+ 20', '成本', '加价'])
        expect(text).not.toContain(figure);
      expect(text).not.toMatch(/unitCost|markup/i);
    });

    it('adds up: 工时费 + 材料费 − 优惠 + 税额 = what the customer pays', () => {
      const money = (label: string) =>
        Number(new RegExp(`<th>${label}[^<]*</th><td class="num">−? ?¥([\\d.]+)</td>`).exec(html)?.[1]);
      const sum = money('工时费小计') + money('材料费小计') - money('优惠') + money('税额');
      expect(sum.toFixed(2)).toBe(money('客户应付').toFixed(2));
      expect(money('客户应付') * 100).toBe(
        (envelope.result as { totals: { customer: number } }).totals.customer,
      );
    });

    it('states the warranty period of the work and its terms, and has the customer sign', () => {
      expect(html).toContain('30 日或 5,000 公里，以先达到者为准');
      expect(html).toContain('质量保证期自竣工出厂之日起计算');
      expect(signatures(html)[0]).toEqual(['customer', '客户 / 日期']);
    });

    it('prints in the customer’s language', () => {
      const en = renderReport(fees, { envelope, facts }, { heading: { ...heading, customerLang: 'en' } });
      expect(en).toContain('<h1>Vehicle repair settlement statement</h1>');
      expect(en).toContain('30 days or 5,000 km, whichever comes first');
      expect(en).toContain('OEM (原厂)');
    });
  });

  it('prints the signature lines a document declares, with their labels', () => {
    const signed = compile(`
kind: checklist
id: t.delivery
version: 1.0.0
status: draft
title: Delivery
signatures:
  - { role: customer, label: { zh: 交车确认 (客户), en: Customer accepts the vehicle } }
  - { role: technician }
  - { role: witness, label: "见证人 ${SCRIPT}", date: false }
sections:
  - { id: s, title: S, items: [{ id: a, text: walk-around done }] }
`);
    const html = renderReport(signed);
    expect(signatures(html)).toEqual([
      ['customer', '交车确认 (客户) / 日期'],
      ['technician', '维修技师 / 日期'],
      ['witness', `见证人 ${ESCAPED}`],
    ]);
    expect(signatures(renderReport(signed, undefined, { lang: 'en' }))[0]).toEqual([
      'customer',
      'Customer accepts the vehicle / Date',
    ]);
  });

  it('refuses a malformed signature declaration', () => {
    const result = compileDocument(
      'kind: checklist\nid: t.bad\nversion: 1.0.0\nstatus: draft\ntitle: Bad\nsignatures: [{ label: nobody }]\nsections: [{ id: s, title: S, items: [{ id: a, text: x }] }]\n',
      'bad.yaml',
    );
    expect(result.document).toBeUndefined();
    expect(result.diagnostics.map((d) => d.path)).toContain('/signatures/0');
  });

  it('summarises a scorecard and a fee schedule when there is no evaluation', () => {
    const card = renderReport(scorecard);
    expectPrintable(card);
    expect(rows(card, 'grades')).toHaveLength(2);
    const schedule = renderReport(fees);
    expectPrintable(schedule);
    expect(rows(schedule, 'rates')[0]).toContain('line.payType 为 warranty');
  });

  it('links or embeds the Chinese font subsets its text needs', () => {
    const linked = renderReport(checklist, undefined, { fonts: 'link' });
    expect(linked).toMatch(
      /@font-face\{font-family:'Noto Sans SC';[^}]*src:url\(\/static\/fonts\/noto-sans-sc-\d+-400-normal\.woff2\)/,
    );
    const embedded = renderReport(checklist, undefined, { fonts: 'embed' });
    expect(embedded).toContain('src:url(data:font/woff2;base64,');
    expect(embedded).not.toContain('/static/fonts/');
    // Only the subsets the page uses: far fewer than the package's hundred.
    const faces = linked.match(/@font-face/g)?.length ?? 0;
    expect(faces).toBeGreaterThan(1);
    expect(faces).toBeLessThan(60);
    expect(renderReport(checklist)).not.toContain('@font-face');
  });
});

describe('diff reports', () => {
  const index = loadStandards(bundledStandardsDir);
  const report = diffVersions(index, 'approval.work-order', '1.0.0', '1.1.0', { seed: 1, runs: 100 });

  it('renders Markdown with every change and the behaviour table', () => {
    const md = renderDiff(report, 'md');
    expect(md).toContain('# `approval.work-order` (ruleset): 1.0.0 → 1.1.0');
    expect(md).toContain(
      '| changed | rules\\[manager-over-5000\\].when.estimateTotal.greaterThan | 5000 | 8000 |',
    );
    expect(md).toContain('| approver: service-manager → service-advisor |');
  });

  it('renders printable HTML that escapes document text', () => {
    const to = index.documents.get('approval.work-order')?.[1] as CompiledDocument;
    const tampered = { ...to, data: { ...to.data, title: SCRIPT } } as CompiledDocument;
    const from = index.documents.get('approval.work-order')?.[0] as CompiledDocument;
    const html = renderDiff(
      {
        semantic: diffVersions(index, 'approval.work-order', '1.0.0', '1.1.0', { behaviour: false }).semantic,
      },
      'html',
    );
    expectPrintable(html, 'approval.work-order 1.0.0 → 1.1.0');
    expect(html).toContain(
      '<code>rules[manager-over-5000]<wbr>.<wbr>when.<wbr>estimateTotal.<wbr>greaterThan</code></td><td><del>5000</del></td><td><ins>8000</ins></td>',
    );
    // A changed date marks only the part that changed.
    expect(html).toContain(
      '<td><code>effective</code></td><td><del>2025</del>-01-01</td><td><ins>2026</ins>-01-01</td>',
    );
    const escaped = renderDiff({ semantic: semanticDiff(from, tampered) }, 'html');
    // Marked word by word against the old title, the text stays escaped.
    expect(escaped).toContain('&lt;script&gt;alert');
    expect(escaped).not.toContain('<script>');
  });

  it('marks the changed words of a text and shows added structures as fields, not JSON', () => {
    const from = index.documents.get('approval.work-order')?.[0] as CompiledDocument;
    const data = from.data as Record<string, unknown>;
    const edited = {
      ...from,
      data: {
        ...data,
        description: 'Who must approve a work order\nbefore work starts.',
        tests: [
          ...((data.tests as unknown[]) ?? []),
          {
            name: 'a new test',
            facts: { estimateTotal: 1 },
            expect: { outputs: { approver: 'service-advisor' } },
          },
        ],
      },
    } as CompiledDocument;
    const base = {
      ...from,
      data: { ...data, description: 'Who approves a work order\nbefore any work starts.' },
    } as CompiledDocument;
    const html = renderDiff({ semantic: semanticDiff(base, edited) }, 'html');
    const table = html.slice(html.indexOf('<table class="changes">'));
    expect(table).toContain('Who <del>approves</del> a work order<br>before <del>any</del> work starts.');
    expect(table).toContain('Who <ins>must approve</ins> a work order<br>before work starts.');
    expect(table).toContain('<li><span class="key">name:</span> a new test</li>');
    expect(table).toContain('<span class="key">estimateTotal:</span> 1');
    expect(table).not.toMatch(/\\n|&quot;|\{&quot;/);
  });
});
