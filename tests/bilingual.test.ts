/** scripts/bilingual.ts: `中文 (English)` texts become `{zh, en}`, nothing else changes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, compileDocument } from '../engine/index.ts';
import { convert, flow, splitBilingual } from '../scripts/bilingual.ts';

describe('splitBilingual', () => {
  it('splits Chinese followed by one English parenthesis', () => {
    expect(splitBilingual('服务现场安全检查 (Site safety check before work)')).toEqual({
      zh: '服务现场安全检查',
      en: 'Site safety check before work',
    });
    expect(splitBilingual('旧件处理（old parts）')).toEqual({ zh: '旧件处理', en: 'old parts' });
  });

  it('leaves what is not of that form', () => {
    expect(splitBilingual('Site safety check')).toBeUndefined();
    expect(splitBilingual('服务现场安全检查')).toBeUndefined();
    expect(splitBilingual('结算清单 (结算)')).toBeUndefined();
    expect(splitBilingual('settlement (结算清单) explained')).toBeUndefined();
    expect(splitBilingual('检查 (1)')).toBeUndefined();
  });

  it('writes a flow scalar plain when it can, quoted when it must', () => {
    expect(flow('old parts')).toBe('old parts');
    expect(flow('walk-around, no new damage')).toBe('"walk-around, no new damage"');
    expect(flow('true')).toBe('"true"');
    expect(flow('- dash')).toBe('"- dash"');
  });
});

describe('convert', () => {
  const file = join(bundledStandardsDir, 'checklists/delivery.vehicle/1.2.0.yaml');
  const source = readFileSync(file, 'utf8');

  it('converts the texts of delivery.vehicle 1.2.0 and keeps every other line as written', () => {
    const { yaml, converted } = convert(source);
    expect(converted).toBe(14);
    const before = source.split('\n');
    const after = yaml.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toHaveLength(14);
    for (const line of changed) expect(line).toMatch(/^\s*(title|text): \{ zh: .+, en: .+ \}$/);
    expect(yaml).toContain('text: { zh: 旧件处理, en: old parts }');
    // The fact descriptions are JSON Schema annotations, left as they are.
    expect(yaml).toContain('description: 主付款类型');
  });

  it('gives a document that compiles, with the same texts as the bundled 1.3.0', () => {
    const { yaml } = convert(source, {
      version: '1.3.0',
      effective: '2026-12-03',
      approvedBy: '王强',
      approvedAt: '2026-12-02',
      change: 'E: bilingual text and labels',
    });
    const result = compileDocument(yaml, 'checklists/delivery.vehicle/1.3.0.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const doc = result.document;
    expect(doc?.version).toBe('1.3.0');
    expect(doc?.effective).toBe('2026-12-03');
    expect(doc?.approved).toEqual({ by: '王强', at: '2026-12-02' });
    expect(doc?.change).toBe('E: bilingual text and labels');
    expect(doc?.data.title).toEqual({
      zh: '完工确认与交车',
      en: 'Completion confirmation and vehicle delivery',
    });
    const bundled = compileDocument(
      readFileSync(join(bundledStandardsDir, 'checklists/delivery.vehicle/1.3.0.yaml'), 'utf8'),
      'checklists/delivery.vehicle/1.3.0.yaml',
    ).document;
    const texts = (d: typeof doc) =>
      ((d?.data.sections ?? []) as { items: { text: { zh: string; en: string } }[] }[]).flatMap((s) =>
        s.items.map((i) => `${i.text.zh}|${i.text.en.toLowerCase()}`),
      );
    expect(texts(doc)).toEqual(texts(bundled));
  });
});
