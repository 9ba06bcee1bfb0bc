import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A clone holds only the repository: its docs, code comments and tests must not point outside it.

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', '.git', 'results']);
const TEXT = /\.(md|ts|js|json|ya?ml|hbs)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return TEXT.test(e.name) && e.name !== 'package-lock.json' ? [path] : [];
  });
}

const files = filesUnder(root);
const self = fileURLToPath(import.meta.url);

describe('the repository stands alone', () => {
  it('refers to no file outside it (the design notes it was built from are not shipped)', () => {
    const outside = ['../', 'shared/'].join('');
    const offenders = files
      .filter((f) => f !== self)
      .filter((f) => {
        const text = readFileSync(f, 'utf8');
        return text.includes(outside) || text.includes('shared/design') || /(?<![\w/.([-])api\.md/.test(text);
      })
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('has a target for every relative link of the README and docs', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(join(dirname(file), target))) broken.push(`${relative(root, file)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
