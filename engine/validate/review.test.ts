import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compileDocument } from '../document.ts';
import { formatHistoryText, historyOf } from '../lock/history.ts';
import { writeLock } from '../lock/update.ts';
import { loadStandards } from '../standards/directory.ts';
import { latestDateOnEarth } from './review.ts';

const file = 'rules/demo.review/1.0.0.yaml';
const identity = { id: 'demo.review', version: '1.0.0', folder: 'rules' };

/** An approved ruleset, with `reviewed` as given (a YAML line, or none). */
function text(reviewed?: string): string {
  return [
    'kind: ruleset',
    'id: demo.review',
    'version: 1.0.0',
    'status: approved',
    'effective: 2025-01-01',
    'title: 复核示例 (Review example)',
    'approved: { by: 王强, at: 2024-12-20 }',
    ...(reviewed ? [reviewed] : []),
    'facts: { a: { type: boolean } }',
    'hit: first',
    'outputs: { ok: { type: boolean } }',
    'rules:',
    '  - { id: yes, when: { a: true }, then: { ok: true } }',
    '  - { id: no, then: { ok: false } }',
    'tests:',
    '  - { name: yes, facts: { a: true }, expect: { outputs: { ok: true } } }',
    '  - { name: no, facts: { a: false }, expect: { outputs: { ok: false } } }',
    '',
  ].join('\n');
}

function codes(source: string) {
  return compileDocument(source, file, identity).diagnostics.map((d) => [d.code, d.line, d.col, d.path]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reviewed: the last periodic review of an approved version', () => {
  it('is accepted on or after the approval, up to today', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T04:00:00Z') });
    expect(codes(text('reviewed: { by: 陈静, at: 2024-12-20 }'))).toEqual([]);
    expect(codes(text('reviewed: { by: 陈静, at: 2026-12-02 }'))).toEqual([]);
    const doc = compileDocument(text('reviewed: { by: 陈静, at: 2025-12-01 }'), file, identity).document;
    expect(doc?.reviewed).toEqual({ by: '陈静', at: '2025-12-01' });
  });

  it('dated before the approval is review_before_approval, at the date', () => {
    expect(codes(text('reviewed: { by: 陈静, at: 2024-12-19 }'))).toEqual([
      ['review_before_approval', 8, 25, '/reviewed/at'],
    ]);
  });

  it('on a version without an approval is review_before_approval, at the key', () => {
    const draft = text('reviewed: { by: 陈静, at: 2025-06-01 }')
      .replace('status: approved', 'status: draft')
      .replace('approved: { by: 王强, at: 2024-12-20 }\n', '');
    expect(codes(draft)).toEqual([['review_before_approval', 7, 1, '/reviewed']]);
  });

  it('dated after today anywhere on Earth is review_in_future', () => {
    // 2026-12-02 10:00 UTC is already 2026-12-03 in Shanghai (and at UTC+14): that date is allowed.
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    expect(latestDateOnEarth()).toBe('2026-12-03');
    expect(codes(text('reviewed: { by: 陈静, at: 2026-12-03 }'))).toEqual([]);
    expect(codes(text('reviewed: { by: 陈静, at: 2026-12-04 }'))).toEqual([
      ['review_in_future', 8, 25, '/reviewed/at'],
    ]);
  });

  it('must say who and when (the schema)', () => {
    expect(codes(text('reviewed: { at: 2025-06-01 }')).map(([c]) => c)).toEqual(['schema_required']);
  });
});

describe('recording a review on a locked version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'norma-review-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'rules', 'demo.review'), { recursive: true });
  const path = join(dir, file);

  it('changes neither the digest nor the lock, and history shows it', () => {
    writeFileSync(path, text());
    const before = loadStandards(dir);
    writeLock(before);
    const digest = loadStandards(dir).documents.get('demo.review')?.[0]?.digest;
    writeFileSync(path, text('reviewed: { by: 陈静, at: 2025-12-01 }'));
    const after = loadStandards(dir);
    expect(after.diagnostics).toEqual([]);
    const history = historyOf(after, 'demo.review', '2026-03-01');
    expect(history.versions[0]).toMatchObject({
      digest,
      approved: { by: '王强', at: '2024-12-20' },
      reviewed: { by: '陈静', at: '2025-12-01' },
      inForce: true,
    });
    expect(history.versions[0]?.lock).toBeUndefined();
    expect(formatHistoryText(history)).toContain(
      'approved by 王强 on 2024-12-20, reviewed by 陈静 on 2025-12-01',
    );
  });
});
