/**
 * The SQLite store against a simple model of it: random sequences of appends, legal holds set and
 * lifted, and destructions. Whatever the sequence, the store lists exactly the records the model
 * says are live, in order; destroys exactly those neither held nor gone; and its chain verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite.ts';
import type { LegalHold, StoredRecord } from './store.ts';
import { makeRecord } from './testdata/sample.ts';

const SUBJECTS = ['WO-1', 'WO-2'];
const CASES = ['case-1', 'case-2'];

type Op =
  | { op: 'append'; subjects: number[]; cases: (number | null)[] }
  | { op: 'hold'; kind: 'record' | 'subject' | 'case'; pick: number }
  | { op: 'lift'; pick: number }
  | { op: 'destroy'; picks: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.option(fc.integer({ min: 0, max: 1 }))), {
      minLength: 1,
      maxLength: 5,
    })
    .map((pairs) => ({
      op: 'append' as const,
      subjects: pairs.map((p) => p[0]),
      cases: pairs.map((p) => p[1]),
    })),
  fc.record({
    op: fc.constant('hold' as const),
    kind: fc.constantFrom('record', 'subject', 'case'),
    pick: fc.nat(),
  }),
  fc.record({ op: fc.constant('lift' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('destroy' as const), picks: fc.array(fc.nat(), { maxLength: 4 }) }),
);

interface Model {
  records: StoredRecord[];
  destroyed: Set<string>;
  holds: Map<string, LegalHold['target']>;
}

function covers(target: LegalHold['target'], r: StoredRecord): boolean {
  if ('decisionId' in target) return target.decisionId === r.decisionId;
  if ('caseId' in target) return target.caseId === r.caseId;
  return target.subject.type === r.subject?.type && target.subject.id === r.subject.id;
}

describe('the SQLite store against a model', () => {
  it('lists, holds, destroys and verifies as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'norma-model-'));
        const store = await openSqliteStore(dir);
        const model: Model = { records: [], destroyed: new Set(), holds: new Map() };
        const setBy = 'auditor';
        const setAt = '2026-12-01T00:00:00.000Z';
        try {
          for (const step of ops) {
            if (step.op === 'append') {
              const stored = await Promise.all(
                step.subjects.map((s, i) => {
                  const c = step.cases[i];
                  return store.append(
                    makeRecord({
                      subject: { type: 'work-order', id: SUBJECTS[s] as string },
                      caseId: c === null || c === undefined ? null : (CASES[c] as string),
                    }),
                  );
                }),
              );
              model.records.push(...stored);
            } else if (step.op === 'hold') {
              const r = model.records[step.pick % Math.max(1, model.records.length)];
              const target: LegalHold['target'] =
                step.kind === 'record' && r
                  ? { decisionId: r.decisionId }
                  : step.kind === 'case'
                    ? { caseId: CASES[step.pick % 2] as string }
                    : { subject: { type: 'work-order', id: SUBJECTS[step.pick % 2] as string } };
              model.holds.set(await store.setHold({ target, reason: 'r', setBy, setAt }), target);
            } else if (step.op === 'lift') {
              const ids = [...model.holds.keys()];
              const id = ids[step.pick % Math.max(1, ids.length)] ?? 'none';
              expect(await store.liftHold(id, setBy)).toBe(model.holds.delete(id));
            } else {
              const picked = [
                ...new Set(step.picks.map((p) => model.records[p % Math.max(1, model.records.length)])),
              ];
              const chosen = picked.filter((r): r is StoredRecord => r !== undefined);
              const expected = chosen.filter(
                (r) =>
                  !model.destroyed.has(r.decisionId) && ![...model.holds.values()].some((t) => covers(t, r)),
              );
              const entries = chosen.map((r) => ({
                decisionId: r.decisionId,
                recordClass: 'decision',
                rule: 'x',
                approvals: [],
              }));
              const destroyed = await store.destroy(entries, '2030-01-01T00:00:00.000Z');
              expect(destroyed.map((d) => d.decisionId)).toEqual(expected.map((r) => r.decisionId));
              for (const r of expected) model.destroyed.add(r.decisionId);
            }
          }
          const live = model.records.filter((r) => !model.destroyed.has(r.decisionId));
          expect((await store.list({}, { limit: 1000 })).items).toEqual(live);
          for (const r of live) {
            expect(await store.held(r)).toBe([...model.holds.values()].some((t) => covers(t, r)));
          }
          expect((await store.destructions()).map((d) => d.decisionId).sort()).toEqual(
            [...model.destroyed].sort(),
          );
          const report = await store.verify();
          expect(report.ok).toBe(true);
          expect(report.chains.reduce((n, c) => n + c.records, 0)).toBe(model.records.length);
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15 },
    );
  });
});
