/**
 * The codes are a closed list (engine/codes.ts), and docs/errors.md documents exactly that list:
 * a code produced but not documented, documented but not in the list, or listed but produced
 * nowhere fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeSummary, DIAGNOSTIC_CODES, SCHEMA_KEYWORD_CODES } from '../engine/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const errorsMd = readFileSync(join(root, 'docs/errors.md'), 'utf8');

/** Codes in the first column of the tables of docs/errors.md. */
const tabled = new Set([...errorsMd.matchAll(/^\| `([a-z][a-z_0-9]*)`/gm)].map((m) => m[1] as string));
/** Everything in backticks anywhere in docs/errors.md. */
const mentioned = new Set([...errorsMd.matchAll(/`([a-zA-Z][a-zA-Z_0-9]*)`/g)].map((m) => m[1] as string));

/** The source of engine/, server/, cli/ and records/, without tests and without the list itself. */
function sources(): string {
  let out = '';
  for (const dir of ['engine', 'server', 'cli', 'records']) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'codes.ts') continue;
      out += readFileSync(join(root, dir, file), 'utf8');
    }
  }
  return out;
}

describe('diagnostic codes', () => {
  const all: readonly string[] = [...DIAGNOSTIC_CODES, ...SCHEMA_KEYWORD_CODES];

  it('are all documented in docs/errors.md', () => {
    expect(all.filter((code) => !mentioned.has(code))).toEqual([]);
  });

  it('are all that docs/errors.md lists', () => {
    expect([...tabled].filter((code) => !all.includes(code))).toEqual([]);
  });

  it('each have a one-line summary in Chinese and in English in the catalogue', () => {
    const missing = all.filter(
      (code) => codeSummary(code, 'zh') === code || codeSummary(code, 'en') === code,
    );
    expect(missing).toEqual([]);
    const notChinese = all.filter((code) => !/[\u4e00-\u9fff]/.test(codeSummary(code, 'zh')));
    expect(notChinese).toEqual([]);
  });

  it('are each produced somewhere in the code', () => {
    const text = sources();
    expect(DIAGNOSTIC_CODES.filter((code) => !text.includes(`'${code}'`))).toEqual([]);
  });
});
