import { describe, expect, it } from 'vitest';
import { prescanYaml } from './prescan.ts';
import { loadYaml, yamlLimits } from './yaml.ts';

/** Documents whose deepest value sits inside `n` collections, nested in different ways. */
const nestings: Record<string, (n: number) => string> = {
  'block mappings': (n) =>
    `${Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`,
  'block sequences': (n) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n')} x\n`,
  'compact sequences': (n) => `${'- '.repeat(n)}x\n`,
  'flow sequences': (n) => `a: ${'['.repeat(n - 1)}x${']'.repeat(n - 1)}\n`,
  'flow mappings': (n) => `a: ${'{b: '.repeat(n - 1)}x${'}'.repeat(n - 1)}\n`,
  'lists of mappings': (n) => {
    let text = '';
    for (let i = 0; i < n / 2; i++) text += `${' '.repeat(i * 4)}- k:\n`;
    return n % 2 === 0 ? `${text.slice(0, -1)} x\n` : `${text}${' '.repeat((n / 2) * 4 + 2)}- x\n`;
  },
  'block around flow': (n) => {
    const block = Math.floor(n / 2);
    const lines = Array.from({ length: block }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
    return `${lines} ${'['.repeat(n - block)}x${']'.repeat(n - block)}\n`;
  },
};

const deepest = (text: string) => {
  const loaded = loadYaml(text, 'f.yaml', { plain: false });
  return loaded.diagnostics.map((d) => d.code);
};

describe('the YAML pre-scan', () => {
  it.each(Object.entries(nestings))('never refuses %s at the depth limit', (_name, nest) => {
    const text = nest(yamlLimits.maxDepth);
    expect(prescanYaml(text, yamlLimits).exceeded).toBeUndefined();
    expect(deepest(text)).toEqual([]);
    // One level more is refused by the full reading, not necessarily by the pre-scan.
    expect(deepest(nest(yamlLimits.maxDepth + 1))).toEqual(['yaml_too_deep']);
  });

  it.each(Object.entries(nestings))('refuses %s nested far deeper without parsing', (_name, nest) => {
    const scan = prescanYaml(nest(3 * yamlLimits.maxDepth), yamlLimits);
    expect(scan.exceeded?.limit).toBe('depth');
  });

  it('counts values, never keys: a mapping of many keys with empty values passes', () => {
    const limits = { maxDepth: yamlLimits.maxDepth, maxNodes: 1000 };
    const n = limits.maxNodes + 10;
    const flowKeys = `a: {${Array.from({ length: n }, (_, i) => `k${i}`).join(', ')}}\n`;
    expect(prescanYaml(flowKeys, limits).exceeded).toBeUndefined();
    expect(prescanYaml(`a: [${'0,'.repeat(n)}0]\n`, limits).exceeded?.limit).toBe('values');
    expect(prescanYaml(`a: [${'{b: 0},'.repeat(n)}0]\n`, limits).exceeded?.limit).toBe('values');
    const pairs = (count: number) => Array.from({ length: count }, (_, i) => `k${i}: ${i}`).join('\n');
    expect(prescanYaml(pairs(n), limits).exceeded?.limit).toBe('values');
    // Just under the limit passes.
    expect(prescanYaml(pairs(limits.maxNodes - 1), limits).exceeded).toBeUndefined();
    const items = Array.from({ length: n }, (_, i) => `- ${i}`).join('\n');
    expect(prescanYaml(items, limits).exceeded?.limit).toBe('values');
  });

  it('finds every tag, and nothing that only looks like one', () => {
    const text = 'a: !!str 1\nb: "!x"\nc: x!y\nd: &n !foo [!!int 2]\n# !z\n';
    expect(prescanYaml(text, yamlLimits).tags).toEqual([3, 32, 38]);
  });

  it('reads brackets in quotes, comments and block scalars as text', () => {
    const text = `a: "${'['.repeat(500)}"\nb: |\n  ${'{'.repeat(500)}\n# ${'['.repeat(500)}\nc: x${'['.repeat(500)}\n`;
    expect(prescanYaml(text, yamlLimits).exceeded).toBeUndefined();
  });
});

describe('the pre-scan against floods the parser would read whole', () => {
  it.each([
    ['documents', 'a: 1\n---\nb: 2\n---\nc: 3\n', 5],
    ['documents after a first `---`', '---\na: 1\n---\nb: 2\n---\n', 9],
    ['documents after `...`', 'a: 1\n...\nb: 2\n...\nc: 3\n', 9],
    ['empty documents', '---\n---\n---\n', 4],
  ])('stops at a third of %s, pointing at the second', (_name, text, offset) => {
    expect(prescanYaml(text, yamlLimits).exceeded).toEqual({ limit: 'documents', offset });
    expect(loadYaml(text, 'f.yaml', { plain: false }).diagnostics.map((d) => d.code)).toEqual([
      'yaml_multiple_documents',
    ]);
  });

  it('leaves two documents to the parser, which reports them at the same place', () => {
    for (const text of ['a: 1\n---\nb: 2\n', '---\na: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n']) {
      expect(prescanYaml(text, yamlLimits).exceeded).toBeUndefined();
    }
  });

  it('stops at a run of anchors and tags no value can have', () => {
    expect(prescanYaml(`a: ${'&x '.repeat(20)}1\n`, yamlLimits).exceeded?.limit).toBe('properties');
    expect(prescanYaml('a: &x !!str\n  &y !!str b: 1\n', yamlLimits).exceeded).toBeUndefined();
  });

  it('counts empty block entries and explicit keys as values, and keys against twice the limit', () => {
    const limits = { maxDepth: yamlLimits.maxDepth, maxNodes: 1000 };
    expect(prescanYaml('-\n'.repeat(1001), limits).exceeded?.limit).toBe('values');
    expect(prescanYaml('a:\n'.repeat(1001), limits).exceeded?.limit).toBe('values');
    expect(prescanYaml('? a\n: b\n'.repeat(1001), limits).exceeded?.limit).toBe('values');
    expect(prescanYaml('? a\n: b\n'.repeat(999), limits).exceeded).toBeUndefined();
    const keys = (n: number) => `a: {${Array.from({ length: n }, (_, i) => `k${i}`).join(', ')}}\n`;
    expect(prescanYaml(keys(1990), limits).exceeded).toBeUndefined();
    expect(prescanYaml(keys(2001), limits).exceeded?.limit).toBe('values');
  });
});

describe('the pre-scan of a text without content', () => {
  it.each([
    ['comments', '# a\n# b\n', true],
    ['a document marker', '---\n# a\n', true],
    ['a directive and a marker', '%YAML 1.2\n---\n', true],
    ['two empty documents', '---\n---\n', false],
    ['a value', '# a\nx\n', false],
    ['an empty flow mapping', '{}\n', false],
  ])('%s', (_name, text, empty) => {
    expect(prescanYaml(text, yamlLimits).empty).toBe(empty);
    const codes = loadYaml(text, 'f.yaml', { plain: false }).diagnostics.map((d) => d.code);
    if (empty) expect(codes).toEqual(['yaml_empty']);
    else expect(codes).not.toContain('yaml_empty');
  });
});
