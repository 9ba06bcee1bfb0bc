/**
 * E: delivery.vehicle 1.3.0 is the bundled standard's bilingual document: every title and item
 * text is `{zh, en}`, its pay types and old-parts choices have labels, and it decides exactly as
 * 1.2.0 did (a wording-only version, in force from the day after its approval).
 */
import { describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  type CompiledDocument,
  chooseVersion,
  evaluateFast,
  labelsOf,
  loadStandards,
  renderReport,
  semanticDiff,
} from '../../engine/index.ts';

const index = loadStandards(bundledStandardsDir);
const versions = index.documents.get('delivery.vehicle') ?? [];
const v130 = versions.find((v) => v.version === '1.3.0') as CompiledDocument;
const v120 = versions.find((v) => v.version === '1.2.0') as CompiledDocument;

type Test = { name: string; facts?: unknown; answers?: unknown; expectError?: string };
const tests = (v130.data.tests as Test[]).filter((t) => t.expectError === undefined);

describe('delivery.vehicle 1.3.0, bilingual', () => {
  it('takes effect the day after its approval, never before', () => {
    expect(chooseVersion('delivery.vehicle', versions, '2026-12-02').version).toBe('1.2.0');
    expect(chooseVersion('delivery.vehicle', versions, '2026-12-03').version).toBe('1.3.0');
  });

  it('has every title and item text in Chinese and English', () => {
    const texts: unknown[] = [v130.data.title, v130.data.description];
    for (const section of v130.data.sections as { title: unknown; items: { text: unknown }[] }[]) {
      texts.push(section.title, ...section.items.map((i) => i.text));
    }
    for (const text of texts) expect(text).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(v130.lang).toBe('zh');
    expect(v130.title).toBe('完工确认与交车');
  });

  it('changes only wording against 1.2.0, and decides every one of its tests alike', () => {
    const diff = semanticDiff(v120, v130);
    expect(diff.changes.filter((c) => c.class !== 'wording')).toEqual([
      expect.objectContaining({ path: 'effective' }),
    ]);
    for (const t of tests) {
      const request = { facts: t.facts, answers: t.answers, at: '2026-12-03' };
      expect(evaluateFast(v130, request).result, t.name).toEqual(evaluateFast(v120, request).result);
    }
  });

  it('labels its result in both languages', () => {
    const envelope = evaluateFast(v130, {
      facts: { payType: 'customer', certificateRequired: false },
      answers: { 'confirm.walk-around': { value: false } },
      at: '2026-12-03',
    });
    expect(labelsOf(v130, envelope, 'zh').codes).toMatchObject({
      kind: { checklist: '检查表' },
      status: { fail: '不通过', missing: '未回答' },
      severity: { critical: '关键' },
    });
    expect(labelsOf(v130, envelope, 'en').codes.status).toMatchObject({ fail: 'Fail' });
  });

  it('prints its form in the language asked for, choices in the words of its labels', () => {
    const zh = renderReport(v130, undefined, { lang: 'zh' });
    expect(zh).toContain('与客户环车检查,外观无新增损伤');
    expect(zh).toContain('旧件交还客户');
    expect(zh).not.toContain('Walk-around, no new damage');
    const en = renderReport(v130, undefined, { lang: 'en' });
    expect(en).toContain('Walk-around, no new damage');
    expect(en).toContain('Completion confirmation and vehicle delivery');
    expect(en).toContain('Returned to the customer');
    expect(en).not.toContain('与客户环车检查');
  });
});
