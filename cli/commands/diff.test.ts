import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'norma-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('norma diff', () => {
  it('prints every change by class and the share of changed outcomes', async () => {
    const io = captureIo();
    const code = await main(
      ['diff', 'approval.work-order', '1.0.0', '1.1.0', '--seed', '4', '--runs', '200'],
      io,
    );
    expect(code).toBe(0);
    const text = io.stdout.join('');
    expect(text.split('\n')).toContain(
      '  rules[manager-over-5000].when.estimateTotal.greaterThan: 5000 → 8000',
    );
    expect(text).toContain('9 changes: 2 outcome, 0 input, 7 wording');
    expect(text).toMatch(/the outcome changes for \d+\.\d %/);
    expect(text).toMatch(/ {2}approver: service-manager → service-advisor: \d+\.\d % \(\d+ of 200\)/);
    expect(text).toContain('smallest example: {"facts":');
  });

  it('gives the same JSON for the same seed', async () => {
    const run = async () => {
      const io = captureIo();
      await main(
        ['diff', 'approval.work-order', '1.0.0', '1.1.0', '--format', 'json', '--seed', '8', '--runs', '100'],
        io,
      );
      return JSON.parse(io.stdout.join('')) as { behaviour: { seed: number } };
    };
    const a = await run();
    expect(a.behaviour.seed).toBe(8);
    expect(await run()).toEqual(a);
  });

  it('compares real work orders from a JSON Lines file', async () => {
    const file = join(tmp, 'work-orders.jsonl');
    writeFileSync(
      file,
      [
        '{"estimateTotal": 6000, "payType": "customer"}',
        '',
        '{"facts": {"estimateTotal": 100, "payType": "warranty"}}',
      ].join('\n'),
    );
    const io = captureIo();
    const code = await main(
      ['diff', 'approval.work-order', '1.0.0', '1.1.0', '--inputs', file, '--runs', '50', '--seed', '1'],
      io,
    );
    expect(code).toBe(0);
    const text = io.stdout.join('');
    expect(text).toContain('behaviour on 2 real inputs (work-orders.jsonl): the outcome changes for 50.0 %');
    expect(text).toContain('first, line 1: {"facts":{"estimateTotal":6000,"payType":"customer"}}');
  });

  it('rejects a JSON Lines file with a broken line', async () => {
    const file = join(tmp, 'broken.jsonl');
    writeFileSync(file, '{"estimateTotal": 1}\nnot json\n');
    const io = captureIo();
    expect(await main(['diff', 'approval.work-order', '1.0.0', '1.1.0', '--inputs', file], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error.code).toBe('input_malformed');
  });

  it('renders Markdown and HTML', async () => {
    const md = captureIo();
    await main(['diff', 'approval.work-order', '1.0.0', '1.1.0', '--format', 'md', '--no-behaviour'], md);
    expect(md.stdout.join('')).toContain('## changes outcomes (2)');
    const html = captureIo();
    await main(['diff', 'approval.work-order', '1.0.0', '1.1.0', '--format', 'html', '--no-behaviour'], html);
    expect(html.stdout.join('')).toContain('<h2>改变结果的变更 (2)</h2>');
  });

  it('fails with version_unknown for a version that does not exist, and 2 on usage mistakes', async () => {
    const io = captureIo();
    expect(await main(['diff', 'approval.work-order', '1.0.0', '9.9.9'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error.code).toBe('version_unknown');
    expect(await main(['diff', 'approval.work-order', '1.0.0'], captureIo())).toBe(2);
    expect(
      await main(['diff', 'approval.work-order', '1.0.0', '1.1.0', '--format', 'pdf'], captureIo()),
    ).toBe(2);
  });
});
