import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'norma-render-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('norma render', () => {
  it('renders the document summary of the version in force', async () => {
    const io = captureIo({ cwd: tmp });
    expect(await main(['render', 'approval.work-order', '--at', '2026-03-01'], io)).toBe(0);
    const html = io.stdout.join('');
    expect(html).toContain('<h2>Decision table</h2>');
    expect(html).toContain('version 1.1.0');
  });

  it('renders the report of an evaluation to a file', async () => {
    writeFileSync(join(tmp, 'f.json'), JSON.stringify({ estimateTotal: 25000, payType: 'customer' }));
    const io = captureIo({ cwd: tmp });
    const code = await main(
      [
        'render',
        'approval.work-order',
        '--version',
        '1.0.0',
        '--facts',
        'f.json',
        '--at',
        '2026-03-01',
        '--out',
        'r.html',
      ],
      io,
    );
    expect(code).toBe(0);
    const html = readFileSync(join(tmp, 'r.html'), 'utf8');
    expect(html).toContain('<h2>Decision</h2>');
    expect(html).toContain('general-manager');
    expect(html).toContain('version 1.0.0');
  });

  it('fails with facts_invalid when the facts do not fit', async () => {
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ estimateTotal: 'lots' }));
    const io = captureIo({ cwd: tmp });
    expect(await main(['render', 'approval.work-order', '--facts', 'bad.json'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error.code).toBe('facts_invalid');
  });
});
