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

describe('loadYaml refuses what a document cannot mean', () => {
  it.each([
    ['`.inf`', 'a: .inf\n', 1, 4],
    ['`-.Inf` in a flow list', 'a: [1, -.Inf]\n', 1, 8],
    ['`.nan` in a flow mapping', 'a:\n  b: { c: .NaN }\n', 2, 11],
    ['`1e400`, which overflows', 'a:\n  - 1e400\n', 2, 5],
    ['an integer too long for a double', `a: ${'9'.repeat(400)}\n`, 1, 4],
    ['`!!float` on text that overflows', 'a: !!float 1e999\n', 1, 12],
  ])('a number that is not finite: %s', (_name, text, line, col) => {
    for (const plain of [true, false]) {
      const d = loadYaml(text, 'f.yaml', { plain }).diagnostics;
      expect(d).toMatchObject([{ code: 'number_not_finite', line, col }]);
      expect(d[0]?.message).not.toContain('Infinity');
    }
  });

  it('reads finite numbers of every form as before', () => {
    const r = loadYaml('a: [1e308, -1e308, 0x10, 0o7, 1.5e-400, -0]\n', 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.data).toEqual({ a: [1e308, -1e308, 16, 7, 0, -0] });
  });

  it.each([
    ['`!!binary`', 'a: !!binary aGVsbG8=\n', 1, 4],
    ['a local tag', 'a:\n  b: !foo x\n', 2, 6],
    ['a verbatim tag', 'a: !<tag:x> 1\n', 1, 4],
    ['the non-specific tag', 'a: ! x\n', 1, 4],
    ['`!!set`', 'a: !!set { x }\n', 1, 4],
    ['`!!timestamp`', 'a: !!timestamp 2020-01-01\n', 1, 4],
    ['a core tag on a value it does not fit', 'a: !!int x\n', 1, 4],
    ['a tag before an anchor', 'a: !!binary &b aGVsbG8=\n', 1, 4],
    ['a tag on a key', '!!binary aGVsbG8=: 1\n', 1, 1],
  ])('a tag other than the core ones: %s', (_name, text, line, col) => {
    expect(loadYaml(text, 'f.yaml').diagnostics).toMatchObject([{ code: 'yaml_tag_unsupported', line, col }]);
  });

  it('keeps the core tags on values they fit', () => {
    const r = loadYaml(
      'a: !!str 1\nb: !!int 2\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\nf: !!seq [1]\ng: !!map {}\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.data).toEqual({ a: '1', b: 2, c: 1.5, d: true, e: null, f: [1], g: {} });
  });

  it('refuses lone CR line ends at the first one, and reads CRLF', () => {
    expect(loadYaml('kind: ruleset\rid: x\r', 'f.yaml').diagnostics).toMatchObject([
      { code: 'yaml_cr_line_end', line: 1, col: 14 },
    ]);
    expect(codes('a: 1\nb: "x\ry"\n')).toEqual(['yaml_cr_line_end']);
    expect(loadYaml('a: 1\r\nb: 2\r\n').data).toEqual({ a: 1, b: 2 });
  });

  it('reports an alias that names no anchor, and every duplicate key', () => {
    expect(loadYaml('a: 1\nb: *nope\n', 'f.yaml').diagnostics).toMatchObject([
      { code: 'yaml_syntax', line: 2, col: 4 },
    ]);
    expect(
      loadYaml('a: 1\nb: &x 2\n"a": 3\nc: { d: 1, d: 2 }\n1: x\n"1": y\n', 'f.yaml').diagnostics,
    ).toMatchObject([
      { code: 'yaml_duplicate_key', line: 3, col: 1, message: 'key `a` appears twice in the same mapping' },
      { code: 'yaml_duplicate_key', line: 4, col: 12 },
      { code: 'yaml_duplicate_key', line: 6, col: 1, message: 'key `1` appears twice in the same mapping' },
    ]);
  });

  it('counts the values an alias expands to, and names aliases only when there are some', () => {
    const many = `a: [${Array(yamlLimits.maxNodes).fill('0').join(',')}]\n`;
    expect(codes(many)).toEqual(['yaml_too_many_values']);
    const anchor = `a: &x [${Array(1000).fill('0').join(',')}]\nb: [${Array(100).fill('*x').join(',')}]\n`;
    expect(codes(anchor)).toEqual(['yaml_alias_limit']);
  });
});
