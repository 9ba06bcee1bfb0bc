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
    expect(html).toContain('<h2>决策表</h2>');
    expect(html).toContain('版本 1.1.0');
    // A file that prints Chinese anywhere: the font subsets it uses are embedded.
    expect(html).toContain('src:url(data:font/woff2;base64,');
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
    expect(html).toContain('<h2>决定</h2>');
    expect(html).toContain('general-manager');
    expect(html).toContain('版本 1.0.0');
  });

  it('prints the 结算清单 with the heading file, in English when asked', async () => {
    writeFileSync(
      join(tmp, 'fees.json'),
      JSON.stringify({
        labour: [{ opCode: 'M-OIL', hours: 0.5 }],
        parts: [{ partNo: 'OIL', qty: 4, unitCost: 55 }],
      }),
    );
    writeFileSync(
      join(tmp, 'h.json'),
      JSON.stringify({ workOrder: 'WO-77', plate: '沪A·12345', mileage: 23150 }),
    );
    const io = captureIo({ cwd: tmp });
    const args = [
      'render',
      'fees.work-order',
      '--version',
      '1.3.0',
      '--facts',
      'fees.json',
      '--heading',
      'h.json',
    ];
    expect(await main([...args, '--lang', 'en', '--fonts', 'none', '--at', '2026-12-05'], io)).toBe(0);
    const html = io.stdout.join('');
    expect(html).toContain('<h1>Vehicle repair settlement statement</h1>');
    expect(html).toContain('WO-77');
    expect(html).toContain('23150 km');
    expect(html).not.toContain('@font-face');
    const internal = captureIo({ cwd: tmp });
    expect(await main([...args, '--statement', 'internal', '--at', '2026-12-05'], internal)).toBe(0);
    expect(internal.stdout.join('')).toContain('55 + 30 %');
  });

  it('fails with heading_invalid when the heading file does not fit', async () => {
    writeFileSync(join(tmp, 'bad-h.json'), JSON.stringify({ plate: 12, colour: 'red' }));
    const io = captureIo({ cwd: tmp });
    expect(await main(['render', 'approval.work-order', '--heading', 'bad-h.json'], io)).toBe(1);
    const error = JSON.parse(io.stdout.join('')).error;
    expect(error.code).toBe('heading_invalid');
    expect(error.details.map((d: { path: string }) => d.path)).toContain('/plate');
  });

  it('fails with facts_invalid when the facts do not fit', async () => {
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ estimateTotal: 'lots' }));
    const io = captureIo({ cwd: tmp });
    expect(await main(['render', 'approval.work-order', '--facts', 'bad.json'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error.code).toBe('facts_invalid');
  });
});
