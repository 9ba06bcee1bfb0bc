/**
 * Cases: a work order (or a complaint) walked through a process. A case keeps the process version
 * it opened with, its subject and facts, and a denormalised place (`stage`, `complete`, the next
 * deadline due) written with every entry, so listing by stage or overdue reads an index instead
 * of evaluating every case. Its entries (events, fact updates) are append-only, in entry_id (UUIDv7)
 * order; its steps are the decision records with its case_id.
 */
import type { Migration } from './index.ts';

export const cases: Migration = {
  version: 2,
  name: 'cases',
  statements: [
    `CREATE TABLE cases (
      case_id text PRIMARY KEY,
      process_id text NOT NULL,
      process_version text NOT NULL,
      process_digest text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      facts text NOT NULL,
      opened_at text NOT NULL,
      opened_by text,
      stage text,
      complete integer NOT NULL,
      next_due text,
      updated_at text NOT NULL
    )`,
    // Each listing filter ends in case_id, the keyset order.
    'CREATE INDEX cases_process ON cases (process_id, stage, case_id)',
    'CREATE INDEX cases_stage ON cases (stage, case_id)',
    'CREATE INDEX cases_next_due ON cases (next_due)',
    'CREATE INDEX cases_subject ON cases (subject_type, subject_id)',
    `CREATE TABLE case_entries (
      entry_id text PRIMARY KEY,
      case_id text NOT NULL,
      kind text NOT NULL,
      recorded_at text NOT NULL,
      actor text,
      body text NOT NULL
    )`,
    'CREATE INDEX case_entries_case ON case_entries (case_id, entry_id)',
  ],
};
