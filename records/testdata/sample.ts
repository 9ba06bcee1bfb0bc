/** Sample records for the store's tests and the durability test's writer process. */
import { uuidv7 } from '../ids.ts';
import type { NewRecord } from '../store.ts';

let serial = 0;

/** A record as the server would append it; `overrides` change any field. */
export function makeRecord(overrides: Partial<NewRecord> = {}): NewRecord {
  serial++;
  return {
    decisionId: uuidv7(),
    recordedAt: new Date(Date.UTC(2026, 10, 1) + serial * 60_000).toISOString(),
    standard: { id: 'approval.work-order', version: '1.2.0', digest: 'sha256:aaa' },
    at: '2026-11-28',
    kind: 'ruleset',
    input: { facts: { estimateTotal: 1000 + serial, openedBy: 'advisor', note: '更换刹车片 ✓' } },
    result: { approver: 'service-manager', amounts: [1.5, 0.1, 1e21] },
    matched: [{ rule: 'A8-1', because: ['estimateTotal > 500'] }],
    outcome: 'service-manager',
    caller: 'front-desk',
    requestId: `req-${serial}`,
    subject: { type: 'work-order', id: `WO-${serial}` },
    caseId: null,
    retention: { recordClass: 'decision', keepUntil: '2029-11-28', from: 'decided', decidedBy: ['r@1#d'] },
    ...overrides,
  };
}
