import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineBuild, VerifiedDocuments } from './verified.ts';

const dir = mkdtempSync(join(tmpdir(), 'norma-verified-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const subject = {
  text: 'kind: ruleset\n',
  file: 'rules/a.b/1.0.0.yaml',
  expected: { id: 'a.b', version: '1.0.0', folder: 'rules' },
  code: 'generated',
};
const digest = `sha256:${'a'.repeat(64)}`;
const warning = {
  code: 'when_unsatisfiable',
  message: 'rule `r` can never apply',
  severity: 'warning',
  file: 'rules/a.b/1.0.0.yaml',
  line: 3,
  col: 5,
  path: '/rules/0/when',
  hint: 'check the conditions',
} as const;

describe('documents checked clean by a build', () => {
  it('has no build under tsx, so nothing is read or written there', () => {
    expect(engineBuild).toBeUndefined();
    expect(VerifiedDocuments.open(join(dir, 'none.json'))).toBeUndefined();
  });

  it('keys a document by its build and everything its checks read', () => {
    const store = new VerifiedDocuments('sha256:build-1');
    const key = store.keyOf(subject);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(store.keyOf({ ...subject })).toBe(key);
    const others = [
      store.keyOf({ ...subject, text: `${subject.text} ` }),
      store.keyOf({ ...subject, file: 'rules/a.b/1.0.1.yaml' }),
      store.keyOf({ ...subject, expected: { ...subject.expected, folder: 'checklists' } }),
      store.keyOf({ ...subject, code: 'closures' }),
      new VerifiedDocuments('sha256:build-2').keyOf(subject),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('answers the digest of a document added, and counts what it answered', () => {
    const store = new VerifiedDocuments('sha256:build-1');
    const key = store.keyOf(subject);
    expect(store.digestOf(key)).toBeUndefined();
    store.add(key, digest);
    expect(store.digestOf(key)).toBe(digest);
    expect(store.hits).toBe(1);
  });

  it('saves and reads back the entries of its own build only', () => {
    const file = join(dir, 'round.json');
    const store = VerifiedDocuments.open(file, 'sha256:build-1') as VerifiedDocuments;
    const key = store.keyOf(subject);
    store.add(key, digest);
    expect(store.save()).toBe(true);
    expect(VerifiedDocuments.open(file, 'sha256:build-1')?.digestOf(key)).toBe(digest);
    expect(VerifiedDocuments.open(file, 'sha256:build-2')?.digestOf(key)).toBeUndefined();
  });

  it('keeps the warnings of the checks a later load skips, and reads them back', () => {
    const file = join(dir, 'warned.json');
    const store = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
    const warned = store.keyOf(subject);
    const clean = store.keyOf({ ...subject, text: 'clean' });
    store.add(warned, digest, [warning]);
    store.add(clean, digest);
    expect(store.save()).toBe(true);
    const again = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
    expect(again.digestOf(warned)).toBe(digest);
    expect(again.warningsOf(warned)).toEqual([warning]);
    expect(again.warningsOf(clean)).toEqual([]);
    expect(again.warningsOf(again.keyOf({ ...subject, text: 'unknown' }))).toEqual([]);
    // The same entry again is no change; other warnings are.
    again.add(warned, digest, [warning]);
    const before = readFileSync(file, 'utf8');
    expect(again.save()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
    again.add(warned, digest, []);
    again.save();
    expect(VerifiedDocuments.open(file, 'b')?.warningsOf(warned)).toEqual([]);
  });

  it('writes nothing when nothing was added, and keeps the entries used', () => {
    const file = join(dir, 'used.json');
    const first = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
    const kept = first.keyOf(subject);
    const dropped = first.keyOf({ ...subject, text: 'other' });
    first.add(kept, digest);
    first.add(dropped, digest);
    first.save();
    const second = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
    expect(second.digestOf(kept)).toBe(digest);
    const before = readFileSync(file, 'utf8');
    expect(second.save()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const added = second.keyOf({ ...subject, text: 'new' });
    second.add(added, digest);
    second.save();
    const third = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
    expect([third.digestOf(kept), third.digestOf(added), third.digestOf(dropped)]).toEqual([
      digest,
      digest,
      undefined,
    ]);
  });

  it('reads a damaged, foreign or hand-edited file as no entry at all', () => {
    const key = new VerifiedDocuments('b').keyOf(subject);
    const bodies = [
      '{"format":1,"build":"b","entries":{',
      'null',
      '[]',
      JSON.stringify({ format: 1, build: 'b', entries: { [key]: digest } }),
      JSON.stringify({ format: 2, build: 'b', entries: [key] }),
      JSON.stringify({ format: 2, build: 'b', entries: { [key]: 'md5:x', short: digest } }),
      // Warnings as no norma writes them: an error, an unknown code or field, a wrong type.
      JSON.stringify({
        format: 2,
        build: 'b',
        entries: { [key]: [digest, [{ ...warning, severity: 'error' }]] },
      }),
      JSON.stringify({
        format: 2,
        build: 'b',
        entries: { [key]: [digest, [{ ...warning, code: 'made_up' }]] },
      }),
      JSON.stringify({ format: 2, build: 'b', entries: { [key]: [digest, [{ ...warning, extra: 1 }]] } }),
      JSON.stringify({ format: 2, build: 'b', entries: { [key]: [digest, [{ ...warning, line: '3' }]] } }),
      JSON.stringify({ format: 2, build: 'b', entries: { [key]: [digest, []] } }),
      JSON.stringify({ format: 2, build: 'b', entries: { [key]: [digest, [warning], 1] } }),
    ];
    for (const body of bodies) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, body);
      const store = VerifiedDocuments.open(file, 'b') as VerifiedDocuments;
      expect(store.digestOf(key), body).toBeUndefined();
      expect(store.digestOf('short'), body).toBeUndefined();
    }
  });

  it('says so when the file cannot be written, and still answers from memory', () => {
    const store = VerifiedDocuments.open(join(dir, 'missing', 'folder', 'v.json'), 'b') as VerifiedDocuments;
    const key = store.keyOf(subject);
    store.add(key, digest);
    expect(store.save()).toBe(false);
    expect(store.digestOf(key)).toBe(digest);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const store = new VerifiedDocuments('b', new Map(), undefined, 3);
    const keys = ['1', '2', '3', '4'].map((text) => store.keyOf({ ...subject, text }));
    const [k1, k2, k3, k4] = keys as [string, string, string, string];
    store.add(k1, digest);
    store.add(k2, digest);
    store.add(k3, digest);
    store.digestOf(k1);
    store.add(k4, digest);
    expect(store.size).toBe(3);
    expect([k1, k2, k3, k4].map((k) => store.digestOf(k) !== undefined)).toEqual([true, false, true, true]);
  });
});
