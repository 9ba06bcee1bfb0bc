import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * records.classification gives every record class its retention period; retention.records
 * decides destruction. They must agree: for personnel files (B16: 2 years after leaving, 劳动合同法
 * Art. 50) and for the decision records norma keeps itself, retention.records keeps a record
 * exactly as many years as records.classification says, counted from the same event.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';
const BOTH = [{ role: 'records-administrator' }, { role: 'after-sales-manager' }];

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

function classOf(facts: Record<string, unknown>) {
  const { result } = evaluateFast(inForce('records.classification'), { facts, at: AT });
  return (result as { outputs: { class: string; retentionYears: number } }).outputs;
}

/** Accounting records also need an appraisal, two more signatures and supervision (C31). */
const ACCOUNTING = {
  appraisal: { opinion: 'destroy' },
  approvals: [...BOTH, { role: 'general-manager' }, { role: 'head-of-accounting' }],
  supervisors: [{ unit: 'archive' }, { unit: 'accounting' }],
};

function decision(type: string, closedAt: string, fiscalYearEnd?: string): string {
  const facts = fiscalYearEnd
    ? { record: { type, closedAt, fiscalYearEnd }, ...ACCOUNTING }
    : { record: { type, closedAt }, approvals: BOTH };
  const { result } = evaluateFast(inForce('retention.records'), { facts, at: AT });
  return (result as { outputs: { decision: string } }).outputs.decision;
}

/** `AT` minus `years` years, plus `days` days. */
function yearsAgo(years: number, days = 0): string {
  const d = new Date(`${AT}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The record type retention.records knows a class's records by. */
const TYPE_OF_CLASS: Record<string, string> = {
  accounting: 'settlement',
  personnel: 'personnel',
  quality: 'decision',
};

describe('retention periods: retention.records follows records.classification', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a personnel file', { recordType: 'personnel' }],
    ['a training record', { recordType: 'training' }],
    ['a checklist decision', { recordType: 'decision', decidedKind: 'checklist' }],
    ['a ruleset decision', { recordType: 'decision', decidedKind: 'ruleset' }],
    ['a scorecard decision', { recordType: 'decision', decidedKind: 'scorecard' }],
    ['a fee decision', { recordType: 'decision', decidedKind: 'fees' }],
  ];
  it.each(cases)('%s is kept exactly its class’s years', (_name, facts) => {
    const {
      class: recordClass,
      retentionYears,
      retentionFrom,
    } = classOf(facts) as {
      class: string;
      retentionYears: number;
      retentionFrom: string;
    };
    const type = TYPE_OF_CLASS[recordClass] as string;
    expect(type, recordClass).toBeDefined();
    if (retentionFrom === 'fiscal-year-end') {
      // C31: counted from the end of the fiscal year, whatever the record's own date in it.
      const year = Number(AT.slice(0, 4)) - retentionYears;
      expect(decision(type, `${year}-01-02`, `${year}-12-31`)).toBe('keep');
      expect(decision(type, `${year - 1}-01-02`, `${year - 1}-12-31`)).toBe('destroy');
      return;
    }
    expect(retentionFrom).toBe('event');
    // Kept on the last day of the period, destroyable (with both approvals) the day after.
    expect(decision(type, yearsAgo(retentionYears, 1))).toBe('keep');
    expect(decision(type, yearsAgo(retentionYears))).toBe('keep');
    expect(decision(type, yearsAgo(retentionYears, -1))).toBe('destroy');
  });

  it('keeps personnel files 2 years after leaving in both documents', () => {
    expect(classOf({ recordType: 'personnel' }).retentionYears).toBe(2);
  });
});
