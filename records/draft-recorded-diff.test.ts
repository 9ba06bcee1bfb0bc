/**
 * An unsaved draft against recorded decisions: the latest decisions of its standard, each decided
 * again by the version that decided it and by the draft; only those whose outcome changes are
 * listed, the window is bounded, and a decision whose deciding version cannot be had is counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  type CompiledDocument,
  compileDocument,
  findVersion,
  loadStandards,
  NormaError,
} from '../engine/index.ts';
import { DRAFT_RECORDED_MAX, draftRecordedDiff } from './draft-recorded-diff.ts';
import { uuidv7Generator } from './ids.ts';
import { openSqliteStore } from './sqlite.ts';
import type { RecordStore, StoredRecord } from './store.ts';

const index = loadStandards(bundledStandardsDir);
const served = findVersion(index, 'approval.work-order', '1.3.0');
/** 1.3.0 with the general manager's threshold raised from 20000 to 30000 CNY. */
const draft = compileDocument(
  served.source
    .replace(/^status: approved$/m, 'status: draft')
    .replace(/^version: 1\.3\.0$/m, 'version: 1.4.0')
    .replace('estimateTotalFen: { greaterThan: 2000000 }', 'estimateTotalFen: { greaterThan: 3000000 }'),
  'draft.yaml',
).document as CompiledDocument;

const newId = uuidv7Generator();
let dir: string;
let store: RecordStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'norma-draft-recorded-'));
  store = await openSqliteStore(dir);
  const decide = (fen: number, digest = served.digest) =>
    store.append({
      decisionId: newId(),
      recordedAt: new Date().toISOString(),
      standard: { id: served.id, version: served.version, digest },
      at: '2026-12-02',
      kind: 'ruleset',
      input: { facts: { estimateTotalFen: fen, payType: 'customer' } },
      result: {},
      matched: [],
      outcome: null,
      caller: null,
      requestId: null,
      subject: { type: 'work-order', id: `WO-${fen}` },
      caseId: null,
      retention: null,
    });
  await decide(2_500_000, 'sha256:gone');
  for (const fen of [120_000, 2_500_000, 3_500_000, 2_800_000]) await decide(fen);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The deciding version: served by digest, else gone (as the replayer says of a missing source). */
async function documentOf(standard: StoredRecord['standard']): Promise<CompiledDocument> {
  if (standard.digest === served.digest) return served;
  throw new NormaError('decision_source_missing', `no source for ${standard.digest}`);
}

describe('draftRecordedDiff', () => {
  it('lists the recorded decisions the draft would decide differently, with the version that decided them', async () => {
    expect(draft).toBeDefined();
    const diff = await draftRecordedDiff(store, documentOf, draft, { last: 100 });
    expect(diff).toMatchObject({ last: 100, examined: 4, changed: 2, unavailable: 1 });
    expect(diff.decisions.map((d) => d.subject?.id)).toEqual(['WO-2500000', 'WO-2800000']);
    expect(diff.decisions[0]).toMatchObject({
      version: '1.3.0',
      from: { approver: 'general-manager' },
      to: { approver: 'service-manager' },
    });
  });

  it('replays only the latest decisions, at most DRAFT_RECORDED_MAX', async () => {
    const two = await draftRecordedDiff(store, documentOf, draft, { last: 2 });
    expect([two.examined, two.changed]).toEqual([2, 1]);
    expect(two.decisions.map((d) => d.subject?.id)).toEqual(['WO-2800000']);
    expect((await draftRecordedDiff(store, documentOf, draft, { last: 1_000_000 })).last).toBe(
      DRAFT_RECORDED_MAX,
    );
    const none = await draftRecordedDiff(store, documentOf, draft, {
      last: 10,
      since: '2999-01-01T00:00:00.000Z',
    });
    expect([none.examined, none.changed, none.decisions]).toEqual([0, 0, []]);
  });
});
