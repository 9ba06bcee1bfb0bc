import {
  type CompiledDocument,
  chooseVersion,
  type Envelope,
  evaluateFast,
  type StandardsIndex,
} from '../engine/index.ts';
import { uuidv7 } from './ids.ts';
import { outcomeOf } from './outcome.ts';
import type { NewRecord, RecordStore, Retention, Subject } from './store.ts';

/** Who asked for a decision, and what it is about: from the request, never from the facts. */
export interface DecisionContext {
  caller: string | null;
  requestId: string | null;
  subject: Subject | null;
  caseId?: string | null;
}

/** The envelope as the API answers it once the decision is recorded. */
export type RecordedEnvelope = Envelope & { decisionId?: string };

/**
 * Records decisions in the store: builds the record (input as given, result, version and digest,
 * caller, subject, retention), keeps the deciding version's source once per digest, and resolves
 * only once the store has committed it. The envelope carries `decisionId` only after that.
 */
export class DecisionRecorder {
  /** Digests whose source this process has already handed to the store. */
  private readonly sourcesKept = new Set<string>();
  private readonly retentions = new Map<string, Retention | null>();

  constructor(readonly store: RecordStore) {}

  async record(
    index: StandardsIndex,
    envelope: Envelope,
    input: Record<string, unknown>,
    context: DecisionContext,
  ): Promise<string> {
    const doc = deciding(index, envelope);
    const recordedAt = new Date().toISOString();
    const record: NewRecord = {
      decisionId: uuidv7(),
      recordedAt,
      standard: envelope.standard,
      at: envelope.at,
      kind: envelope.kind,
      input,
      result: envelope.result,
      matched: envelope.matched,
      outcome: outcomeOf(envelope.kind, envelope.result),
      caller: context.caller,
      requestId: context.requestId,
      subject: context.subject,
      caseId: context.caseId ?? null,
      retention: this.retentionOf(index, envelope.kind, standardDay(recordedAt)),
    };
    const digest = envelope.standard.digest;
    const source =
      doc && !this.sourcesKept.has(digest)
        ? { digest, id: doc.id, version: doc.version, source: doc.source }
        : undefined;
    await this.store.append(record, source);
    if (source) this.sourcesKept.add(digest);
    return record.decisionId;
  }

  /**
   * The record class and period the served standard's own records.classification gives a
   * decision of this kind, on this day; none when the standard has no such document. The same
   * version decides the same way all day, so it is worked out once per version and kind.
   */
  retentionOf(index: StandardsIndex, kind: string, day: string): Retention | null {
    const doc = inForce(index, CLASSIFICATION, day);
    if (!doc) return null;
    const key = `${doc.digest} ${kind} ${day}`;
    if (!this.retentions.has(key)) this.retentions.set(key, classify(doc, kind, day));
    return this.retentions.get(key) ?? null;
  }
}

/** The document that classifies records, from the served standard. */
export const CLASSIFICATION = 'records.classification';

function classify(doc: CompiledDocument, kind: string, day: string): Retention | null {
  try {
    const { result, matched } = evaluateFast(doc, {
      facts: { recordType: 'decision', decidedKind: kind },
      at: day,
    });
    const outputs =
      (result as { outputs?: { class?: unknown; retentionYears?: unknown; retentionFrom?: unknown } })
        .outputs ?? {};
    if (typeof outputs.class !== 'string') return null;
    const years = typeof outputs.retentionYears === 'number' ? outputs.retentionYears : null;
    const rule = matched[0]?.rule;
    // Accounting records count from the end of their fiscal year (会计档案管理办法 第十四条).
    const fiscal = outputs.retentionFrom === 'fiscal-year-end';
    return {
      recordClass: outputs.class,
      keepUntil: years === null ? null : addYears(fiscal ? fiscalYearEnd(day) : day, years),
      from: fiscal ? 'fiscal-year-end' : 'decided',
      decidedBy: [`${doc.id}@${doc.version}#${doc.digest}${rule ? `/${rule}` : ''}`],
    };
  } catch {
    // A served records.classification that does not know decision records classifies none.
    return null;
  }
}

function inForce(index: StandardsIndex, id: string, day: string): CompiledDocument | undefined {
  const versions = index.documents.get(id);
  if (!versions || versions.length === 0) return undefined;
  try {
    return chooseVersion(id, versions, day);
  } catch {
    return undefined;
  }
}

function deciding(index: StandardsIndex, envelope: Envelope): CompiledDocument | undefined {
  const { id, digest } = envelope.standard;
  return index.documents.get(id)?.find((d) => d.digest === digest);
}

/** The standard's time zone: days (retention, "within N days") are calendar days there. */
export const STANDARD_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: STANDARD_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of an instant in the standard's time zone (`2026-12-01T17:00Z` is 2026-12-02). */
export function standardDay(instant: string): string {
  // Days change on a minute boundary in every time zone there is: a UTC instant in the same minute
  // as the last one falls on the same day, without formatting it again (~1.5 µs per record).
  const minute = instant.length === 24 && instant.endsWith('Z') ? instant.slice(0, 16) : '';
  if (minute !== '' && minute === lastDay.minute) return lastDay.day;
  const day = dayFormat.format(new Date(instant));
  if (minute !== '') lastDay = { minute, day };
  return day;
}
let lastDay = { minute: '', day: '' };

/**
 * The last day of the fiscal year a day belongs to: the fiscal year is the calendar year (会计法
 * 第十一条), so 31 December of the day's year.
 */
export function fiscalYearEnd(day: string): string {
  return `${day.slice(0, 4)}-12-31`;
}

/** The last day of a period of `years` calendar years from `day` (the day it runs from is day 0). */
export function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  // 29 February plus a year is 28 February, not 1 March.
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
