import { describe, expect, it } from 'vitest';
import { loadYaml, yamlLimits } from './yaml.ts';

const codes = (text: string) => loadYaml(text, 'f.yaml').diagnostics.map((d) => d.code);

describe('loadYaml', () => {
  it('keeps the position of every value and key', () => {
    const r = loadYaml('a: 1\nb:\n  c: [1, 2]\n', 'f.yaml');
    expect(r.data).toEqual({ a: 1, b: { c: [1, 2] } });
    expect(r.map.value.get('/b/c/1')).toEqual({ line: 3, col: 10 });
    expect(r.map.key.get('/b/c')).toEqual({ line: 3, col: 3 });
  });

  it('reports syntax errors and duplicate keys with their line', () => {
    expect(codes('a: [1, 2\nb: 3')).toEqual(['yaml_syntax']);
    const dup = loadYaml('a: 1\na: 2\n', 'f.yaml').diagnostics[0];
    expect(dup).toMatchObject({ code: 'yaml_duplicate_key', line: 2, col: 1 });
  });

  it('reports empty files, several documents and non-scalar keys', () => {
    expect(codes('')).toEqual(['yaml_empty']);
    expect(codes('# only a comment\n')).toEqual(['yaml_empty']);
    expect(codes('a: 1\n---\nb: 2\n')).toEqual(['yaml_multiple_documents']);
    expect(codes('? [a, b]\n: 1\n')).toEqual(['yaml_key_not_scalar']);
  });

  it('stops alias bombs, deep nesting and huge files quickly', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
    ]) {
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(codes(rows.join('\n'))).toEqual(['yaml_alias_limit']);
    expect(codes(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toEqual(['yaml_too_deep']);
    expect(codes(`x: ${'y'.repeat(yamlLimits.maxBytes + 1)}`)).toEqual(['yaml_too_large']);
  });

  it('keeps __proto__ and constructor as plain keys, never polluting prototypes', () => {
    const r = loadYaml('__proto__: { polluted: true }\nconstructor: 1\n', 'f.yaml');
    const data = r.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
