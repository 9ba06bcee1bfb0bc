/**
 * Cases as the records store keeps them: a case (the process version it opened with, its subject
 * and facts, where it stands), and its append-only entries (events, fact updates). The steps of a
 * case are its decision records: each has the case's `caseId`, and its input names the step it did.
 */
import type { Subject } from './store.ts';

/** Where a case stands, written with every entry so listing never has to evaluate it. */
export interface CasePlace {
  /** The current stage; null once every applicable stage is done. */
  stage: string | null;
  complete: boolean;
  /** The earliest due instant (UTC ISO) of a deadline not yet met: past it, the case is overdue. */
  nextDue: string | null;
}

export interface NewCase extends CasePlace {
  /** UUIDv7. */
  caseId: string;
  /** The process version in force when the case opened: the case keeps it. */
  process: { id: string; version: string; digest: string };
  subject: Subject;
  facts: Record<string, unknown>;
  openedAt: string;
  openedBy: string | null;
}

export interface StoredCase extends NewCase {
  /** When the last entry was recorded (the opening, at first). */
  updatedAt: string;
}

/** A fact that a PATCH changed: its path (`job.type`), what it was, what it is now. */
export interface FactChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** What an entry says, by kind. */
export type CaseEntryBody =
  | { kind: 'event'; type: string; time: string; data?: Record<string, unknown> }
  | { kind: 'facts'; changes: FactChange[] };

/** One entry of a case: recorded once, never changed. */
export type CaseEntry = CaseEntryBody & {
  /** UUIDv7: entries are in this order. */
  entryId: string;
  caseId: string;
  recordedAt: string;
  /** Who recorded it (the event's actor, the caller who changed the facts). */
  actor: string | null;
};

export interface CaseFilter {
  process?: string;
  stage?: string;
  /** Only cases with a deadline not met and due before this instant (UTC ISO). */
  overdueAt?: string;
  subjectType?: string;
  subjectId?: string;
}
