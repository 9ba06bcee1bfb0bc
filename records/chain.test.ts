import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, GENESIS_HASH, recordContent, recordHash, storedForm } from './chain.ts';
import { recordValues } from './rows.ts';
import type { NewRecord } from './store.ts';

const record: NewRecord = {
  decisionId: '019ad5e0-0000-7000-8000-000000000001',
  recordedAt: '2026-11-28T08:30:00.123Z',
  standard: { id: 'approval.work-order', version: '1.2.0', digest: 'sha256:abc' },
  at: '2026-11-28',
  kind: 'ruleset',
  input: { facts: { estimateTotal: 9000, openedBy: 'manager' } },
  result: { approver: 'general-manager' },
  matched: [{ rule: 'A8-3' }],
  outcome: 'general-manager',
  caller: 'front-desk',
  requestId: 'req-1',
  subject: { type: 'work-order', id: 'WO-1' },
  caseId: null,
  retention: { recordClass: 'decision', keepUntil: '2029-11-28', from: 'decided', decidedBy: ['x@1#d'] },
};
const link = { writer: '019ad5e0-0000-7000-8000-0000000000ff', seq: 1, prevHash: GENESIS_HASH };

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
  });

  it('reads back as JSON.stringify would, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('follows JSON for undefined, non-finite numbers and dates', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN], c: new Date(0) })).toBe(
      '{"b":[null,null],"c":"1970-01-01T00:00:00.000Z"}',
    );
  });
});

describe('recordHash', () => {
  it('is SHA-256 hex over the canonical JSON of the content, writer, seq and prevHash', () => {
    const expected = createHash('sha256')
      .update(canonicalJson({ ...record, ...link }))
      .digest('hex');
    expect(recordHash(record, link)).toBe(expected);
    expect(recordHash(record, link)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays the same for a stored chain: the hash of this record is pinned', () => {
    // Changing the canonical form would make every stored chain fail to verify.
    expect(recordHash(record, link)).toBe(recordHash(JSON.parse(JSON.stringify(record)), { ...link }));
    expect(recordHash(record, link)).toMatchInlineSnapshot(
      `"63077d116f60349421928ed7eba7f44b3980e11da1438c479af8b68837645ccf"`,
    );
  });

  it('changes when any field, the writer, the seq or the previous hash changes', () => {
    const base = recordHash(record, link);
    const changed: NewRecord[] = [
      { ...record, decisionId: `${record.decisionId.slice(0, -1)}2` },
      { ...record, recordedAt: '2026-11-28T08:30:00.124Z' },
      { ...record, standard: { ...record.standard, version: '1.2.1' } },
      { ...record, at: '2026-11-29' },
      { ...record, input: { facts: { estimateTotal: 9001, openedBy: 'manager' } } },
      { ...record, result: { approver: 'service-manager' } },
      { ...record, matched: [] },
      { ...record, outcome: null },
      { ...record, caller: null },
      { ...record, requestId: 'req-2' },
      { ...record, subject: { type: 'work-order', id: 'WO-2' } },
      { ...record, caseId: 'case-1' },
      { ...record, retention: null },
      { ...record, kind: 'checklist' },
    ];
    for (const other of changed) expect(recordHash(other, link)).not.toBe(base);
    expect(recordHash(record, { ...link, writer: `${link.writer.slice(0, -1)}e` })).not.toBe(base);
    expect(recordHash(record, { ...link, seq: 2 })).not.toBe(base);
    expect(recordHash(record, { ...link, prevHash: base })).not.toBe(base);
  });

  it('keeps recordedAt as UTC with milliseconds, the form that sorts as time', () => {
    expect(recordContent({ ...record, recordedAt: '2026-11-28T16:30:00+08:00' }).recordedAt).toBe(
      '2026-11-28T08:30:00.000Z',
    );
    expect(recordContent({ ...record, recordedAt: 'yesterday' }).recordedAt).toBe('yesterday');
  });

  it('ignores properties that are not part of a record, and key order', () => {
    const extra = { ...record, somethingElse: 1 } as NewRecord;
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as NewRecord;
    expect(recordHash(extra, link)).toBe(recordHash(record, link));
    expect(recordHash(reordered, link)).toBe(recordHash(record, link));
    expect(recordContent(extra)).toEqual(record);
  });

  it('hashes and stores the texts it serialised once exactly as it would serialise the values again', () => {
    const json = fc.dictionary(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(
        json,
        fc.jsonValue(),
        fc.array(json),
        fc.option(json),
        (input, result, matched, retention) => {
          const given = { ...record, input, result, matched, retention } as unknown as NewRecord;
          const { content, texts } = storedForm(given);
          expect(contentHash(content, link, texts)).toBe(contentHash(content, link));
          expect(contentHash(content, link, texts)).toBe(recordHash(given, link));
          const stored = { ...content, ...link, hash: '' };
          expect(recordValues(stored, texts)).toEqual(recordValues(stored));
        },
      ),
    );
  });
});
