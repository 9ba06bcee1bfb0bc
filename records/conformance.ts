/**
 * The one conformance suite every RecordStore implementation passes (run by sqlite.test.ts and
 * postgres.test.ts). A harness hands out fresh, empty databases; each `open()` on one of them is
 * another process's store (another writer), and `raw` changes rows behind the stores' backs.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseEntry, CaseEntryBody, CaseFilter, NewCase } from './case-model.ts';
import { GENESIS_HASH } from './chain.ts';
import { uuidv7 } from './ids.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { SqlRow, SqlValue } from './sql.ts';
import type { SqlRecordStore } from './sql-store.ts';
import type { NewRecord, StoredRecord } from './store.ts';
import { makeRecord } from './testdata/sample.ts';

export interface TestDatabase {
  /** Opens another store (a new writer) on this database. */
  open(): Promise<SqlRecordStore>;
  /** Runs SQL (with `?` placeholders) on a connection of its own, as an intruder would. */
  raw(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
}

export interface StoreHarness {
  /** A new, empty database. */
  fresh(): Promise<TestDatabase>;
  /** Drops what `fresh` made. */
  cleanup(): Promise<void>;
}

/** Runs the whole suite against one implementation. */
export function conformance(name: string, harness: StoreHarness): void {
  describe(`${name} record store`, () => {
    const opened: SqlRecordStore[] = [];
    const open = async (db: TestDatabase) => {
      const store = await db.open();
      opened.push(store);
      return store;
    };
    const fresh = async () => {
      const db = await harness.fresh();
      return { db, store: await open(db) };
    };
    const appendAll = (store: SqlRecordStore, records: NewRecord[]) =>
      Promise.all(records.map((r) => store.append(r)));

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      vi.restoreAllMocks();
    });
    afterAll(() => harness.cleanup());

    it('appends a record, chains it, and gets it back as committed', async () => {
      const { store } = await fresh();
      expect(store.driver).toBe(name);
      const first = makeRecord({ caseId: 'case-7' });
      const stored = await store.append(first);
      expect(stored).toMatchObject({ ...first, writer: store.writer, seq: 1, prevHash: GENESIS_HASH });
      expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.get(first.decisionId)).toEqual(stored);
      const second = await store.append(makeRecord({ subject: null, result: null, retention: null }));
      expect(second).toMatchObject({ seq: 2, prevHash: stored.hash });
      expect(await store.get(second.decisionId)).toEqual(second);
      expect(await store.get(uuidv7())).toBeUndefined();
    });

    it('shares commits between concurrent appends: 200 appends, far fewer transactions', async () => {
      const { store } = await fresh();
      const transaction = vi.spyOn(store.sql, 'transaction');
      const stored = await appendAll(
        store,
        Array.from({ length: 200 }, () => makeRecord()),
      );
      expect(transaction.mock.calls.length).toBeGreaterThan(0);
      expect(transaction.mock.calls.length).toBeLessThanOrEqual(10);
      expect(stored.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      expect((await store.verify()).ok).toBe(true);
    });

    it('rejects every append of a failed commit, then goes on with an unbroken chain', async () => {
      const { store } = await fresh();
      await store.append(makeRecord());
      const twin = makeRecord();
      // The same decisionId twice in one batch: the primary key fails the whole commit.
      const results = await Promise.allSettled([
        store.append(makeRecord()),
        store.append(twin),
        store.append(twin),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(results[0]).toMatchObject({ reason: { code: 'records_commit_failed' } });
      const next = await store.append(makeRecord());
      expect(next.seq).toBe(2);
      expect((await store.list({}, { limit: 10 })).items).toHaveLength(2);
      expect(await store.verify()).toMatchObject({
        ok: true,
        chains: [{ writer: store.writer, records: 2 }],
      });
    });

    it('fails a record that is not JSON alone, not the commit it would have joined', async () => {
      const { store } = await fresh();
      const results = await Promise.allSettled([
        store.append(makeRecord()),
        store.append(makeRecord({ input: { facts: { mileage: 10n } } })),
        store.append(makeRecord()),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.verify()).toMatchObject({ ok: true, chains: [{ records: 2 }] });
    });

    it('lists by every filter, in decisionId order, page by page', async () => {
      const { store } = await fresh();
      const made = [
        makeRecord({ recordedAt: '2026-10-31T23:59:59.999Z' }),
        makeRecord({ recordedAt: '2026-11-01T00:00:00.000Z', outcome: 'general-manager' }),
        makeRecord({ recordedAt: '2026-11-15T08:00:00.000Z', subject: { type: 'vehicle', id: 'LSV123' } }),
        makeRecord({ recordedAt: '2026-11-30T23:59:59.999Z', caseId: 'case-1' }),
        makeRecord({
          recordedAt: '2026-12-01T00:00:00.000Z',
          standard: { id: 'intake.checklist', version: '2.0.0', digest: 'sha256:bbb' },
          kind: 'checklist',
          outcome: 'fail',
        }),
        makeRecord({
          recordedAt: '2026-12-02T00:00:00.000Z',
          standard: { id: 'approval.work-order', version: '1.1.0', digest: 'sha256:ccc' },
        }),
      ];
      for (const r of made) await store.append(r);
      const ids = async (filter: Parameters<SqlRecordStore['list']>[0]) =>
        (await store.list(filter, { limit: 100 })).items.map((r) => r.decisionId);
      const id = (i: number) => made[i]?.decisionId;
      expect(await ids({})).toEqual(made.map((r) => r.decisionId));
      expect(await ids({ standard: 'intake.checklist' })).toEqual([id(4)]);
      expect(await ids({ standard: 'approval.work-order', version: '1.1.0' })).toEqual([id(5)]);
      expect(await ids({ digest: 'sha256:bbb' })).toEqual([id(4)]);
      expect(await ids({ subjectType: 'vehicle', subjectId: 'LSV123' })).toEqual([id(2)]);
      expect(await ids({ subjectId: made[0]?.subject?.id as string })).toEqual([id(0)]);
      expect(await ids({ caseId: 'case-1' })).toEqual([id(3)]);
      expect(await ids({ outcome: 'fail' })).toEqual([id(4)]);
      expect(await ids({ since: '2026-11-01', until: '2026-12-01' })).toEqual([id(1), id(2), id(3)]);
      expect(await ids({ since: '2026-11-15T16:00:00+08:00' })).toEqual([id(2), id(3), id(4), id(5)]);
      expect(await ids({ outcome: 'service-manager', until: '2026-11-20' })).toEqual([id(0), id(2)]);
      await expect(store.list({ destroyableOn: 'today' }, { limit: 1 })).rejects.toMatchObject({
        code: 'records_filter_invalid',
      });
      await expect(store.list({ since: 'last week' }, { limit: 1 })).rejects.toMatchObject({
        code: 'records_filter_invalid',
      });

      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await store.list({}, after === undefined ? { limit: 4 } : { after, limit: 4 });
        pages.push(page.items.map((r) => r.decisionId));
        after = page.next;
      } while (after !== undefined);
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      expect(pages.flat()).toEqual(made.map((r) => r.decisionId));
      await expect(store.list({}, { after: 'not-a-cursor', limit: 4 })).rejects.toMatchObject({
        code: 'records_cursor_invalid',
      });
    });

    it('finds the records their retention allows destroying on a date', async () => {
      const { store } = await fresh();
      const retention = {
        recordClass: 'decision',
        from: 'decided',
        decidedBy: ['retention.records@1.1.0#d'],
      };
      // Kept forever, and without retention: never destroyable.
      const [early, late] = await appendAll(store, [
        makeRecord({ retention: { ...retention, keepUntil: '2027-01-01' } }),
        makeRecord({ retention: { ...retention, keepUntil: '2029-11-28' } }),
        makeRecord({ retention: { ...retention, keepUntil: null } }),
        makeRecord({ retention: null }),
      ]);
      const on = async (date: string) =>
        (await store.list({ destroyableOn: date }, { limit: 10 })).items.map((r) => r.decisionId);
      expect(await on('2026-12-31')).toEqual([]);
      expect(await on('2027-01-01')).toEqual([early?.decisionId]);
      expect(await on('2099-01-01')).toEqual([early?.decisionId, late?.decisionId]);
    });

    it('streams every matching record in chunks, and caps a page at 1000', async () => {
      const { store } = await fresh();
      const records = Array.from({ length: 1205 }, (_, i) =>
        makeRecord({ outcome: i % 3 === 0 ? 'fail' : 'pass' }),
      );
      await appendAll(store, records);
      const query = vi.spyOn(store.sql, 'query');
      const streamed: StoredRecord[] = [];
      for await (const r of store.stream({})) streamed.push(r);
      expect(streamed.map((r) => r.decisionId)).toEqual(records.map((r) => r.decisionId));
      // In chunks of 500: three reads, none holding more than a chunk.
      expect(query.mock.calls.map((call) => call[1]?.at(-1))).toEqual([500, 500, 500]);
      query.mockRestore();
      let failed = 0;
      for await (const r of store.stream({ outcome: 'fail' })) {
        expect(r.outcome).toBe('fail');
        failed++;
      }
      expect(failed).toBe(402);
      const page = await store.list({}, { limit: 5000 });
      expect(page.items).toHaveLength(1000);
      expect(page.next).toBeDefined();
    });

    it('keeps each source once, by digest', async () => {
      const { store } = await fresh();
      const source = {
        digest: 'sha256:aaa',
        id: 'approval.work-order',
        version: '1.2.0',
        source: 'kind: ruleset\n',
      };
      await Promise.all([
        store.append(makeRecord(), source),
        store.append(makeRecord(), { ...source, source: 'a second text under the same digest' }),
      ]);
      await store.append(makeRecord(), { ...source, source: 'and a third' });
      const other = await open(await harness.fresh());
      expect(await other.source('sha256:aaa')).toBeUndefined();
      expect(await store.source('sha256:aaa')).toEqual(source);
      expect(await store.source('sha256:none')).toBeUndefined();
    });

    it('verifies every chain and names its head', async () => {
      const { store } = await fresh();
      // A store that has appended nothing (one opened to verify or export) adds no chain.
      expect(await store.verify()).toEqual({ ok: true, chains: [] });
      const stored = await appendAll(store, [makeRecord(), makeRecord(), makeRecord()]);
      expect(await store.verify()).toEqual({
        ok: true,
        chains: [{ writer: store.writer, records: 3, head: stored[2]?.hash }],
      });
    });

    it('verifies while records are being appended, without false alarms', async () => {
      const { db, store } = await fresh();
      const other = await open(db);
      let appending = true;
      const writing = (async () => {
        for (let i = 0; i < 10; i++) {
          await Promise.all(
            Array.from({ length: 30 }, (_, j) => (j % 2 ? store : other).append(makeRecord())),
          );
        }
        appending = false;
      })();
      const reports = [];
      while (appending) reports.push(await other.verify());
      await writing;
      reports.push(await store.verify());
      expect(reports.length).toBeGreaterThan(1);
      expect(reports.filter((r) => !r.ok)).toEqual([]);
      expect(reports.at(-1)?.chains.map((c) => c.records)).toEqual([150, 150]);
    });

    it('names the first record that was changed, unlinked or removed behind its back', async () => {
      const { db, store } = await fresh();
      const stored = await appendAll(
        store,
        Array.from({ length: 8 }, () => makeRecord()),
      );
      const at = (i: number) => stored[i] as StoredRecord;
      await db.raw('UPDATE decisions SET result = ? WHERE decision_id = ?', [
        '{"approver":"nobody"}',
        at(6).decisionId,
      ]);
      await db.raw('UPDATE decisions SET outcome = ? WHERE decision_id = ?', ['approved', at(2).decisionId]);
      expect((await store.verify()).broken).toEqual({
        writer: store.writer,
        seq: 3,
        decisionId: at(2).decisionId,
        reason: 'hash',
      });
      await db.raw('UPDATE decisions SET outcome = ? WHERE decision_id = ?', [
        at(2).outcome,
        at(2).decisionId,
      ]);
      await db.raw('UPDATE decisions SET prev_hash = ? WHERE decision_id = ?', [
        GENESIS_HASH,
        at(1).decisionId,
      ]);
      expect((await store.verify()).broken).toMatchObject({
        seq: 2,
        decisionId: at(1).decisionId,
        reason: 'link',
      });
      await db.raw('UPDATE decisions SET prev_hash = ? WHERE decision_id = ?', [
        at(0).hash,
        at(1).decisionId,
      ]);
      await db.raw('DELETE FROM decisions WHERE decision_id = ?', [at(4).decisionId]);
      expect((await store.verify()).broken).toMatchObject({
        seq: 6,
        decisionId: at(5).decisionId,
        reason: 'gap',
      });
      await db.raw('DELETE FROM decisions WHERE seq >= 5');
      // Cut short at its end: the head the writer recorded is missing.
      expect((await store.verify()).broken).toMatchObject({
        seq: 8,
        decisionId: at(7).decisionId,
        reason: 'gap',
      });
    });

    it('names a record slipped in past the head its writer recorded', async () => {
      const { db, store } = await fresh();
      const [, , last] = await appendAll(store, [makeRecord(), makeRecord(), makeRecord()]);
      if (!last) throw new Error('three records expected');
      // A fourth row chained onto the third, as if the writer had made it: only its head betrays it.
      const forged = { decisionId: uuidv7(), hash: 'f'.repeat(64) };
      await db.raw(
        `INSERT INTO decisions (decision_id, writer, seq, hash, prev_hash, recorded_at, standard_id, standard_version,
         standard_digest, at, kind, input, result, matched, outcome, caller, request_id, subject_type, subject_id,
         case_id, retention, record_class, keep_until)
         SELECT ?, writer, 4, ?, ?, recorded_at, standard_id, standard_version, standard_digest, at, kind, input,
         result, matched, outcome, caller, request_id, subject_type, subject_id, case_id, retention, record_class,
         keep_until FROM decisions WHERE decision_id = ?`,
        [forged.decisionId, forged.hash, last.hash, last.decisionId],
      );
      expect((await store.verify()).broken).toEqual({
        writer: store.writer,
        seq: 4,
        decisionId: forged.decisionId,
        reason: 'link',
      });
    });

    it('reports legal holds by record, subject and case, and never destroys a held record', async () => {
      const { store } = await fresh();
      const [byId, bySubject, byCase, free] = await appendAll(store, [
        makeRecord(),
        makeRecord({ subject: { type: 'vehicle', id: 'LSV9' } }),
        makeRecord({ caseId: 'case-9' }),
        makeRecord(),
      ]);
      if (!byId || !bySubject || !byCase || !free) throw new Error('four records expected');
      const setBy = 'auditor';
      const setAt = '2026-12-01T09:00:00.000Z';
      const holds = [
        await store.setHold({ target: { decisionId: byId.decisionId }, reason: 'dispute', setBy, setAt }),
        await store.setHold({
          target: { subject: { type: 'vehicle', id: 'LSV9' } },
          reason: 'recall',
          setBy,
          setAt,
        }),
        await store.setHold({ target: { caseId: 'case-9' }, reason: 'claim', setBy, setAt }),
      ];
      expect((await store.holds()).map((h) => h.holdId)).toEqual(holds);
      expect(await store.holds()).toContainEqual({
        holdId: holds[1],
        target: { subject: { type: 'vehicle', id: 'LSV9' } },
        reason: 'recall',
        setBy,
        setAt,
      });
      for (const r of [byId, bySubject, byCase]) expect(await store.held(r)).toBe(true);
      expect(await store.held(free)).toBe(false);

      const entry = (r: StoredRecord) => ({
        decisionId: r.decisionId,
        recordClass: 'decision',
        rule: 'r',
        approvals: ['a'],
      });
      const destroyed = await store.destroy(
        [byId, bySubject, byCase, free].map(entry),
        '2029-12-01T00:00:00.000Z',
      );
      expect(destroyed.map((d) => d.decisionId)).toEqual([free.decisionId]);
      for (const r of [byId, bySubject, byCase]) expect(await store.get(r.decisionId)).toEqual(r);

      expect(await store.liftHold(holds[1] as string, 'auditor')).toBe(true);
      expect(await store.liftHold(holds[1] as string, 'auditor')).toBe(false);
      expect(await store.held(bySubject)).toBe(false);
      expect((await store.holds()).map((h) => h.holdId)).toEqual([holds[0], holds[2]]);
      const later = await store.destroy([entry(bySubject), entry(free)], '2029-12-02T00:00:00.000Z');
      expect(later.map((d) => d.decisionId)).toEqual([bySubject.decisionId]);
    });

    it('destroys a record down to a tombstone the chain still verifies, and logs it', async () => {
      const { db, store } = await fresh();
      const stored = await appendAll(store, [makeRecord(), makeRecord(), makeRecord()]);
      const middle = stored[1] as StoredRecord;
      const destroyed = await store.destroy(
        [
          {
            decisionId: middle.decisionId,
            recordClass: 'decision',
            rule: 'retention.records@1.1.0#d/expired',
            approvals: ['qa', 'gm'],
          },
        ],
        '2029-12-01T00:00:00.000Z',
      );
      const logged = {
        decisionId: middle.decisionId,
        writer: store.writer,
        seq: 2,
        hash: middle.hash,
        recordClass: 'decision',
        rule: 'retention.records@1.1.0#d/expired',
        approvals: ['qa', 'gm'],
        destroyedAt: '2029-12-01T00:00:00.000Z',
      };
      expect(destroyed).toEqual([logged]);
      expect(await store.destructions()).toEqual([logged]);
      expect(await store.get(middle.decisionId)).toBeUndefined();
      expect((await store.list({}, { limit: 10 })).items.map((r) => r.seq)).toEqual([1, 3]);
      const [row] = await db.raw(
        'SELECT input, result, subject_id, hash FROM decisions WHERE decision_id = ?',
        [middle.decisionId],
      );
      expect(row).toEqual({ input: null, result: null, subject_id: null, hash: middle.hash });
      expect(await store.verify()).toMatchObject({ ok: true, chains: [{ records: 3 }] });
      expect(await store.destroy([{ ...logged }], '2029-12-02T00:00:00.000Z')).toEqual([]);
      // A tombstone whose hash the destruction log does not vouch for breaks the chain.
      await db.raw('UPDATE destructions SET hash = ? WHERE decision_id = ?', [
        GENESIS_HASH,
        middle.decisionId,
      ]);
      expect((await store.verify()).broken).toMatchObject({ seq: 2, reason: 'hash' });
    });

    it('keeps one chain per writer: two stores on one database both verify', async () => {
      const { db, store: one } = await fresh();
      const two = await open(db);
      expect(two.writer).not.toBe(one.writer);
      const both = await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? one : two).append(makeRecord())),
      );
      expect(both.filter((r) => r.writer === two.writer).map((r) => r.seq)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      const report = await two.verify();
      expect(report.ok).toBe(true);
      expect(report.chains.map((c) => [c.writer, c.records])).toEqual(
        [
          [one.writer, 60],
          [two.writer, 60],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect((await one.list({}, { limit: 1000 })).items).toHaveLength(120);
    });

    it('migrates a fresh database once when several stores open it at the same time', async () => {
      const db = await harness.fresh();
      const stores = await Promise.all([1, 2, 3, 4].map(() => open(db)));
      await Promise.all(stores.map((s) => s.append(makeRecord())));
      const rows = await db.raw('SELECT version FROM records_migrations');
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await stores[0]?.verify()).toMatchObject({
        ok: true,
        chains: stores.map(() => ({ records: 1 })),
      });
    });

    it('destroys a record once when two stores destroy it at the same time', async () => {
      const { db, store: one } = await fresh();
      const two = await open(db);
      const record = await one.append(makeRecord());
      const entry = { decisionId: record.decisionId, recordClass: 'decision', rule: 'r', approvals: ['qa'] };
      const results = await Promise.all(
        [one, two].map((s) => s.destroy([entry], '2029-12-01T00:00:00.000Z')),
      );
      expect(results.map((r) => r.length).sort()).toEqual([0, 1]);
      expect(await one.destructions()).toHaveLength(1);
      expect((await two.verify()).ok).toBe(true);
    });

    it('applies each migration once, however often the database is opened', async () => {
      const { db, store } = await fresh();
      await store.append(makeRecord());
      const again = await open(db);
      expect(await migrate(again.sql)).toEqual([]);
      const rows = await db.raw('SELECT version, name FROM records_migrations ORDER BY version');
      expect(rows.map((r) => [Number(r.version), r.name])).toEqual(
        MIGRATIONS.map((m) => [m.version, m.name]),
      );
      expect((await again.list({}, { limit: 10 })).items).toHaveLength(1);
    });

    it('refuses a database migrated by a newer norma', async () => {
      const { db } = await fresh();
      await db.raw("INSERT INTO records_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
      await expect(db.open()).rejects.toMatchObject({ code: 'records_schema_newer' });
    });

    it('refuses appends once closed, after committing what was queued', async () => {
      const { db } = await fresh();
      const store = await db.open();
      const queued = store.append(makeRecord());
      await store.close();
      await expect(queued).resolves.toMatchObject({ seq: 1 });
      await expect(store.append(makeRecord())).rejects.toThrow(/closed/);
    });

    it('keeps a case, its entries in order and its place; lists cases by process, stage and overdue in pages', async () => {
      const { db, store } = await fresh();
      const opened = (n: number, over: Partial<NewCase> = {}): NewCase => ({
        caseId: uuidv7(),
        process: { id: 'process.work-order', version: '1.0.0', digest: 'sha256:ppp' },
        subject: { type: 'work-order', id: `WO-${n}` },
        facts: { job: { type: 'maintenance' }, note: '更换刹车片 ✓' },
        openedAt: `2026-12-0${n}T01:00:00.000Z`,
        openedBy: 'front-desk',
        stage: 'reception',
        complete: false,
        nextDue: null,
        ...over,
      });
      const first = opened(1);
      expect(await store.openCase(first)).toEqual({ ...first, updatedAt: first.openedAt });
      expect(await store.getCase(first.caseId)).toEqual({ ...first, updatedAt: first.openedAt });
      expect(await store.getCase(uuidv7())).toBeUndefined();
      await expect(store.openCase(first)).rejects.toThrow();

      const entry = (body: CaseEntryBody, recordedAt: string): CaseEntry => ({
        ...body,
        entryId: uuidv7(),
        caseId: first.caseId,
        recordedAt,
        actor: 'SA-01',
      });
      const event = entry(
        { kind: 'event', type: 'vehicle-received', time: '2026-12-01T08:30:00+08:00' },
        '2026-12-01T01:00:01.000Z',
      );
      const facts = entry(
        { kind: 'facts', changes: [{ path: 'job.type', before: 'maintenance', after: 'repair' }] },
        '2026-12-01T01:06:00.000Z',
      );
      await store.appendCaseEntry(event, { stage: 'registration', complete: false, nextDue: null });
      expect(
        await store.updateCasePlace(
          first.caseId,
          { stage: 'dispatch', complete: false, nextDue: null },
          '2026-12-01T01:05:00.000Z',
        ),
      ).toBe(true);
      expect(
        await store.updateCasePlace(
          uuidv7(),
          { stage: 'dispatch', complete: false, nextDue: null },
          '2026-12-01T01:05:00.000Z',
        ),
      ).toBe(false);
      expect(await store.getCase(first.caseId)).toMatchObject({
        stage: 'dispatch',
        updatedAt: '2026-12-01T01:05:00.000Z',
      });
      const changed = { job: { type: 'repair' }, note: '更换刹车片 ✓' };
      await store.appendCaseEntry(
        facts,
        { stage: 'dispatch', complete: false, nextDue: '2026-12-04T16:00:00.000Z' },
        changed,
      );
      expect(await store.caseEntries(first.caseId)).toEqual([event, facts]);
      expect(await store.caseEntries(uuidv7())).toEqual([]);
      expect(await store.getCase(first.caseId)).toEqual({
        ...first,
        facts: changed,
        stage: 'dispatch',
        nextDue: '2026-12-04T16:00:00.000Z',
        updatedAt: facts.recordedAt,
      });
      await expect(
        store.appendCaseEntry(
          { ...event, entryId: uuidv7(), caseId: uuidv7() },
          { stage: null, complete: true, nextDue: null },
        ),
      ).rejects.toMatchObject({ code: 'case_unknown' });
      // Append-only: a failed append (the same entry twice) leaves neither the entry nor the new place.
      await expect(
        store.appendCaseEntry(event, { stage: 'archiving', complete: false, nextDue: null }),
      ).rejects.toThrow();
      expect((await store.getCase(first.caseId))?.stage).toBe('dispatch');
      expect(await db.raw('SELECT entry_id FROM case_entries')).toHaveLength(2);

      const others = [
        opened(2, { stage: 'dispatch' }),
        opened(3, { stage: 'follow-up', nextDue: '2026-12-03T16:00:00.000Z' }),
        opened(4, { stage: 'follow-up', nextDue: '2026-12-09T16:00:00.000Z' }),
        opened(5, { stage: null, complete: true }),
        opened(6, {
          stage: 'dispatch',
          process: { id: 'process.complaint', version: '1.0.0', digest: 'sha256:qqq' },
        }),
      ];
      for (const c of others) await store.openCase(c);
      const ids = async (filter: CaseFilter) =>
        (await store.listCases(filter, { limit: 100 })).items.map((c) => c.caseId);
      const id = (i: number) => others[i]?.caseId;
      expect(await ids({})).toEqual([first.caseId, ...others.map((c) => c.caseId)]);
      expect(await ids({ stage: 'dispatch' })).toEqual([first.caseId, id(0), id(4)]);
      expect(await ids({ process: 'process.work-order', stage: 'dispatch' })).toEqual([first.caseId, id(0)]);
      expect(await ids({ overdueAt: '2026-12-05T00:00:00.000Z' })).toEqual([first.caseId, id(1)]);
      expect(await ids({ stage: 'follow-up', overdueAt: '2026-12-10T00:00:00.000Z' })).toEqual([
        id(1),
        id(2),
      ]);
      expect(await ids({ subjectType: 'work-order', subjectId: 'WO-5' })).toEqual([id(3)]);
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await store.listCases({}, after === undefined ? { limit: 4 } : { after, limit: 4 });
        pages.push(page.items.map((c) => c.caseId));
        after = page.next;
      } while (after !== undefined);
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      await expect(store.listCases({}, { after: 'not-a-cursor', limit: 4 })).rejects.toMatchObject({
        code: 'records_cursor_invalid',
      });
    });
  });
}
