/**
 * Documents are UTF-8: a file in another encoding (GBK, Latin-1) is refused with `text_not_utf8`
 * at its first bad byte, wherever it is read (a standards directory, `norma validate` on a file),
 * and never read as text with U+FFFD in place of what was written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { captureIo } from '../../cli/testing.ts';
import { bundledStandardsDir, loadStandards } from '../../engine/index.ts';

const ID = 'approval.work-order';
const FILE = `rules/${ID}/1.1.0.yaml`;
const dir = mkdtempSync(join(tmpdir(), 'norma-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(bundledStandardsDir, 'rules', ID), join(dir, 'rules', ID), { recursive: true });

/** The file's text with its title in GBK bytes: valid in GBK, not in UTF-8. */
function inGbk(): Buffer {
  const text = readFileSync(join(bundledStandardsDir, FILE), 'utf8');
  const [before, after] = text.split(/^title: .*$/m) as [string, string];
  // 维修 in GBK.
  return Buffer.concat([
    Buffer.from(`${before}title: `),
    Buffer.from([0xce, 0xac, 0xd0, 0xde]),
    Buffer.from(after),
  ]);
}

describe('a document that is not UTF-8', () => {
  it('is refused in a standards directory, and the last good version keeps serving', () => {
    const good = loadStandards(dir, undefined, { lock: false });
    expect(good.files.get(FILE)?.document).toBeDefined();
    writeFileSync(join(dir, FILE), inGbk());
    const next = loadStandards(dir, good);
    const state = next.files.get(FILE);
    expect(state?.diagnostics.map((d) => d.code)).toEqual(['text_not_utf8']);
    expect(state?.diagnostics[0]?.line).toBeGreaterThan(1);
    expect(state?.lastGood?.title).toBe(good.files.get(FILE)?.document?.title);
  });

  it('is refused by `norma validate` on the file', async () => {
    const file = join(dir, 'alone.yaml');
    writeFileSync(file, inGbk());
    const io = captureIo({ cwd: dir });
    const code = await main(['validate', file], io);
    expect(code).toBe(1);
    expect(io.stdout.join('\n')).toContain('text_not_utf8');
  });
});
