/**
 * The browser test harness: Debian's Chromium driven by playwright-core (never a downloaded
 * browser) against a real norma server on a loopback port, one browser per test file.
 *
 * Without Chromium the suites say plainly that they did not run; with `CI` set they fail.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { buildWeb } from '../../scripts/build-web.mjs';
import { memoryLogger } from '../../server/log.ts';
import { defaults, type ServerOptions } from '../../server/options.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';

/** Where Chromium is: Debian's package, or `NORMA_CHROMIUM`. */
export const chromiumPath = process.env.NORMA_CHROMIUM ?? '/usr/bin/chromium';

/** The flags of every run: no sandbox (containers), no GPU, nothing fetched from the network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * `describe` for a browser suite. Without Chromium it prints that the suite did not run (and
 * why), or fails under CI, where a missing browser is a broken machine rather than a choice.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  const verdict = browserVerdict(existsSync(chromiumPath), process.env.CI);
  if (verdict === 'run') {
    describe(name, suite);
    return;
  }
  const why = `no Chromium at ${chromiumPath} (install Debian's \`chromium\`, or set NORMA_CHROMIUM)`;
  if (verdict === 'fail') {
    describe(name, () => {
      it('needs Chromium in CI', () => {
        throw new Error(`the browser suite "${name}" cannot run: ${why}`);
      });
    });
    return;
  }
  console.warn(`\n*** the browser suite "${name}" did NOT run: ${why} ***\n`);
  describe.skip(name, suite);
}

/** Whether a browser suite runs, fails (no Chromium under CI) or is reported as not run. */
export function browserVerdict(chromiumFound: boolean, ci: string | undefined): 'run' | 'fail' | 'not run' {
  if (chromiumFound) return 'run';
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0' ? 'fail' : 'not run';
}

/** A copy of the bundled standard (documents and lock) that a suite may write to. */
export function copyStandard(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'norma-browser-'));
  for (const part of ['rules', 'checklists', 'norma.lock']) {
    cpSync(join(bundledStandardsDir, part), join(dir, part), { recursive: true });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
  dir: string;
  /** A fresh context (its own cookies) and page; problems the page reports are collected. */
  open(options?: { width?: number; height?: number; locale?: string }): Promise<Opened>;
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations the page reported: a journey ends with none. */
  problems: string[];
}

/**
 * Starts a server over a copy of the bundled standard (authoring on, the lock on) and one
 * Chromium for the file; both stop after the file's tests. The client modules are built
 * first, so the suite tests the code as it is, not a stale bundle.
 */
export function useBrowserSuite(
  overrides: Partial<ServerOptions> = {},
  /** Runs before the server starts, with the records store's folder (to put records there first). */
  seed?: (dataDir: string) => Promise<void>,
): BrowserSuite {
  const suite = {} as BrowserSuite;
  let copy: ReturnType<typeof copyStandard> | undefined;
  beforeAll(async () => {
    await buildWeb({ quiet: true });
    copy = copyStandard();
    suite.dir = copy.dir;
    await seed?.(join(copy.dir, 'data'));
    const options: ServerOptions = {
      dir: copy.dir,
      ...defaults,
      tokens: [],
      grants: [],
      lock: true,
      authoring: true,
      // Submissions are recorded, as on a real server, in a store beside the copy.
      records: { enabled: true, dataDir: join(copy.dir, 'data') },
      ...overrides,
    };
    suite.server = await startServer({
      options,
      logger: memoryLogger(),
      port: 0,
      hostname: '127.0.0.1',
      watch: false,
    });
    // Playwright gives every launch a fresh, temporary user-data-dir of its own.
    suite.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    suite.open = async ({ width = 1280, height = 900, locale = 'zh-CN' } = {}) => {
      const context = await suite.browser.newContext({ viewport: { width, height }, locale });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        // The API's answers to a person's mistakes (422, 409) are shown on the page; Chromium logs
        // them as failed loads, which they are not.
        if (m.type() === 'error' && !/status of (409|422) /.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      return { context, page, problems };
    };
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    copy?.remove();
  });
  return suite;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, as `rule: target` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const results = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe;
    return axe.run({ resultTypes: ['violations'] });
  })) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/**
 * `expect.poll` with room for a loaded machine: what a page shows after a request (a diagnostic,
 * a status) may take more than vitest's default second when other suites share the CPU.
 */
export function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

/** Fails with the page's reported problems, if any. */
export function expectNoProblems(opened: Opened): void {
  expect(opened.problems).toEqual([]);
}
