import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

describe('norma history', () => {
  it('lists the versions and marks the one in force', async () => {
    const io = captureIo();
    expect(await main(['history', 'approval.work-order', '--at', '2026-03-01'], io)).toBe(0);
    const text = io.stdout.join('');
    expect(text).toContain('in force on 2026-03-01: 1.1.0');
    expect(text).toContain('change: Raised the service-manager threshold from 5000 to 8000 CNY');
  });

  it('prints JSON with --format json', async () => {
    const io = captureIo();
    await main(['history', 'approval.work-order', '--at', '2025-03-01', '--format', 'json'], io);
    const history = JSON.parse(io.stdout.join(''));
    expect(history.inForce).toBe('1.0.0');
    expect(history.versions.map((v: { version: string }) => v.version).slice(0, 4)).toEqual([
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '1.3.0',
    ]);
  });

  it('fails with standard_unknown for an unknown id', async () => {
    const io = captureIo();
    expect(await main(['history', 'nope'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error.code).toBe('standard_unknown');
  });
});
