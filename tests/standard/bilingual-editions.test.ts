/**
 * E: the bilingual editions of the bundled checklists (the forms staff fill in and sign). Each
 * has its title, section titles and item texts as `{zh, en}` and a Chinese description beside
 * the English one, changes nothing but wording against the version before it, decides every one
 * of its tests as that version does, and takes effect the day after its approval.
 */
import { describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  type CompiledDocument,
  chooseVersion,
  evaluateFast,
  loadStandards,
  semanticDiff,
} from '../../engine/index.ts';

const index = loadStandards(bundledStandardsDir);

/** Each bilingual edition and the version it rewords. */
const EDITIONS = [
  { id: 'communication.service', from: '1.0.0', to: '1.1.0' },
  { id: 'inspection.reception', from: '1.0.0', to: '1.1.0' },
  { id: 'procedure.repair', from: '1.2.0', to: '1.3.0' },
  { id: 'quality.control', from: '1.1.0', to: '1.2.0' },
  { id: 'safety.site', from: '1.3.0', to: '1.4.0' },
] as const;

type Test = { name: string; facts?: unknown; answers?: unknown; at?: string; expectError?: string };
type Section = { title: unknown; items: { text: unknown }[] };

describe.each(EDITIONS)('$id $to, bilingual', ({ id, from, to }) => {
  const versions = index.documents.get(id) ?? [];
  const before = versions.find((v) => v.version === from) as CompiledDocument;
  const after = versions.find((v) => v.version === to) as CompiledDocument;

  it('takes effect the day after its approval, never before', () => {
    expect(chooseVersion(id, versions, '2026-12-02').version).toBe(from);
    expect(chooseVersion(id, versions, '2026-12-03').version).toBe(to);
  });

  it('has its title and every section title and item text in Chinese and English', () => {
    const texts: unknown[] = [after.data.title, after.data.description];
    for (const section of after.data.sections as Section[]) {
      texts.push(section.title, ...section.items.map((i) => i.text));
    }
    for (const text of texts) expect(text).toEqual({ zh: expect.any(String), en: expect.any(String) });
    // A Chinese description, not the English one copied: mostly Chinese characters.
    const zh = (after.data.description as { zh: string }).zh;
    expect((zh.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(zh.length / 2);
    expect(after.lang).toBe('zh');
  });

  it('changes only wording, and decides every one of its tests as the version before it', () => {
    const changed = semanticDiff(before, after).changes.filter((c) => c.class !== 'wording');
    expect(changed.map((c) => c.path)).toEqual(['effective']);
    const tests = (after.data.tests as Test[]).filter((t) => t.expectError === undefined);
    expect(tests.length).toBeGreaterThan(0);
    for (const t of tests) {
      const request = { facts: t.facts, answers: t.answers, at: t.at ?? '2026-12-03' };
      expect(evaluateFast(after, request).result, t.name).toEqual(evaluateFast(before, request).result);
    }
  });
});
