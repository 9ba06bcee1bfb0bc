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
    expect(html).toContain('<code>registration.service</code> 1.1.0<br><code>sha256:reg</code>');
    expect(html).toContain('2026-12-03 08:40');
    expect(html).toContain('problems: 0');
    expect(html).toContain('✓ 完成 done');
    expect(html).toContain('接车 (vehicle received)');
  });

  it('shows a decision that was not taken, and each fact update with before and after', () => {
    expect(html).toContain('未采纳的记录 (Decisions not taken)');
    expect(html).toMatch(
      /<code>d-2<\/code><\/td><td><code>delivery\.handover<\/code><\/td><td><code>step_out_of_order<\/code>/,
    );
    expect(html).toContain(
      '<td><code>advisor</code></td><td class="mono">&quot;SA-02&quot;</td><td class="mono">&quot;SA-01&quot;</td><td>SA-03</td>',
    );
  });

  it('escapes what the case holds and has the signature lines', () => {
    expect(html).toContain('WO-&lt;1&gt;');
    expect(html).toContain('&lt;b&gt;T-12&lt;/b&gt;');
    expect(html).not.toContain('<b>T-12</b>');
    for (const who of [
      '服务顾问 Service advisor',
      '维修技师 Technician',
      '质检员 Inspector',
      '客户 Customer',
    ]) {
      expect(html).toContain(who);
    }
  });
});
