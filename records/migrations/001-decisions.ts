/**
 * The first schema: decisions (one row per record, tombstoned when destroyed), the writers and
 * their chain heads, sources by digest, legal holds and the destruction log.
 *
 * The SQL is the subset both SQLite and PostgreSQL accept. JSON is kept as text, not jsonb, so the
 * stored form is exactly the canonical form that was hashed (jsonb would rewrite numbers and key
 * order, and the chain would have to trust that rewrite). Times are ISO 8601 UTC text, which sorts
 * as time.
 */
import type { Migration } from './index.ts';

export const decisions: Migration = {
  version: 1,
  name: 'decisions',
  statements: [
    `CREATE TABLE writers (
      writer text PRIMARY KEY,
      started_at text NOT NULL,
      head_seq bigint NOT NULL,
      head_hash text NOT NULL,
      head_decision_id text
    )`,
    // Content columns are null on a tombstone: a destroyed record keeps only its place in the chain.
    `CREATE TABLE decisions (
      decision_id text PRIMARY KEY,
      writer text NOT NULL,
      seq bigint NOT NULL,
      hash text NOT NULL,
      prev_hash text NOT NULL,
      recorded_at text,
      standard_id text,
      standard_version text,
      standard_digest text,
      at text,
      kind text,
      input text,
      result text,
      matched text,
      outcome text,
      caller text,
      request_id text,
      subject_type text,
      subject_id text,
      case_id text,
      retention text,
      record_class text,
      keep_until text,
      destroyed_at text,
      UNIQUE (writer, seq)
    )`,
    // One index per filter of DecisionFilter, each ending in decision_id for the keyset order.
    'CREATE INDEX decisions_standard ON decisions (standard_id, standard_version, decision_id)',
    'CREATE INDEX decisions_digest ON decisions (standard_digest, decision_id)',
    'CREATE INDEX decisions_subject ON decisions (subject_type, subject_id, decision_id)',
    'CREATE INDEX decisions_case ON decisions (case_id, decision_id)',
    'CREATE INDEX decisions_outcome ON decisions (outcome, decision_id)',
    'CREATE INDEX decisions_recorded_at ON decisions (recorded_at)',
    'CREATE INDEX decisions_keep_until ON decisions (keep_until)',
    `CREATE TABLE sources (
      digest text PRIMARY KEY,
      id text NOT NULL,
      version text NOT NULL,
      source text NOT NULL
    )`,
    `CREATE TABLE holds (
      hold_id text PRIMARY KEY,
      decision_id text,
      subject_type text,
      subject_id text,
      case_id text,
      reason text NOT NULL,
      set_by text NOT NULL,
      set_at text NOT NULL,
      lifted_by text,
      lifted_at text
    )`,
    'CREATE INDEX holds_decision ON holds (decision_id)',
    'CREATE INDEX holds_subject ON holds (subject_type, subject_id)',
    'CREATE INDEX holds_case ON holds (case_id)',
    `CREATE TABLE destructions (
      decision_id text PRIMARY KEY,
      writer text NOT NULL,
      seq bigint NOT NULL,
      hash text NOT NULL,
      record_class text NOT NULL,
      rule text NOT NULL,
      approvals text NOT NULL,
      destroyed_at text NOT NULL
    )`,
  ],
};
