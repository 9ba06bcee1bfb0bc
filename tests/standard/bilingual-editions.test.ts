/**
 * E: the bilingual editions of the bundled standard, found by their `change` (it starts with
 * "E:"). Each has its title and description as `{zh, en}` (the description mostly Chinese, not
 * the English copied), a checklist's section titles and item texts too, and a ruleset's or
 * scorecard's every output value a label in both languages; it changes nothing but wording
 * against the version before it, decides every one of its tests as that version does, and takes
 * effect no earlier than the day after its approval and after the version before it took effect
 * (so the version before it decides for at least one day, the edition's approval day included).
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
const EDITIONS = [...index.documents.values()].flatMap((versions) => {
  const sorted = [...versions];
  return sorted.flatMap((after, i) =>
    i > 0 && typeof after.change === 'string' && after.change.startsWith('E:')
      ? [{ id: after.id, version: after.version, after, before: sorted[i - 1] as CompiledDocument, versions }]
      : [],
  );
});

/**
 * What a result decides, without the titles a process's next actions carry: those are the
 * document's wording (an edition may give them in Chinese alone where they read 中文 (English)).
 */
function decided(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decided);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'title')
      .map(([key, v]) => [key, decided(v)]),
  );
}

type Test = { name: string; facts?: unknown; answers?: unknown; at?: string; expectError?: string };
type Section = { title: unknown; items: { text: unknown }[] };
const BILINGUAL = { zh: expect.any(String), en: expect.any(String) };
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** The later of two dates written YYYY-MM-DD. */
const later = (a: string, b: string) => (a > b ? a : b);

it('the bundled standard has bilingual editions', () => {
  expect(EDITIONS.length).toBeGreaterThanOrEqual(6);
});

describe.each(EDITIONS)('$id $version, bilingual', ({ id, after, before, versions }) => {
  it('takes effect after the day of its approval, which keeps the version before it', () => {
    const approvedAt = String(after.approved?.at);
    // The last day the version before it decides: the approval day, or its own first day when
    // that is later (an edition of a version not yet in force).
    const lastBefore = later(approvedAt, String(before.effective));
    expect(String(after.effective) >= dayAfter(lastBefore)).toBe(true);
    expect(chooseVersion(id, versions, lastBefore).version).toBe(before.version);
    expect(chooseVersion(id, versions, String(after.effective)).version).toBe(after.version);
  });

  it('has its human text in Chinese and English, Chinese first', () => {
    const texts: unknown[] = [after.data.title, after.data.description];
    for (const section of (after.data.sections ?? []) as Section[]) {
      texts.push(section.title, ...section.items.map((i) => i.text));
    }
    for (const text of texts) expect(text).toEqual(BILINGUAL);
    const zh = (after.data.description as { zh: string }).zh;
    expect((zh.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(zh.length / 2);
    expect(after.lang).toBe('zh');
  });

  it('labels every value of its enumerated outputs in both languages', () => {
    const outputs = (after.data.outputs ?? {}) as Record<string, { enum?: unknown[] }>;
    const labels = (after.data.labels ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, schema] of Object.entries(outputs)) {
      for (const value of schema.enum ?? [])
        expect(labels[name]?.[String(value)], `${name}: ${value}`).toEqual(BILINGUAL);
    }
  });

  it('changes only wording, and decides every one of its tests as the version before it', () => {
    const changed = semanticDiff(before, after).changes.filter((c) => c.class !== 'wording');
    expect(changed.map((c) => c.path)).toEqual(['effective']);
    const tests = (after.data.tests as Test[]).filter((t) => t.expectError === undefined);
    expect(tests.length).toBeGreaterThan(0);
    for (const t of tests) {
      const request = { facts: t.facts, answers: t.answers, at: t.at ?? String(after.effective) };
      expect(decided(evaluateFast(after, request).result), t.name).toEqual(
        decided(evaluateFast(before, request).result),
      );
    }
  });
});
