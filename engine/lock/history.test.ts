import { describe, expect, it } from 'vitest';
import { NormaError } from '../diagnostics.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { formatHistoryText, historyOf } from './history.ts';

describe('historyOf', () => {
  const index = loadStandards(bundledStandardsDir);

  it('lists every version with status, dates, approver, change and digest, and the one in force', () => {
    const history = historyOf(index, 'approval.work-order', '2026-03-01');
    expect(history.inForce).toBe('1.1.0');
    expect(history.versions.map((v) => [v.version, v.status, v.effective, v.inForce])).toEqual([
      ['1.0.0', 'approved', '2025-01-01', false],
      ['1.1.0', 'approved', '2026-01-01', true],
      ['1.2.0', 'approved', '2026-12-01', false],
      ['1.3.0', 'approved', '2026-12-02', false],
      ['1.4.0', 'approved', '2026-12-03', false],
    ]);
    expect(history.versions[1]).toMatchObject({
      approved: { by: '王强', at: '2025-12-20' },
      change: 'Raised the service-manager threshold from 5000 to 8000 CNY',
      digest: expect.stringMatching(/^sha256:/),
    });
  });

  it('names the older version as in force before the newer one takes effect', () => {
    expect(historyOf(index, 'approval.work-order', '2025-06-30').inForce).toBe('1.0.0');
    expect(historyOf(index, 'approval.work-order', '2024-06-30').inForce).toBeUndefined();
  });

  it('prints the version in force with a star', () => {
    const text = formatHistoryText(historyOf(index, 'approval.work-order', '2026-03-01'));
    expect(text).toContain('in force on 2026-03-01: 1.1.0');
    expect(text).toMatch(/^\* 1\.1\.0 {2}approved, effective 2026-01-01, approved by 王强 on 2025-12-20$/m);
  });

  it('fails with standard_unknown for an unknown id', () => {
    expect(() => historyOf(index, 'approval.work-ordr', '2026-03-01')).toThrow(NormaError);
  });
});
