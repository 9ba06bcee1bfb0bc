import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { bundledStandardsDir } from '../index.ts';
import { keepText, keptText, withSource } from './kept-text.ts';
import { loadYaml } from './yaml.ts';

describe('a document’s kept text', () => {
  it('reads back exactly as written, whatever the characters (lone surrogates and a BOM too)', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', ' ', '\n', '工', '单', 'é', '\ufeff', '\ud800', '\udc00', '😀', '\u0000'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        expect(keptText(keepText(text))).toBe(text);
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });

  it('is UTF-8 bytes for a mostly-ASCII text with Chinese in it, and the string otherwise', () => {
    expect(keepText('title: 工单\nid: a.b\n')).toBeInstanceOf(Uint8Array);
    // Latin-1 strings take one byte a character already; all-Chinese text takes more as UTF-8.
    expect(typeof keepText('title: café\n')).toBe('string');
    expect(typeof keepText('工单工单工单')).toBe('string');
    expect(typeof keepText('title: 工单 \ud800\n')).toBe('string');
  });

  it('is read by a `source` property that cannot be assigned', () => {
    const doc = withSource({ id: 'a' }, 'title: 工单\n');
    expect(doc.source).toBe('title: 工单\n');
    expect(Object.keys(doc)).toEqual(['id', 'source']);
    expect(() => {
      (doc as { source: string }).source = 'other';
    }).toThrow(TypeError);
  });

  it('leaves a compiled document its source and every position, without the text', () => {
    const file = 'rules/training.requirements/1.1.0.yaml';
    const text = readFileSync(join(bundledStandardsDir, file), 'utf8');
    const doc = compileDocument(text, file).document;
    expect(keepText(text)).toBeInstanceOf(Uint8Array);
    expect(doc?.source).toBe(text);
    const fresh = loadYaml(text, 'f.yaml');
    for (const which of ['value', 'key'] as const) {
      const keys = [...fresh.map[which].keys()];
      expect(keys.length).toBeGreaterThan(10);
      expect(keys.map((p) => doc?.map[which].get(p))).toEqual(keys.map((p) => fresh.map[which].get(p)));
    }
  });
});
