import { chooseStandardVersion, evaluateFast, type StandardsIndex } from '../engine/index.ts';
import { fiscalYearEnd, standardDay } from './recorder.ts';
import type { Destruction, LegalHold, RecordStore, StoredRecord } from './store.ts';

/** The document that decides destruction, from the served standard. */
export const RETENTION = 'retention.records';

/** The record type retention.records knows a record class's records by. */
const TYPE_OF_CLASS: Record<string, string> = {
  accounting: 'settlement',
  personnel: 'personnel',
  quality: 'decision',
  'customer-service': 'decision',
  'vehicle-technical': 'vehicle-file',
};

/** The most entries a purge lists; the rest are counted. */
export const PURGE_LIST_MAX = 1000;

export interface PurgeEntry {
  decisionId: string;
  recordedAt: string;
  recordClass: string | null;
  decision: 'keep' | 'destroy';
  reason: string;
  rule: string | null;
}

export interface PurgePlan {
  at: string;
  dryRun: boolean;
  /** `id@version#digest` of the retention.records version that decided. */
  decidedBy: string | null;
  examined: number;
  destroyable: number;
  kept: Record<string, number>;
  entries: PurgeEntry[];
  truncated?: number;
}

export interface Approval {
  name: string;
  role: string;
}

/**
 * What may be destroyed on `at`, and why: every record is put to the served standard's
 * retention.records (the version in force at `at`), with its class's record type, the day it was
 * decided (in the standard's time zone) as the day its period runs from (for an accounting
 * record, the end of that day's fiscal year, which retention.records counts from), whether a legal hold
 * covers it, and the approvals given. A held record is never destroyable. With `dryRun: false`
 * the destroyable records are destroyed, each with a destruction log entry naming the rule and
 * the approvals, so the chain still verifies.
 */
export async function purge(
  index: StandardsIndex,
  store: RecordStore,
  at: string,
  approvals: readonly Approval[],
  dryRun: boolean,
): Promise<PurgePlan> {
  const doc = chooseStandardVersion(index, RETENTION, at);
  const decidedBy = `${doc.id}@${doc.version}#${doc.digest}`;
  const holds = await store.holds();
  const plan: PurgePlan = { at, dryRun, decidedBy, examined: 0, destroyable: 0, kept: {}, entries: [] };
  const destroy: Omit<Destruction, 'writer' | 'seq' | 'hash' | 'destroyedAt'>[] = [];
  for await (const record of store.stream({})) {
    plan.examined++;
    const entry = judge(record, heldBy(holds, record), approvals, (facts) => {
      const { result, matched } = evaluateFast(doc, { facts, at });
      const outputs = (result as { outputs: { decision: 'keep' | 'destroy'; reason: string } }).outputs;
      return { ...outputs, rule: matched[0] ? `${decidedBy}/${matched[0].rule}` : null };
    });
    if (entry.decision === 'keep') {
      plan.kept[entry.reason] = (plan.kept[entry.reason] ?? 0) + 1;
      continue;
    }
    plan.destroyable++;
    if (plan.entries.length < PURGE_LIST_MAX) plan.entries.push(entry);
    else plan.truncated = (plan.truncated ?? 0) + 1;
    destroy.push({
      decisionId: record.decisionId,
      recordClass: entry.recordClass ?? 'unclassified',
      rule: entry.rule ?? decidedBy,
      approvals: approvals.map((a) => `${a.name} (${a.role})`),
    });
  }
  if (!dryRun && destroy.length > 0) await store.destroy(destroy, new Date().toISOString());
  return plan;
}

type Decide = (facts: Record<string, unknown>) => {
  decision: 'keep' | 'destroy';
  reason: string;
  rule: string | null;
};

function judge(
  record: StoredRecord,
  held: boolean,
  approvals: readonly Approval[],
  decide: Decide,
): PurgeEntry {
  const base = { decisionId: record.decisionId, recordedAt: record.recordedAt };
  const recordClass = record.retention?.recordClass ?? null;
  if (recordClass === null) {
    // No class, no period: nothing allows destroying it.
    return { ...base, recordClass, decision: 'keep', reason: 'unclassified', rule: null };
  }
  const type = TYPE_OF_CLASS[recordClass] ?? 'decision';
  const day = standardDay(record.recordedAt);
  // An accounting record's period counts from the end of its fiscal year, not from its day.
  const fiscal = recordClass === 'accounting' || record.retention?.from === 'fiscal-year-end';
  const facts = {
    record: {
      type,
      closedAt: day,
      ...(fiscal ? { fiscalYearEnd: fiscalYearEnd(day) } : {}),
      legalHold: held,
    },
    approvals: approvals.map((a) => ({ name: a.name, role: a.role })),
  };
  return { ...base, recordClass, ...decide(facts) };
}

function heldBy(holds: readonly LegalHold[], record: StoredRecord): boolean {
  return holds.some(({ target }) => {
    if ('decisionId' in target) return target.decisionId === record.decisionId;
    if ('caseId' in target) return target.caseId === record.caseId;
    return record.subject?.type === target.subject.type && record.subject.id === target.subject.id;
  });
}
