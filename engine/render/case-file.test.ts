import { describe, expect, it } from 'vitest';
import type { CompiledDocument } from '../document.ts';
import { evaluateProcess } from '../kinds/process/api.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { renderCaseFile } from './case-file.ts';

const index = loadStandards(bundledStandardsDir);
const doc = index.documents.get('process.work-order')?.find((d) => d.version === '1.0.0') as CompiledDocument;
const facts = { job: { type: 'maintenance' }, workLevel: 'minor-repair', advisor: 'SA-01' };
const history = [
  { type: 'vehicle-received', time: '2026-12-03T00:30:00Z', actor: 'SA-01' },
  {
    decisionId: 'd-1',
    standard: { id: 'registration.service', version: '1.1.0', digest: 'sha256:reg' },
    step: 'registration.register',
    at: '2026-12-03T00:40:00Z',
    result: { outputs: { missing: [], malformed: [], problems: 0 } },
    by: 'SA-01',
  },
  {
    decisionId: 'd-2',
    standard: { id: 'delivery.vehicle', version: '1.1.0', digest: 'sha256:del' },
    step: 'delivery.handover',
    at: '2026-12-03T01:00:00Z',
    result: { status: 'pass' },
    by: '<b>T-12</b>',
  },
];

describe('the case file', () => {
  const state = evaluateProcess(doc, { facts, history, at: '2026-12-03T02:00:00Z' });
  const html = renderCaseFile(
    doc,
    {
      caseId: 'c-1',
      subject: { type: 'work-order', id: 'WO-<1>' },
      facts,
      openedAt: '2026-12-03T00:29:00Z',
      openedBy: 'SA-01',
      state,
      history,
      changes: [
        {
          changes: [{ path: 'advisor', before: 'SA-02', after: 'SA-01' }],
          by: 'SA-03',
          recordedAt: '2026-12-03T00:35:00Z',
        },
      ],
    },
    '2026-12-03T02:00:00Z',
  );

  it('lists every step with its title, version, digest, who and when (in the process’s time zone)', () => {
    expect(html).toContain('登记信息完整');
    expect(html).toContain(
      '<code>registration.<wbr>service</code> 1.1.0<br><span class="digest">sha256:reg</span>',
    );
    expect(html).toContain('2026-12-03 08:40');
    expect(html).toContain('problems: 0');
    expect(html).toContain('✓ 完成');
    // A checklist step's status prints as a word, never as its code.
    expect(html).toContain('<span class="status status-pass">合格</span>');
    expect(html).toContain('接车 (vehicle received)');
  });

  it('shows a decision that was not taken, and each fact update with before and after', () => {
    expect(html).toContain('<h2>未采纳的记录</h2>');
    expect(html).toMatch(
      /<span class="digest">d-2<\/span><\/td><td><code>delivery\.<wbr>handover<\/code><\/td><td><code>step_out_of_order<\/code>/,
    );
    // Values as text, not JSON with quotes.
    expect(html).toContain('<td><code>advisor</code></td><td>SA-02</td><td>SA-01</td><td>SA-03</td>');
  });

  it('escapes what the case holds and has the signature lines', () => {
    expect(html).toContain('WO-&lt;1&gt;');
    expect(html).toContain('&lt;b&gt;T-12&lt;/b&gt;');
    expect(html).not.toContain('<b>T-12</b>');
    const signatures = [...html.matchAll(/<div class="signature signature-([\w-]+)">([^<]*)<\/div>/g)];
    expect(signatures.map((m) => m[1])).toEqual([
      'advisor',
      'technician',
      'inspector',
      'customer',
      'archivist',
    ]);
    expect(signatures[3]?.[2]).toBe('客户 / 日期');
  });

  it('names the work order and the advisor, and puts the id and page numbers on every page', () => {
    expect(html).toMatch(/<dt>工单号<\/dt><dd>WO-&lt;1&gt;<\/dd>/);
    expect(html).toMatch(/<dt>服务顾问<\/dt><dd>SA-01<\/dd>/);
    expect(html).toContain('@top-right { content: "process.work-order 1.0.0";');
    expect(html).toContain('content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";');
  });

  it('prints in English when asked', () => {
    const en = renderCaseFile(
      doc,
      {
        caseId: 'c-1',
        subject: { type: 'work-order', id: 'WO-1' },
        facts,
        openedAt: '2026-12-03T00:29:00Z',
        openedBy: null,
        state,
        history,
        changes: [],
      },
      '2026-12-03T02:00:00Z',
      { lang: 'en' },
    );
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Case file — work-order WO-1</h1>');
    expect(en).toContain('<span class="status status-pass">Pass</span>');
    expect(en).toContain('"Page " counter(page) " of " counter(pages)');
  });
});
