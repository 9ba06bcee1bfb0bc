import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledStandardsDir } from '../../engine/index.ts';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'norma-lockcli-'));
  // The sample is its two versions 1.0.0 and 1.1.0: later fixes of the bundled standard stay out.
  cpSync(join(bundledStandardsDir, 'rules/approval.work-order'), join(dir, 'rules/approval.work-order'), {
    recursive: true,
    filter: (src) => !src.endsWith('.yaml') || /\/1\.[01]\.0\.yaml$/.test(src),
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('norma lock', () => {
  it('records newly approved versions, then has nothing to add', async () => {
    const io = captureIo();
    expect(await main(['lock', '--dir', dir], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^locked approval\.work-order 1\.0\.0 sha256:/);
    const again = captureIo();
    expect(await main(['lock', '--dir', dir], again)).toBe(0);
    expect(again.stdout).toEqual(['norma.lock is up to date']);
    expect(await main(['lock', '--check', '--dir', dir], captureIo())).toBe(0);
  });

  it('makes norma validate fail once an approved file is edited, and refuses to relock it', async () => {
    await main(['lock', '--dir', dir], captureIo());
    const file = join(dir, 'rules/approval.work-order/1.1.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('greaterThan: 8000', 'greaterThan: 7000'));
    const validate = captureIo();
    expect(await main(['validate', '--dir', dir], validate)).toBe(1);
    expect(validate.stdout.join('\n')).toContain('lock_digest_mismatch');
    expect(validate.stdout.join('\n')).toContain('approved versions are immutable: publish 1.1.1 instead');
    const lock = captureIo();
    expect(await main(['lock', '--dir', dir], lock)).toBe(1);
    expect(JSON.parse(lock.stdout.join('')).error.code).toBe('lock_entry_immutable');
  });

  it('with --check, exits 1 when versions wait to be locked', async () => {
    const io = captureIo();
    expect(await main(['lock', '--check', '--dir', dir], io)).toBe(1);
    expect(io.stdout[0]).toMatch(/^would lock approval\.work-order 1\.0\.0/);
  });
});

describe('the lock on the command line', () => {
  const FACTS = JSON.stringify({ estimateTotal: 6000, payType: 'customer' });

  it('fails validate, eval and history on a directory without a lock, naming the reason', async () => {
    const validate = captureIo();
    expect(await main(['validate', '--dir', dir], validate)).toBe(1);
    expect(validate.stdout.join('\n')).toMatch(/lock_missing[\s\S]*lock_standard_withheld/);
    writeFileSync(join(dir, 'facts.json'), FACTS);
    const evaluate = captureIo({ cwd: dir });
    expect(await main(['eval', 'approval.work-order', '--facts', 'facts.json', '--dir', dir], evaluate)).toBe(
      1,
    );
    expect(JSON.parse(evaluate.stdout.join('')).error.code).toBe('lock_standard_withheld');
    const history = captureIo();
    expect(await main(['history', 'approval.work-order', '--dir', dir, '--format', 'json'], history)).toBe(0);
    const versions = JSON.parse(history.stdout.join('')).versions;
    expect(versions.map((v: { withheld?: { code: string } }) => v.withheld?.code)).toEqual([
      'lock_standard_withheld',
      'lock_standard_withheld',
    ]);
  });

  it('turns the lock off with --no-lock or NORMA_LOCK=off, and warns', async () => {
    const flag = captureIo();
    expect(await main(['validate', '--dir', dir, '--no-lock'], flag)).toBe(0);
    expect(flag.stdout.join('\n')).toContain('warning lock_off');
    const env = captureIo({ env: { NORMA_LOCK: 'off' } });
    expect(await main(['validate', '--dir', dir], env)).toBe(0);
    expect(await main(['validate', '--dir', dir], captureIo({ env: { NORMA_LOCK: 'maybe' } }))).toBe(2);
  });

  it('warns that one file outside a standards directory cannot be checked against a lock', async () => {
    const file = join(dir, '1.1.0.yaml');
    cpSync(join(dir, 'rules/approval.work-order/1.1.0.yaml'), file);
    const io = captureIo();
    expect(await main(['validate', file], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('warning lock_unchecked');
  });

  it('checks one file inside a standards directory against its lock', async () => {
    const io = captureIo();
    expect(await main(['validate', join(dir, 'rules/approval.work-order/1.1.0.yaml')], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain('lock_standard_withheld');
  });
});
