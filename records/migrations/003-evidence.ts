/**
 * Evidence photos of checklist answers, kept by content hash beside the records that cite them.
 * Additive: one new table, nothing existing changes. The bytes are base64 text, as JSON is kept as
 * text in 001: the one column type both databases store and compare alike (SQLite's blob and
 * PostgreSQL's bytea would need two code paths for a few megabytes at most).
 */
import type { Migration } from './index.ts';

export const evidence: Migration = {
  version: 3,
  name: 'evidence',
  statements: [
    `CREATE TABLE evidence (
      hash text PRIMARY KEY,
      media_type text NOT NULL,
      bytes bigint NOT NULL,
      data text NOT NULL,
      stored_at text NOT NULL
    )`,
  ],
};
