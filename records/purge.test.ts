import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, loadStandards } from '../engine/index.ts';
import { purge } from './purge.ts';
import { DecisionRecorder, fiscalYearEnd } from './recorder.ts';
import { openSqliteStore } from './sqlite.ts';
import type { NewRecord, RecordStore } from './store.ts';

/**
 * C31: an accounting record's period counts from the end of its fiscal year (会计档案管理办法
 * 第十四条), and purge honours it: a fee decision of March 2016 is kept 30 years from 2017-01-01,
 * so it is still kept on 2046-12-31, whatever its own date, and past its period it is kept until
 * it is appraised (purge does not take an appraisal: accounting records are destroyed outside it).
 */
const index = loadStandards(bundledStandardsDir);
const dir = mkdtempSync(join(tmpdir(), 'norma-purge-'));
let store: RecordStore;

const BOTH = [
  { name: '陈静', role: 'records-administrator' },
  { name: '刘洋', role: 'after-sales-manager' },
];

function feeDecision(n: number, recordedAt: string): NewRecord {
  return {
    decisionId: `01800000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    recordedAt,
    standard: { id: 'fees.work-order', version: '1.0.0', digest: 'sha256:old' },
    at: recordedAt.slice(0, 10),
    kind: 'fees',
    input: { facts: {} },
    result: {},
    matched: [],
    outcome: null,
    caller: null,
    requestId: null,
    subject: null,
    caseId: null,
    retention: { recordClass: 'accounting', keepUntil: null, from: 'fiscal-year-end', decidedBy: ['test'] },
  };
}

beforeAll(async () => {
  store = await openSqliteStore(dir);
  await store.append(feeDecision(1, '2016-03-15T02:00:00.000Z'));
  await store.append(feeDecision(2, '2016-12-31T02:00:00.000Z'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('purge and accounting records', () => {
  it('keeps a fee decision of 2016 through 2046-12-31, counted from the end of fiscal 2016', async () => {
    const plan = await purge(index, store, '2046-12-31', BOTH, true);
    // Decided by the retention rules in force on the purge date (a later edition, when one is published).
    const inForce = chooseVersion(
      'retention.records',
      index.documents.get('retention.records') ?? [],
      '2046-12-31',
    );
    expect(plan.decidedBy).toMatch(
      new RegExp(`^retention\\.records@${inForce.version.replaceAll('.', '\\.')}#`),
    );
    expect(plan).toMatchObject({ examined: 2, destroyable: 0, kept: { 'accounting-30-years': 2 } });
  });

  it('from 2047-01-01 keeps it until it is appraised, never destroying it on two signatures', async () => {
    const plan = await purge(index, store, '2047-01-01', BOTH, true);
    expect(plan).toMatchObject({ examined: 2, destroyable: 0, kept: { 'appraisal-missing': 2 } });
  });

  it('classes a new fee decision as counting from its fiscal year’s end', () => {
    const recorder = new DecisionRecorder(store);
    expect(recorder.retentionOf(index, 'fees', '2026-12-15')).toMatchObject({
      recordClass: 'accounting',
      from: 'fiscal-year-end',
      keepUntil: '2056-12-31',
    });
    expect(recorder.retentionOf(index, 'checklist', '2026-12-15')).toMatchObject({
      from: 'decided',
      keepUntil: '2029-12-15',
    });
    expect(fiscalYearEnd('2016-03-15')).toBe('2016-12-31');
  });
});
