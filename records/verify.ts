/**
 * Verifying the chains: each writer's records are walked in seq order, in chunks, recomputing
 * every hash, against the head the writer recorded (records/README.md, "Guarantees").
 */
import { contentHash, GENESIS_HASH } from './chain.ts';
import { recordFromRow } from './rows.ts';
import type { SqlExecutor, SqlRow } from './sql.ts';
import type { ChainReport, VerifyReport } from './store.ts';

/** Records read per query, so memory stays bounded whatever the size of a chain. */
const CHUNK = 500;

type Broken = NonNullable<VerifyReport['broken']>;

/** Walks every writer's chain and names the first record that breaks one (see README.md). */
export async function verifyChains(sql: SqlExecutor): Promise<VerifyReport> {
  const registered = await sql.query('SELECT writer, head_seq, head_hash, head_decision_id FROM writers');
  // Records of a writer with no row in writers (it was deleted) are walked without a head.
  const unregistered = await sql.query(
    'SELECT DISTINCT writer FROM decisions WHERE writer NOT IN (SELECT writer FROM writers)',
  );
  const writers = [
    ...registered,
    ...unregistered.map((row) => ({ writer: row.writer, head_seq: null })),
  ].sort((a, b) => String(a.writer).localeCompare(String(b.writer)));
  const chains: ChainReport[] = [];
  let broken: Broken | undefined;
  for (const row of writers) {
    const { chain, broken: first } = await verifyChain(sql, row);
    chains.push(chain);
    broken ??= first;
  }
  return broken ? { ok: false, chains, broken } : { ok: true, chains };
}

/**
 * Walks one writer's chain in seq order, up to the head the writer recorded when the walk began
 * (records committed meanwhile are for the next verify), and stops at the first broken record.
 */
async function verifyChain(
  sql: SqlExecutor,
  writerRow: SqlRow,
): Promise<{ chain: ChainReport; broken?: Broken }> {
  const writer = String(writerRow.writer);
  const recorded = writerRow.head_seq === null ? undefined : Number(writerRow.head_seq);
  let expected = { seq: 1, prevHash: GENESIS_HASH };
  let last: { seq: number; hash: string; decisionId: string } | undefined;
  let records = 0;
  const chain = () => ({ writer, records, head: last?.hash ?? null });
  for (;;) {
    const rows = await sql.query(
      `SELECT d.*, x.hash AS destroyed_hash FROM decisions d
       LEFT JOIN destructions x ON x.decision_id = d.decision_id
       WHERE d.writer = ? AND d.seq >= ? AND d.seq <= ? ORDER BY d.seq LIMIT ?`,
      [writer, expected.seq, recorded ?? Number.MAX_SAFE_INTEGER, CHUNK],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const decisionId = String(row.decision_id);
      const reason = brokenBy(row, writer, expected);
      if (reason) return { chain: chain(), broken: { writer, seq, decisionId, reason } };
      records++;
      last = { seq, hash: String(row.hash), decisionId };
      expected = { seq: seq + 1, prevHash: last.hash };
    }
    if (rows.length < CHUNK) break;
  }
  if (recorded === undefined) return { chain: chain() };
  // The writer's head row names the chain's end, so a chain cut short at its end is caught too.
  if ((last?.seq ?? 0) < recorded) {
    const decisionId = String(writerRow.head_decision_id ?? '');
    return { chain: chain(), broken: { writer, seq: recorded, decisionId, reason: 'gap' } };
  }
  if (last && last.hash !== String(writerRow.head_hash)) {
    return {
      chain: chain(),
      broken: { writer, seq: last.seq, decisionId: last.decisionId, reason: 'hash' },
    };
  }
  const extra = await beyondHead(sql, writer, recorded);
  return extra ? { chain: chain(), broken: { writer, ...extra, reason: 'link' } } : { chain: chain() };
}

/**
 * A record past the head its writer recorded was not written by that writer (its head moves in
 * the same transaction as its records), unless it committed after the walk began: the head is
 * read again before saying so.
 */
async function beyondHead(
  sql: SqlExecutor,
  writer: string,
  head: number,
): Promise<{ seq: number; decisionId: string } | undefined> {
  const [row] = await sql.query(
    'SELECT seq, decision_id FROM decisions WHERE writer = ? AND seq > ? ORDER BY seq LIMIT 1',
    [writer, head],
  );
  if (!row) return undefined;
  const [now] = await sql.query('SELECT head_seq FROM writers WHERE writer = ?', [writer]);
  if (now && Number(now.head_seq) >= Number(row.seq)) return undefined;
  return { seq: Number(row.seq), decisionId: String(row.decision_id) };
}

/** Why a row breaks its chain at the place expected of it, or undefined when it holds. */
function brokenBy(
  row: SqlRow,
  writer: string,
  expected: { seq: number; prevHash: string },
): Broken['reason'] | undefined {
  if (Number(row.seq) !== expected.seq) return 'gap';
  if (String(row.prev_hash) !== expected.prevHash) return 'link';
  if (row.destroyed_at !== null && row.destroyed_at !== undefined) {
    // A tombstone cannot be rehashed; the destruction log must hold the hash it had.
    return row.destroyed_hash === row.hash ? undefined : 'hash';
  }
  const { writer: _w, seq: _s, hash: _h, prevHash: _p, ...content } = recordFromRow(row);
  const hash = contentHash(content, { writer, seq: expected.seq, prevHash: expected.prevHash });
  return hash === String(row.hash) ? undefined : 'hash';
}
