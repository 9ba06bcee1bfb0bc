import { type CompiledDocument, canonicalJson, diffInputOf, NormaError } from '../engine/index.ts';
import { outcome } from './recorded-diff.ts';
import type { DecisionFilter, RecordStore, StoredRecord } from './store.ts';

/** How many of the latest recorded decisions a draft is replayed on, unless asked otherwise. */
export const DRAFT_RECORDED_DEFAULT = 200;
/** The most it is replayed on: an editor asks this while a person waits. */
export const DRAFT_RECORDED_MAX = 1000;

/** A recorded decision the draft would decide differently from the version that decided it. */
export interface DraftChangedDecision {
  decisionId: string;
  recordedAt: string;
  subject: { type: string; id: string } | null;
  /** The version that decided it. */
  version: string;
  from: Record<string, unknown>;
  to: Record<string, unknown>;
}

/** An unsaved draft against real traffic: of the last decisions recorded, those it would change. */
export interface DraftRecordedDiff {
  /** How many of the latest decisions were asked for. */
  last: number;
  examined: number;
  changed: number;
  /** Decisions whose deciding version could not be had (its source is not in the store). */
  unavailable: number;
  decisions: DraftChangedDecision[];
}

/**
 * "Would my draft change what we decided last week?": the last `last` recorded decisions of the
 * draft's standard (in the time range), each evaluated again with the version that decided it
 * and with the draft, at the date it was decided for, compared by outcome as the behavioural diff
 * compares them. `documentOf` gives the deciding version (the replayer's: served or kept by
 * digest). Bounded: at most `DRAFT_RECORDED_MAX` decisions are held and evaluated.
 */
export async function draftRecordedDiff(
  store: RecordStore,
  documentOf: (standard: StoredRecord['standard']) => Promise<CompiledDocument>,
  draft: CompiledDocument,
  options: { last: number } & Pick<DecisionFilter, 'since' | 'until'>,
): Promise<DraftRecordedDiff> {
  const last = Math.min(Math.max(1, Math.floor(options.last)), DRAFT_RECORDED_MAX);
  const range = {
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
  // Oldest first from the store: a window of the latest `last`, so memory stays bounded.
  const ring: StoredRecord[] = [];
  let seen = 0;
  for await (const record of store.stream({ standard: draft.id, ...range })) ring[seen++ % last] = record;
  const start = seen > last ? seen % last : 0;
  const latest = [...ring.slice(start), ...ring.slice(0, start)];
  const out: DraftRecordedDiff = { last, examined: 0, changed: 0, unavailable: 0, decisions: [] };
  for (const record of latest) {
    let deciding: CompiledDocument;
    try {
      deciding = await documentOf(record.standard);
    } catch (e) {
      if (!(e instanceof NormaError)) throw e;
      out.unavailable++;
      continue;
    }
    out.examined++;
    const input = diffInputOf(record.input);
    const before = outcome(deciding, input, record.at);
    const after = outcome(draft, input, record.at);
    if (canonicalJson(before) === canonicalJson(after)) continue;
    out.changed++;
    out.decisions.push({
      decisionId: record.decisionId,
      recordedAt: record.recordedAt,
      subject: record.subject,
      version: record.standard.version,
      from: before,
      to: after,
    });
  }
  return out;
}
