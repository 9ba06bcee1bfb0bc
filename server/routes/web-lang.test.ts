/**
 * Bilingual documents on the web pages: delivery.vehicle 1.3.0 writes its texts as `{zh, en}`, and
 * the pages show the language of the page (`?lang`, else Accept-Language, else Chinese).
 */
import { describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { createApp } from '../app.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import { testOptions } from '../testing.ts';

const options = testOptions(bundledStandardsDir, { lock: true });
const app = createApp({
  holder: StandardsHolder.load(bundledStandardsDir, { lock: true }),
  options,
  logger: memoryLogger(),
});
const page = async (path: string, headers: Record<string, string> = {}) =>
  (await app.request(path, { headers })).text();

describe('bilingual documents on the pages', () => {
  const path = '/standards/delivery.vehicle?v=1.3.0';

  it('shows the Chinese by default and the English with ?lang=en', async () => {
    const zh = await page(path);
    expect(zh).toContain('完工确认与交车');
    expect(zh).toContain('与客户环车检查,外观无新增损伤');
    expect(zh).not.toContain('Walk-around, no new damage');
    const en = await page(`${path}&lang=en`);
    expect(en).toContain('Completion confirmation and vehicle delivery');
    expect(en).toContain('Walk-around, no new damage');
  });

  it('follows Accept-Language when no language is asked for', async () => {
    expect(await page(path, { 'accept-language': 'en-US,en;q=0.9' })).toContain('Walk-around, no new damage');
    expect(await page(path, { 'accept-language': 'zh-Hans, en;q=0.5' })).toContain('与客户环车检查');
  });

  it('lists the standard in the page’s language (at a date 1.3.0 is in force)', async () => {
    const en = await page('/?lang=en&q=delivery.vehicle&at=2026-12-15');
    expect(en).toContain('Completion confirmation and vehicle delivery');
    expect(en).not.toContain('完工确认与交车');
    const zh = await page('/?q=delivery.vehicle&at=2026-12-15');
    expect(zh).toContain('完工确认与交车');
    expect(zh).not.toContain('Completion confirmation and vehicle delivery');
  });

  it('offers a checklist’s choices and enum facts in the words of its labels', async () => {
    const zh = await page('/standards/delivery.vehicle/fill?v=1.3.0');
    expect(zh).toContain('<option value="returned">旧件交还客户</option>');
    expect(zh).toContain('客户付费');
    const en = await page('/standards/delivery.vehicle/fill?v=1.3.0&lang=en');
    expect(en).toContain('<option value="returned">Returned to the customer</option>');
    expect(en).toContain('Customer pay');
  });

  it('prints the report in ?lang, else Accept-Language', async () => {
    const report = await app.request('/v1/standards/delivery.vehicle/versions/1.3.0/report', {
      headers: { 'accept-language': 'en' },
    });
    expect(report.headers.get('vary')).toBe('Accept-Language');
    expect(await report.text()).toContain('Walk-around, no new damage');
    const zh = await page('/v1/standards/delivery.vehicle/versions/1.3.0/report?lang=zh', {
      'accept-language': 'en',
    });
    expect(zh).toContain('与客户环车检查');
  });
});
