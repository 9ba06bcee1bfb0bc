/**
 * The decision records store: one interface, two implementations (SQLite embedded by default,
 * PostgreSQL when `NORMA_DATABASE_URL` is set), one conformance suite (records/conformance.ts).
 *
 * Records are append-only. Each writer (one server process) keeps its own hash chain, so several
 * replicas on one PostgreSQL never serialise their commits through one head; `verify` walks every
 * chain. `append` resolves only once the record is committed: concurrent appends share a commit
 * (group commit), so durability does not cost a transaction per request.
 */
import type { CaseEntry, CaseFilter, CasePlace, NewCase, StoredCase } from './case-model.ts';

/** Who or what a decision is about, given by the caller: `{type: 'work-order', id: 'WO-1'}`. */
export interface Subject {
  type: string;
  id: string;
}

/** What the caller hands to `append`: everything but the store's own fields. */
export interface NewRecord {
  /** UUIDv7, time-ordered; made by the caller (records/ids.ts) so it can log it before the commit. */
  decisionId: string;
  /** When the decision was made (ISO instant, UTC, millisecond precision). */
  recordedAt: string;
  standard: { id: string; version: string; digest: string };
  /** The evaluation date (`at` of the envelope). */
  at: string;
  /** The document kind: ruleset, checklist, scorecard, fees (process later). */
  kind: string;
  /** The input as evaluated: `{facts?, answers?, lines?, ...}` exactly as the request gave it. */
  input: Record<string, unknown>;
  /** The envelope's `result`. */
  result: unknown;
  /** The envelope's `matched`. */
  matched: unknown[];
  /** A short filterable outcome derived from the result (e.g. a checklist's `fail`, a ruleset's `allowed`). */
  outcome: string | null;
  /** The token's name, or null on an open server. */
  caller: string | null;
  requestId: string | null;
  subject: Subject | null;
  /** The case this decision belongs to (the `process` kind's cases), if any. */
  caseId: string | null;
  /** The record class and retention from the bundled standard's records documents. */
  retention: Retention | null;
}

/** Where a record's retention came from: the standard's own documents, evaluated by the engine. */
export interface Retention {
  /** The record class (records.classification), e.g. `decision`. */
  recordClass: string;
  /** The earliest date the record may be destroyed (ISO date), or null when it is kept forever. */
  keepUntil: string | null;
  /** The event the period runs from, e.g. `decided`. */
  from: string;
  /** The documents that decided it: `id@version#digest`. */
  decidedBy: string[];
}

/** A committed record: the store adds the writer, its place in the writer's chain, and the hashes. */
export interface StoredRecord extends NewRecord {
  writer: string;
  seq: number;
  /** SHA-256 (hex) over the canonical JSON of the record's content and `prevHash`. */
  hash: string;
  prevHash: string;
}

/** The source of a version that decided, kept by digest so replay works after the file is gone. */
export interface StoredSource {
  digest: string;
  id: string;
  version: string;
  /** The file's text as loaded. */
  source: string;
}

export interface DecisionFilter {
  standard?: string;
  version?: string;
  digest?: string;
  subjectType?: string;
  subjectId?: string;
  caseId?: string;
  outcome?: string;
  /** Inclusive lower bound on `recordedAt` (ISO instant or date). */
  since?: string;
  /** Exclusive upper bound on `recordedAt`. */
  until?: string;
  /**
   * Records whose retention allows destroying them on this date (ISO date): `keepUntil` on or
   * before it. Records kept forever (`keepUntil` null) or without retention never match.
   */
  destroyableOn?: string;
}

/** A page of records, newest last (decisionId order); `next` is the keyset cursor, absent at the end. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export interface ChainReport {
  writer: string;
  records: number;
  head: string | null;
}

export interface VerifyReport {
  ok: boolean;
  chains: ChainReport[];
  /** The first record that breaks its chain, when one does. */
  broken?: { writer: string; seq: number; decisionId: string; reason: 'hash' | 'link' | 'gap' };
}

export interface LegalHold {
  /** What the hold covers: one record, a subject, or a case. */
  target: { decisionId: string } | { subject: Subject } | { caseId: string };
  reason: string;
  setBy: string;
  setAt: string;
}

/** An entry of the destruction log: what was destroyed and what allowed it. */
export interface Destruction {
  decisionId: string;
  writer: string;
  seq: number;
  hash: string;
  recordClass: string;
  /** The rule that allowed it, e.g. `retention.records@1.1.0#…/retention-expired`. */
  rule: string;
  /** Who approved the destruction. */
  approvals: string[];
  destroyedAt: string;
}

/** An evidence photo as stored: named by the SHA-256 of its bytes (`sha256:<hex>`). */
export interface Evidence {
  hash: string;
  /** Its size in bytes. */
  bytes: number;
  /** Its media type: image/jpeg, image/png or image/webp. */
  type: string;
}

export interface RecordStore {
  readonly driver: 'sqlite' | 'postgres';
  /** This process's chain. */
  readonly writer: string;
  /** Commits the record (and the source, if not yet kept) and resolves with it; shares commits. */
  append(record: NewRecord, source?: StoredSource): Promise<StoredRecord>;
  get(decisionId: string): Promise<StoredRecord | undefined>;
  source(digest: string): Promise<StoredSource | undefined>;
  list(filter: DecisionFilter, page: { after?: string; limit: number }): Promise<Page<StoredRecord>>;
  /** Every matching record in decisionId order, read in chunks (for export). */
  stream(filter: DecisionFilter): AsyncIterable<StoredRecord>;
  verify(): Promise<VerifyReport>;
  setHold(hold: LegalHold): Promise<string>;
  liftHold(holdId: string, by: string): Promise<boolean>;
  holds(): Promise<(LegalHold & { holdId: string })[]>;
  /** Whether a legal hold covers the record. */
  held(record: StoredRecord): Promise<boolean>;
  /** Destroys the records (never a held one) and logs each destruction; the chain still verifies. */
  destroy(
    entries: Omit<Destruction, 'writer' | 'seq' | 'hash' | 'destroyedAt'>[],
    at: string,
  ): Promise<Destruction[]>;
  destructions(): Promise<Destruction[]>;
  /** Opens a case (records/case-model.ts); its decisions are the records with its caseId. */
  openCase(kase: NewCase): Promise<StoredCase>;
  getCase(caseId: string): Promise<StoredCase | undefined>;
  /** Appends an entry, with where the case stands after it (and its new facts, for a facts entry). */
  appendCaseEntry(entry: CaseEntry, place: CasePlace, facts?: Record<string, unknown>): Promise<CaseEntry>;
  /** Writes where a case stands after a step (its decision record is the step); false for an unknown case. */
  updateCasePlace(caseId: string, place: CasePlace, at: string): Promise<boolean>;
  /** A case's entries, in the order they were recorded. */
  caseEntries(caseId: string): Promise<CaseEntry[]>;
  /** Cases by process, stage and overdue, in caseId order, in keyset pages. */
  listCases(filter: CaseFilter, page: { after?: string; limit: number }): Promise<Page<StoredCase>>;
  /** Keeps a photo by its content hash (once: the same bytes again are the same evidence). */
  putEvidence(data: Uint8Array, type: string): Promise<Evidence>;
  getEvidence(hash: string): Promise<(Evidence & { data: Uint8Array }) | undefined>;
  /**
   * Runs `work` while no other process on this store runs work under the same key (one change of
   * a case at a time, across replicas on one PostgreSQL; the embedded store has one writer).
   */
  withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
