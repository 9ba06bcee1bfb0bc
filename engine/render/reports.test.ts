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

function expectPrintable(html: string): void {
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('@page { size: A4;');
  expect(html).toContain('@media print');
  expect(html).not.toContain('<script>');
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
        'print-css',
        'scorecard-report',
      ]),
    );
  });

  it('summarises a ruleset: header, facts and the decision table with readable conditions', () => {
    const html = renderReport(approval);
    expectPrintable(html);
    expect(html).toContain('<h1>维修费用审批权限 (Work-order approval authority)</h1>');
    expect(html).toContain(approval.digest);
    expect(rows(html, 'facts')).toHaveLength(2);
    const rules = rows(html, 'rules');
    expect(rules).toHaveLength(3);
    expect(rules[0]).toContain('estimateTotal is greater than 20000');
    expect(rules[1]).toContain('approver: service-manager');
    expect(rules[2]).toContain('default');
  });

  it('reports a ruleset decision with its facts escaped', () => {
    const facts = { estimateTotal: 9000, payType: 'customer', note: SCRIPT };
    const envelope = evaluateFast(approval, { facts, at: '2026-03-01' });
    const html = renderReport(approval, { envelope, facts });
    expectPrintable(html);
    expect(html).toContain('<h2>Decision</h2>');
    expect(html).toContain(ESCAPED);
    expect(rows(html, 'decision').some((r) => r.includes('approver') && r.includes('service-manager'))).toBe(
      true,
    );
    expect(html).toContain('预估总额 9000 元,需服务经理审批');
  });

  it('prints a blank checklist form with sections, answer fields, evidence boxes and signatures', () => {
    const html = renderReport(checklist);
    expectPrintable(html);
    expect(html).toContain(`<h1>EV safety ${ESCAPED}</h1>`);
    expect(html.match(/<section class="section"/g)).toHaveLength(2);
    expect(html).toContain('<h2>个人防护装备 (PPE) <span class="muted">(§2.1)</span></h2>');
    expect(html.match(/<tr class="item/g)).toHaveLength(3);
    expect(html).toContain('<div class="box evidence">evidence: photo</div>');
    expect(html).toContain('applies when jobType is ev-high-voltage');
    expect(html).toContain('expected: answer is at least 1.6');
    expect(html.match(/<div>[^<]*signature \/ date<\/div>/g)).toHaveLength(3);
    expect(html).toContain(`作业人员佩戴护目镜 ${ESCAPED}`);
  });

  it('fills the checklist report from an evaluation, answers escaped', () => {
    const answers = {
      'ppe.goggles': { value: true, by: SCRIPT, at: '2026-03-01T09:12:00+08:00' },
      'tyres.tread-depth': { value: 1.2 },
    };
    const envelope = evaluateFast(checklist, {
      facts: { jobType: 'maintenance' },
      answers,
      at: '2026-03-01',
    });
    const html = renderReport(checklist, { envelope, facts: { jobType: 'maintenance' }, answers });
    expectPrintable(html);
    expect(html).toContain('<td class="status status-fail">fail</td>');
    expect(html).toContain(ESCAPED);
    expect(html).toMatch(/status-na">na/);
    expect(html).toMatch(
      /<td>1\.2 mm<\/td>\s*<td class="status status-fail">fail<br><span class="muted">expect_not_met/,
    );
  });

  it('reports a scorecard: grade, criteria rows and the veto', () => {
    const facts = { csi: 96, safetyIncidents: 1 };
    const envelope = evaluateFast(scorecard, { facts, at: '2026-03-01' });
    const html = renderReport(scorecard, { envelope, facts });
    expectPrintable(html);
    expect(html).toContain('<tr><th>Grade</th><td class="status">D</td></tr>');
    expect(rows(html, 'criteria')).toHaveLength(1);
    expect(rows(html, 'criteria')[0]).toContain('客户满意度');
    expect(rows(html, 'vetoes')[0]).toContain('safetyIncidents is greater than 0');
  });

  it('prints a fee statement: lines, discounts, tax, totals and who pays', () => {
    const facts = {
      customer: { tier: 'gold' },
      labour: [
        { opCode: 'BRK-01', hours: 1.5 },
        { opCode: SCRIPT, hours: 1, payType: 'warranty' },
      ],
      parts: [{ partNo: 'BP-4471', qty: 2, unitCost: 100 }],
    };
    const envelope = evaluateFast(fees, { facts, at: '2026-03-01' });
    const html = renderReport(fees, { envelope, facts });
    expectPrintable(html);
    expect(rows(html, 'lines')).toHaveLength(3);
    expect(rows(html, 'lines')[0]).toContain('BRK-01');
    expect(html).toContain(ESCAPED);
    expect(rows(html, 'discounts')[0]).toContain('member-gold');
    const totals = rows(html, 'totals').join('');
    for (const name of ['labour', 'parts', 'discount', 'tax', 'total'])
      expect(totals).toContain(`<th>${name}</th>`);
    const payers = rows(html, 'payers').join('');
    expect(payers).toContain('<th>customer</th>');
    expect(payers).toContain('<th>manufacturer</th>');
    expect(totals).toMatch(/¥\d/);
  });

  it('summarises a scorecard and a fee schedule when there is no evaluation', () => {
    const card = renderReport(scorecard);
    expectPrintable(card);
    expect(rows(card, 'grades')).toHaveLength(2);
    const schedule = renderReport(fees);
    expectPrintable(schedule);
    expect(rows(schedule, 'rates')[0]).toContain('line.payType is warranty');
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
    expectPrintable(html);
    expect(html).toContain(
      '<code>rules[manager-over-5000].when.estimateTotal.greaterThan</code></td><td>5000</td><td>8000</td>',
    );
    const escaped = renderDiff({ semantic: semanticDiff(from, tampered) }, 'html');
    expect(escaped).toContain(ESCAPED);
    expect(escaped).not.toContain(SCRIPT);
  });
});
