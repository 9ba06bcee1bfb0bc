/**
 * The RecordStore both databases share: every query is here, once; records/sqlite.ts and
 * records/postgres.ts only open a connection and name their dialect.
 */
import { NormaError } from '../engine/diagnostics.ts';
import type { CaseEntry, CaseFilter, CasePlace, NewCase, StoredCase } from './case-model.ts';
import { appendEntry, insertCase, selectCase, selectCases, selectEntries, updatePlace } from './case-sql.ts';
import { contentHash, GENESIS_HASH, type RecordTexts, storedForm } from './chain.ts';
import { getEvidence, putEvidence } from './evidence.ts';
import { GroupCommit } from './group-commit.ts';
import { uuidv7 } from './ids.ts';
import { migrate } from './migrate.ts';
import { decodeCursor, encodeCursor, filterSql, pageLimit } from './query.ts';
import {
  CONTENT_COLUMNS,
  DECISION_COLUMNS,
  destructionFromRow,
  holdFromRow,
  recordFromRow,
  recordValues,
} from './rows.ts';
import { type SqlDialect, type SqlExecutor, type SqlRow, type SqlValue, valuesList } from './sql.ts';
import type {
  DecisionFilter,
  Destruction,
  Evidence,
  LegalHold,
  NewRecord,
  Page,
  RecordStore,
  StoredRecord,
  StoredSource,
  VerifyReport,
} from './store.ts';
import { verifyChains } from './verify.ts';

/** Rows per INSERT statement (well under either database's limit on bound parameters). */
const ROWS_PER_INSERT = 100;
/** Records one commit takes at most. */
const MAX_BATCH = 2000;
/** Records read per query by `stream`, so memory stays bounded. */
const CHUNK = 500;

interface Append {
  /** The record in its stored form (storedForm). */
  content: NewRecord;
  /** Its JSON values as canonical text, hashed and stored as they are. */
  texts: RecordTexts;
  source: StoredSource | undefined;
}

export class SqlRecordStore implements RecordStore {
  readonly driver: 'sqlite' | 'postgres';
  readonly writer = uuidv7();
  /** The last committed record of this writer's chain. */
  private head = { seq: 0, hash: GENESIS_HASH };
  /** Set when a commit failed: whether it reached the database is unknown, so read the head back. */
  private headUncertain = false;
  private readonly keptSources = new Set<string>();
  /** Whether this writer's row exists; a process that only reads (verify, export) never adds one. */
  private registered = false;
  private readonly appends = new GroupCommit<Append, StoredRecord>((batch) => this.commit(batch), MAX_BATCH);

  private constructor(
    /** The connection; public so tests can count its transactions. */
    readonly sql: SqlDialect,
  ) {
    this.driver = sql.name;
  }

  /** Brings the schema up to date; the writer is registered with its first commit. */
  static async open(sql: SqlDialect): Promise<SqlRecordStore> {
    await migrate(sql);
    return new SqlRecordStore(sql);
  }

  append(record: NewRecord, source?: StoredSource): Promise<StoredRecord> {
    // Normalised here, not in the commit, so a record that is not JSON (a bigint, a cycle) fails
    // alone instead of failing the batch it would have joined.
    let form: ReturnType<typeof storedForm>;
    try {
      form = storedForm(record);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.appends.add({ content: form.content, texts: form.texts, source });
  }

  /** One transaction for the whole batch: sources, records, and this writer's new head. */
  private async commit(batch: Append[]): Promise<StoredRecord[]> {
    try {
      const { stored, head, sources } = await this.sql.transaction(async (tx) => {
        const start = this.headUncertain ? await this.readHead(tx) : this.head;
        const head = { ...start };
        const stored = batch.map(({ content, texts }) => {
          const link = { writer: this.writer, seq: head.seq + 1, prevHash: head.hash };
          const hash = contentHash(content, link, texts);
          head.seq = link.seq;
          head.hash = hash;
          return { ...content, ...link, hash };
        });
        if (!this.registered) {
          await tx.query(
            `INSERT INTO writers (writer, started_at, head_seq, head_hash, head_decision_id)
             VALUES (?, ?, 0, ?, NULL) ON CONFLICT (writer) DO NOTHING`,
            [this.writer, new Date().toISOString(), GENESIS_HASH],
          );
        }
        const sources = await this.insertSources(tx, batch);
        await this.insertRecords(tx, stored, batch);
        await tx.query(
          'UPDATE writers SET head_seq = ?, head_hash = ?, head_decision_id = ? WHERE writer = ?',
          [head.seq, head.hash, stored.at(-1)?.decisionId ?? null, this.writer],
        );
        return { stored, head, sources };
      });
      this.head = head;
      this.headUncertain = false;
      this.registered = true;
      for (const digest of sources) this.keptSources.add(digest);
      return stored;
    } catch (error) {
      this.headUncertain = true;
      throw new NormaError(
        'records_commit_failed',
        `${batch.length === 1 ? 'a record' : `${batch.length} records`} could not be committed: ${(error as Error).message}`,
      );
    }
  }

  private async readHead(tx: SqlExecutor): Promise<{ seq: number; hash: string }> {
    const [row] = await tx.query('SELECT head_seq, head_hash FROM writers WHERE writer = ?', [this.writer]);
    return row ? { seq: Number(row.head_seq), hash: String(row.head_hash) } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Inserts the batch's sources not known to be kept yet; an existing digest is left as it is. */
  private async insertSources(tx: SqlExecutor, batch: Append[]): Promise<string[]> {
    const fresh = new Map<string, StoredSource>();
    for (const { source } of batch) {
      if (source && !this.keptSources.has(source.digest) && !fresh.has(source.digest)) {
        fresh.set(source.digest, source);
      }
    }
    const list = [...fresh.values()];
    for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
      const rows = list.slice(i, i + ROWS_PER_INSERT);
      await tx.query(
        `INSERT INTO sources (digest, id, version, source) VALUES ${valuesList(rows.length, 4)} ON CONFLICT (digest) DO NOTHING`,
        rows.flatMap((s) => [s.digest, s.id, s.version, s.source]),
      );
    }
    return [...fresh.keys()];
  }

  private async insertRecords(tx: SqlExecutor, stored: StoredRecord[], batch: Append[]): Promise<void> {
    for (let i = 0; i < stored.length; i += ROWS_PER_INSERT) {
      const rows = stored.slice(i, i + ROWS_PER_INSERT);
      await tx.query(
        `INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES ${valuesList(rows.length, DECISION_COLUMNS.length)}`,
        rows.flatMap((row, j) => recordValues(row, batch[i + j]?.texts)),
      );
    }
  }

  async get(decisionId: string): Promise<StoredRecord | undefined> {
    const [row] = await this.sql.query(
      'SELECT * FROM decisions WHERE decision_id = ? AND destroyed_at IS NULL',
      [decisionId],
    );
    return row ? recordFromRow(row) : undefined;
  }

  async source(digest: string): Promise<StoredSource | undefined> {
    const [row] = await this.sql.query('SELECT digest, id, version, source FROM sources WHERE digest = ?', [
      digest,
    ]);
    return row
      ? {
          digest: String(row.digest),
          id: String(row.id),
          version: String(row.version),
          source: String(row.source),
        }
      : undefined;
  }

  async list(filter: DecisionFilter, page: { after?: string; limit: number }): Promise<Page<StoredRecord>> {
    const limit = pageLimit(page.limit);
    const after = page.after === undefined ? undefined : decodeCursor(page.after);
    const rows = await this.select(filter, after, limit + 1);
    const items = rows.slice(0, limit).map(recordFromRow);
    const last = items.at(-1);
    return rows.length > limit && last ? { items, next: encodeCursor(last.decisionId) } : { items };
  }

  async *stream(filter: DecisionFilter): AsyncIterable<StoredRecord> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.select(filter, after, CHUNK);
      for (const row of rows) yield recordFromRow(row);
      if (rows.length < CHUNK) return;
      after = String(rows.at(-1)?.decision_id);
    }
  }

  private select(filter: DecisionFilter, after: string | undefined, limit: number): Promise<SqlRow[]> {
    const { where, params } = filterSql(filter, after);
    return this.sql.query(`SELECT * FROM decisions WHERE ${where} ORDER BY decision_id LIMIT ?`, [
      ...params,
      limit,
    ]);
  }

  verify(): Promise<VerifyReport> {
    return verifyChains(this.sql);
  }

  async setHold(hold: LegalHold): Promise<string> {
    const holdId = uuidv7();
    const { target } = hold;
    const decisionId = 'decisionId' in target ? target.decisionId : null;
    const subject = 'subject' in target ? target.subject : null;
    const caseId = 'caseId' in target ? target.caseId : null;
    await this.sql.query(
      `INSERT INTO holds (hold_id, decision_id, subject_type, subject_id, case_id, reason, set_by, set_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        holdId,
        decisionId,
        subject?.type ?? null,
        subject?.id ?? null,
        caseId,
        hold.reason,
        hold.setBy,
        hold.setAt,
      ],
    );
    return holdId;
  }

  async liftHold(holdId: string, by: string): Promise<boolean> {
    const rows = await this.sql.query(
      'UPDATE holds SET lifted_by = ?, lifted_at = ? WHERE hold_id = ? AND lifted_at IS NULL RETURNING hold_id',
      [by, new Date().toISOString(), holdId],
    );
    return rows.length > 0;
  }

  async holds(): Promise<(LegalHold & { holdId: string })[]> {
    const rows = await this.sql.query('SELECT * FROM holds WHERE lifted_at IS NULL ORDER BY hold_id');
    return rows.map(holdFromRow);
  }

  held(record: StoredRecord): Promise<boolean> {
    return isHeld(
      this.sql,
      record.decisionId,
      record.subject?.type ?? null,
      record.subject?.id ?? null,
      record.caseId,
    );
  }

  async destroy(
    entries: Omit<Destruction, 'writer' | 'seq' | 'hash' | 'destroyedAt'>[],
    at: string,
  ): Promise<Destruction[]> {
    return this.sql.transaction(async (tx) => {
      for (const statement of this.sql.holdsLock) await tx.query(statement);
      const destroyed: Destruction[] = [];
      for (const entry of entries) {
        const [row] = await tx.query(
          'SELECT writer, seq, hash, subject_type, subject_id, case_id FROM decisions WHERE decision_id = ? AND destroyed_at IS NULL',
          [entry.decisionId],
        );
        // Gone already, or under a legal hold: left out of the result, never destroyed.
        if (!row) continue;
        const subjectType = row.subject_type === null ? null : String(row.subject_type);
        const subjectId = row.subject_id === null ? null : String(row.subject_id);
        const caseId = row.case_id === null ? null : String(row.case_id);
        if (await isHeld(tx, entry.decisionId, subjectType, subjectId, caseId)) continue;
        // Conditional, so a concurrent destruction of the same record (PostgreSQL) makes this one
        // a no-op once it commits, rather than a second log entry.
        const emptied = await tx.query(
          `UPDATE decisions SET ${CONTENT_COLUMNS.map((c) => `${c} = NULL`).join(', ')}, destroyed_at = ?
           WHERE decision_id = ? AND destroyed_at IS NULL RETURNING decision_id`,
          [at, entry.decisionId],
        );
        if (emptied.length === 0) continue;
        const destruction: Destruction = {
          decisionId: entry.decisionId,
          writer: String(row.writer),
          seq: Number(row.seq),
          hash: String(row.hash),
          recordClass: entry.recordClass,
          rule: entry.rule,
          approvals: [...entry.approvals],
          destroyedAt: at,
        };
        await tx.query(
          `INSERT INTO destructions (decision_id, writer, seq, hash, record_class, rule, approvals, destroyed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            destruction.decisionId,
            destruction.writer,
            destruction.seq,
            destruction.hash,
            destruction.recordClass,
            destruction.rule,
            JSON.stringify(destruction.approvals),
            at,
          ],
        );
        destroyed.push(destruction);
      }
      return destroyed;
    });
  }

  async destructions(): Promise<Destruction[]> {
    const rows = await this.sql.query('SELECT * FROM destructions ORDER BY destroyed_at, decision_id');
    return rows.map(destructionFromRow);
  }

  openCase(kase: NewCase): Promise<StoredCase> {
    return insertCase(this.sql, kase);
  }

  getCase(caseId: string): Promise<StoredCase | undefined> {
    return selectCase(this.sql, caseId);
  }

  appendCaseEntry(entry: CaseEntry, place: CasePlace, facts?: Record<string, unknown>): Promise<CaseEntry> {
    return this.sql.transaction((tx) => appendEntry(tx, entry, place, facts));
  }

  updateCasePlace(caseId: string, place: CasePlace, at: string): Promise<boolean> {
    return updatePlace(this.sql, caseId, place, at);
  }

  caseEntries(caseId: string): Promise<CaseEntry[]> {
    return selectEntries(this.sql, caseId);
  }

  listCases(filter: CaseFilter, page: { after?: string; limit: number }): Promise<Page<StoredCase>> {
    return selectCases(this.sql, filter, page);
  }

  putEvidence(data: Uint8Array, type: string): Promise<Evidence> {
    return putEvidence(this.sql, data, type);
  }

  getEvidence(hash: string): Promise<(Evidence & { data: Uint8Array }) | undefined> {
    return getEvidence(this.sql, hash);
  }

  withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.sql.withKeyLock(key, work);
  }

  async close(): Promise<void> {
    await this.appends.close();
    await this.sql.close();
  }
}

/** Whether an active legal hold covers the record, by its id, its subject or its case. */
async function isHeld(
  sql: SqlExecutor,
  decisionId: string,
  subjectType: string | null,
  subjectId: string | null,
  caseId: string | null,
): Promise<boolean> {
  const rows = await sql.query(
    `SELECT hold_id FROM holds WHERE lifted_at IS NULL
     AND (decision_id = ? OR (subject_type = ? AND subject_id = ?) OR case_id = ?) LIMIT 1`,
    [decisionId, subjectType, subjectId, caseId] satisfies SqlValue[],
  );
  return rows.length > 0;
}
