/**
 * The web app's routes without a browser: every page carries the strict CSP, static files are
 * served from two folders only, unknown and withheld versions get a page that says so, and the
 * editor is off unless authoring is on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { createApp } from '../app.ts';
import { StandardsHolder } from '../holder.ts';
import { memoryLogger } from '../log.ts';
import type { ServerOptions } from '../options.ts';
import { copyTestdata, testOptions } from '../testing.ts';
import { PAGE_CSP } from './web.tsx';

let copy: ReturnType<typeof copyTestdata>;
beforeEach(() => {
  copy = copyTestdata();
});
afterEach(() => copy.remove());

/** The app over the copy; pages are HTML for people, so not checked against the OpenAPI document. */
function app(overrides: Partial<ServerOptions> = {}) {
  const options = testOptions(copy.dir, overrides);
  return createApp({
    holder: StandardsHolder.load(copy.dir, { lock: options.lock }),
    options,
    logger: memoryLogger(),
  });
}

describe('the web app’s routes', () => {
  it('serves every page with the strict CSP, in Chinese unless asked otherwise', async () => {
    for (const path of [
      '/',
      '/standards/approval.work-order',
      '/standards/approval.work-order/diff?from=1.0.0&to=1.1.0',
    ]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(await res.text()).toMatch(/^<!doctype html><html lang="zh-CN">/);
    }
    expect(PAGE_CSP).toMatch(/default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'/);
    const en = await app().request('/?lang=en');
    expect(en.headers.get('set-cookie')).toMatch(/^norma_lang=en;/);
    expect(await en.text()).toMatch(/<html lang="en">/);
  });

  it('serves the font from the package and nothing outside the two static folders', async () => {
    const css = await app().request('/static/fonts/noto-sans-sc-400.css');
    expect(css.status).toBe(200);
    const text = await css.text();
    expect(text).toMatch(/url\(\.\/noto-sans-sc-[\w-]+\.woff2\)/);
    expect(text).not.toMatch(/\.\/files\//);
    const font = await app().request('/static/fonts/noto-sans-sc-100-400-normal.woff2');
    expect([font.status, font.headers.get('content-type')]).toEqual([200, 'font/woff2']);
    for (const path of [
      '/static/../package.json',
      '/static/fonts/../../package.json',
      '/static/%2e%2e/package.json',
    ]) {
      expect((await app().request(path)).status, path).toBe(404);
    }
  });

  it('answers an unknown standard or version, or one the lock withholds, with a page that says why', async () => {
    const unknown = await app().request('/standards/no.such');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('没有编号为 no.such 的标准');
    const version = await app().request('/standards/approval.work-order?v=9.9.9');
    expect(version.status).toBe(404);
    const file = join(copy.dir, 'rules/approval.work-order/1.1.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('20000', '25000'));
    const withheld = await app({ lock: true }).request('/standards/approval.work-order?v=1.1.0');
    expect(withheld.status).toBe(503);
    expect(await withheld.text()).toContain('已扣留');
  });

  it('keeps the editor off unless authoring is on, and fills only checklists', async () => {
    const off = await app().request('/standards/approval.work-order/edit');
    expect(off.status).toBe(403);
    expect(await off.text()).toContain('NORMA_AUTHORING=on');
    const on = await app({ authoring: true }).request('/standards/approval.work-order/edit');
    expect(on.status).toBe(200);
    expect(await on.text()).toMatch(/version: 1\.2\.0\nstatus: draft/);
    expect((await app().request('/standards/approval.work-order/fill')).status).toBe(404);
  });

  it('gives every item of a checklist a photo field, whatever its kind of answer', async () => {
    const bundled = createApp({
      holder: StandardsHolder.load(bundledStandardsDir, { lock: false }),
      options: testOptions(bundledStandardsDir),
      logger: memoryLogger(),
    });
    const page = await (await bundled.request('/standards/inspection.reception/fill')).text();
    const items = [...page.matchAll(/<fieldset class="item" data-item="([\w.-]+)">/g)].map((m) => m[1]);
    expect(items).toEqual(expect.arrayContaining(['instruments.fuel-level', 'instruments.warning-lights']));
    expect(page.match(/<input data-photo[^>]*type="file"/g)?.length).toBe(items.length);
    const fuel = page.slice(page.indexOf('data-item="instruments.fuel-level"'));
    expect(fuel.slice(0, fuel.indexOf('</fieldset>'))).toContain('附照片(可选;JPEG、PNG、WebP)');
    const odometer = page.slice(page.indexOf('data-item="instruments.odometer"'));
    expect(odometer.slice(0, odometer.indexOf('</fieldset>'))).toContain('拍照或选择照片(JPEG、PNG、WebP)');
  });
});
