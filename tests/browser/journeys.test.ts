/**
 * The journeys of issue 16 in Chromium, each asserting what a person sees: a quality manager
 * edits, checks, saves and approves a new version, which then decides from its date; a
 * technician on a 768×1024 tablet fails a critical safety item, sees why, corrects it and submits.
 */
import { expect, it } from 'vitest';
import { today } from '../../engine/index.ts';
import { nextVersion } from '../../web/views/draft.ts';
import { replaceLine, toLine } from './editor-keys.ts';
import { describeInBrowser, expectNoProblems, poll, seriousViolations, useBrowserSuite } from './harness.ts';

const tomorrow = () => new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const lineOf = (text: string, pattern: RegExp) => text.split('\n').findIndex((l) => pattern.test(l)) + 1;

describeInBrowser('the journeys in Chromium', () => {
  const suite = useBrowserSuite();

  it('a quality manager fixes a typo at its line, runs the tests, saves, approves, and the version decides from its date', async () => {
    const opened = await suite.open();
    const { page } = opened;
    const base = `${suite.server.url}/standards/approval.work-order`;
    // The versions the bundled standard has today: the draft is the next minor version after
    // the latest, and it is compared with the one in force (they differ while an approved
    // version waits for its date).
    const listing = (await (await fetch(`${suite.server.url}/v1/standards/approval.work-order`)).json()) as {
      current: string;
      versions: { version: string }[];
    };
    const inForce = listing.current;
    const draft = nextVersion(listing.versions.map((v) => v.version));
    await page.goto(`${base}/edit`);
    await page.locator('.cm-content').waitFor();
    const text = await page.locator('#source').inputValue();
    expect(text).toMatch(new RegExp(`^version: ${draft.replaceAll('.', '\\.')}$`, 'm'));

    // The new threshold, the tests that follow it, and the change note.
    await replaceLine(
      page,
      lineOf(text, /^change:/),
      'change: "the general manager approves above 30000 CNY (3000000 fen)"',
    );
    await replaceLine(
      page,
      lineOf(text, /estimateTotalFen: \{ greaterThan: 2000000 \} \}/),
      '    when: { estimateTotalFen: { greaterThan: 3000000 } }',
    );
    await replaceLine(
      page,
      lineOf(text, /estimateTotalFen: 2500000, payType: customer \}/),
      '    facts: { estimateTotalFen: 3500000, payType: customer }',
    );
    await replaceLine(
      page,
      lineOf(text, /estimateTotalFen: 2000001, payType: customer \}/),
      '    facts: { estimateTotalFen: 3000001, payType: customer }',
    );
    await poll(() => page.locator('#diagnostics-status').textContent()).toBe('没有错误。');

    // A typo: the diagnostic appears at its line, beside the editor and in it.
    const hit = lineOf(text, /^hit: first$/);
    await replaceLine(page, hit, 'hit: firts');
    const shown = page.locator(`#diagnostics li[data-line="${hit}"]`);
    await shown.waitFor();
    expect(await shown.textContent()).toContain(`第 ${hit} 行`);
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await replaceLine(page, hit, 'hit: first');
    await poll(() => page.locator('#diagnostics-status').textContent()).toBe('没有错误。');
    expect(await page.locator('#diagnostics li.error').count()).toBe(0);

    // Completion offers the document's facts and the operators.
    await toLine(page, hit);
    await page.keyboard.press('Enter');
    await page.keyboard.type('# estimateT');
    await page.keyboard.press('Control+Space');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('estimateTotalFen')]));
    await page.keyboard.press('Escape');
    await page.keyboard.type(' greaterThanI');
    await page.keyboard.press('Control+Space');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('greaterThanInclusive')]));
    await page.keyboard.press('Escape');
    await replaceLine(page, hit + 1, '');
    await page.keyboard.press('Backspace');
    await poll(() => page.locator('#diagnostics-status').textContent()).toBe('没有错误。');
    expect(await page.locator('#diagnostics li.error').count()).toBe(0);

    await page.click('#run-tests');
    await poll(() => page.locator('#results').textContent()).toMatch(/(\d+)\/\1 个测试通过/);
    expect(await page.locator('#results').textContent()).toContain(`与现行版本 ${inForce} 比较`);
    expect(await page.locator('#results').textContent()).toContain('2000000 → 3000000');

    await page.click('#save');
    await poll(() => page.locator('#results').textContent()).toContain(`已保存草稿 ${draft}`);
    expect(await seriousViolations(page)).toEqual([]);

    const effective = tomorrow();
    await page.fill('#approver', '王强');
    await page.fill('#effective', effective);
    await page.click('#approve button[type="submit"]');
    await expect
      .poll(() => page.locator('#approve-result').textContent())
      .toContain(`${draft} 已批准,${effective} 起生效`);

    // In force from its date, not before: the document page says so, and evaluations agree.
    await page.goto(`${base}?at=${effective}`);
    expect(await page.locator('.meta').textContent()).toContain(`版本 ${draft}`);
    expect(await page.locator('table.decision').textContent()).toContain('is greater than 3000000');
    await page.goto(base);
    expect(await page.locator('.meta').textContent()).toContain(`版本 ${inForce}`);
    const approverAt = async (at: string) => {
      const res = await fetch(`${suite.server.url}/v1/standards/approval.work-order/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ facts: { estimateTotalFen: 2500000, payType: 'customer' }, at }),
      });
      const body = (await res.json()) as {
        standard: { version: string };
        result: { outputs: { approver: string } };
      };
      return `${body.standard.version} ${body.result.outputs.approver}`;
    };
    expect(await approverAt(today())).toBe(`${inForce} general-manager`);
    expect(await approverAt(effective)).toBe(`${draft} service-manager`);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('a technician on a tablet fails a critical safety item, sees why, corrects it and submits', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/safety.site/fill?wo=WO-2026-0042`);
    const item = (key: string) => page.locator(`[data-item="${key}"]`);
    const status = page.locator('#status');
    await poll(() => status.textContent()).toContain('未完成');
    // The job makes the HV items and the lift items N/A.
    await expect
      .poll(() => item('high-voltage.hv-lockout').locator('[data-status]').textContent())
      .toBe('不适用');
    expect(await item('site.stands').locator('input').first().isDisabled()).toBe(true);

    const pass = (key: string) => item(key).locator('label', { hasText: '合格' }).first().click();
    for (const key of ['site.surroundings', 'site.tools', 'site.warning-sign', 'site.wheel-chocks'])
      await pass(key);
    for (const key of [
      'site.fire-extinguisher',
      'site.waste-oil',
      'ppe.gloves',
      'sign-off.qualified-checker',
    ]) {
      await pass(key);
    }
    await page.fill('#answered-by', 'S-01');
    await item('site.extinguisher-inspected').locator('input[data-answer]').fill(today());
    await item('sign-off.qualified-checker').locator('[data-evidence]').fill('签字 S-01');
    // The goggles were not worn: a critical item fails.
    const fail = item('ppe.goggles').locator('label', { hasText: '不合格' });
    // A tap target a gloved hand can hit, once the item's layout has settled: one loaded CI run
    // read 17 px here, where every run alone reads 48 (the cause was not found).
    await poll(async () => (await fail.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await fail.click();
    await poll(() => status.textContent()).toContain('不通过');
    const why = page.locator('#why');
    await poll(() => why.textContent()).toContain('护目镜');
    expect(await why.textContent()).toContain('不符合要求 · 关键');
    expect(await seriousViolations(page)).toEqual([]);

    await item('ppe.goggles').locator('label', { hasText: '合格' }).first().click();
    await poll(() => status.textContent()).toContain('通过 · 得分 100');
    expect(await page.locator('#why-block').isHidden()).toBe(true);
    await page.click('#submit');
    await expect
      .poll(() => page.locator('#submitted').textContent())
      .toMatch(/^已提交工单 WO-2026-0042:通过,得分 100\(版本 \d+\.\d+\.\d+\)$/);
    expectNoProblems(opened);
    await opened.context.close();
  });

  it('a measured value below its limit fails its item, with the unit shown, and passes once it meets it', async () => {
    const opened = await suite.open({ width: 768, height: 1024 });
    const { page } = opened;
    await page.goto(`${suite.server.url}/standards/quality.control/fill?wo=WO-2026-0043`);
    // Tyre work: the tyres left on the vehicle are held to GB 7258's 1.6 mm (a critical item).
    const tread = page.locator('[data-item="self-check.tyre-work-tread"]');
    await poll(() => tread.locator('[data-status]').textContent()).toBe('不适用');
    await page.locator('[data-fact="tyreWork"]').check();
    await poll(() => tread.locator('[data-status]').textContent()).toBe('未回答');
    expect(await tread.textContent()).toContain('测量值 (mm)');
    await tread.locator('input[data-answer]').fill('1.2');
    await poll(() => tread.locator('[data-status]').textContent()).toBe('不通过');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('#why').textContent()).toContain('轮胎作业后在用轮胎花纹深度不小于 1.6 mm');
    await tread.locator('input[data-answer]').fill('2.0');
    await poll(() => tread.locator('[data-status]').textContent()).toBe('通过');
    // Not tyre work: the item is N/A and asks for nothing.
    await page.locator('[data-fact="tyreWork"]').uncheck();
    await poll(() => tread.locator('[data-status]').textContent()).toBe('不适用');
    await poll(() => tread.locator('input[data-answer]').isVisible()).toBe(false);
    expectNoProblems(opened);
    await opened.context.close();
  });
});
