import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeDocuments } from '../../bench/loading.ts';
import { readPlainYaml } from './fast.ts';
import { LineStarts, type Positions } from './positions.ts';
import { loadYaml, yamlLimits } from './yaml.ts';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** Every YAML text the project holds: bundled documents, case files and the documents inside them. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const folder of ['rules', 'checklists', 'tests/cases']) {
    for (const file of yamlFiles(join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      out.push({ name: file, text });
      if (folder === 'tests/cases') {
        const document = (parse(text) as { document?: unknown })?.document;
        if (typeof document === 'string') out.push({ name: `${file} (document)`, text: document });
      }
    }
  }
  return out;
}

/** Both readers' results, positions turned into line and column for every pointer. */
function compare(text: string): { fast: boolean } {
  const fast = loadYaml(text, 'f.yaml');
  const slow = loadYaml(text, 'f.yaml', { plain: false });
  expect(fast.diagnostics).toEqual(slow.diagnostics);
  expect(fast.data).toEqual(slow.data);
  expect(Object.is(fast.data, slow.data) || JSON.stringify(fast.data) === JSON.stringify(slow.data)).toBe(
    true,
  );
  // One comparison per map (not one per pointer): the corpus holds tens of thousands of pointers.
  const positions = (map: Positions) => [...map.keys()].sort().map((p) => [p, map.get(p)]);
  for (const which of ['value', 'key'] as const) {
    expect(positions(fast.map[which]), which).toEqual(positions(slow.map[which]));
  }
  return { fast: readPlainYaml(text, new LineStarts(text), yamlLimits) !== undefined };
}

describe('the fast YAML reader', () => {
  it('reads every bundled document and case exactly as the yaml library does', () => {
    const all = corpus();
    let read = 0;
    for (const { name, text } of all) {
      try {
        if (compare(text).fast) read++;
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
    expect(all.length).toBeGreaterThan(100);
    // Most real documents take the fast path; the rest (and every broken one) the library's.
    expect(read).toBeGreaterThan(all.length / 3);
  });

  it('reads the loading benchmark documents itself, exactly as the yaml library does', () => {
    const { dir } = writeDocuments(12);
    for (const file of yamlFiles(dir)) expect(compare(readFileSync(file, 'utf8')).fast).toBe(true);
  });

  it.each([
    [
      'scalars of every core type',
      'a: 1\nb: -2\nc: 0o17\nd: 0x1F\ne: 1.50\ni: 1e3\nj: ~\nk: Null\nl: TRUE\nm: false\nn: 1.0.0\no: 2024-01-01\np: +5\nq: 007\nr: .5\n',
    ],
    ['quoted scalars and keys', `"a b": 'it''s'\n'c': "d # e"\nf: 'g' # comment\n"1": x\n2: y\n`],
    [
      'comments and blank lines everywhere',
      '# head\n\na: 1 # one\n  # indented comment\nb:\n  # before\n  c: 2\n\n# tail\n',
    ],
    [
      'compact mappings in sequences',
      'rules:\n  - id: a\n    when:\n      x:\n        equal: 1\n  - id: b\n  -\n    id: c\n  - plain\n  - "quoted"\n',
    ],
    ['keys that name prototypes', '__proto__:\n  polluted: true\nconstructor: 1\n'],
    ['keys with pointer characters', 'a/b: 1\nc~d: 2\n'],
    ['text with colons and hashes inside', 'a: http://x.y/z#frag\nb: x:y\nc: 工单 (审批)\n'],
    [
      'flow collections',
      'a: [1, -2, x y, "q", \'r\']\nb: { enum: [a, b], default: a, c: {} }\nc: []\nd: {x: 1} # c\ne:\n  - [1, 2]\n  - {f: g}\n',
    ],
    ['folded scalars in lists', 'a:\n  - >\n    one\n    two\n  - b: >\n      three\n    c: 1\n'],
    ['flow scalars with colons and signs', 'a: { b: c:d, +1: x, e: -.5 }\n'],
    ['flow scalars with colons', 'a: [http://x, "a:b"]\nb: { url: http://y }\n'],
    ['folded scalars', 'a: >\n  one two\n  # not a comment\n  three\n\nb:\n  c: >\n    x\n  d: 1\n'],
    ['folded scalars without the final line break', 'a: >-\n  one\n  two\nb:\n  - >-\n    three\n'],
    ['escapes in double quotes', 'a: "x\\ny \\"q\\" \\\\ \\t \\/ \\_ \\0"\n'],
    [
      'escapes in double quotes inside flow collections',
      'a: { zh: "放置\\"警示牌\\"", b: ["x\\ty", "\\\\", \'\\q\'] }\n',
    ],
    [
      'double-quoted text over several lines',
      'a:\n  zh: "第一行，\\\n    第二行 \n    # 不是注释\n\n    third \\ \n    line"\n  en: "b" # c\nd: 1\n',
    ],
    ['double-quoted text that starts on the next line', 'a: "\n  x\n  "\n'],
    [
      'flow collections on the line below their key',
      'a:\n  { b: 1, c: [x, y] }\nd:\n    # note\n    [1, 2] # c\ne:\n  - \n    { f: g }\n',
    ],
    ['anchors and aliases of scalars', "a: &x 1\nb: *x\nc: &y 'q'\nd: *y # c\n"],
    [
      'aliases of flow collections, nested and deeper',
      'a:\n  b: &yes { value: true, n: [1, { m: x }] }\n  c: *yes\nd:\n  e:\n    f: *yes\n',
    ],
    ['an anchor named again', 'a: &x 1\nb: *x\nc: &x [2]\nd: *x\n'],
    ['an alias copied, not shared', 'a: &x { __proto__: 1, b: [] }\nc: *x\n'],
  ])('agrees with the library on %s', (_name, text) => {
    expect(compare(text).fast).toBe(true);
  });

  it.each([
    ['flow collections over several lines', 'a: [1,\n  2]\n'],
    ['flow collections below their key over several lines', 'a:\n  { b: 1,\n    c: 2 }\n'],
    ['a flow collection below its key with more below it', 'a:\n  { b: 1 }\n  c: 2\n'],
    ['a flow collection below its key followed by text', 'a:\n  [1] x\n'],
    ['flow pairs inside lists', 'a: [b: 1]\n'],
    ['flow keys without values', 'a: { b, c: 1 }\n'],
    ['trailing commas', 'a: [1, 2, ]\n'],
    ['literal block scalars', 'a: |\n  text\n'],
    ['folded scalars with blank lines', 'a: >\n  one\n\n  two\nb: 1\n'],
    ['folded scalars with more indented lines', 'a: >\n  one\n    two\nb: 1\n'],
    ['folded scalars keeping their line breaks', 'a: >+\n  one\n'],
    ['double-quoted text not indented past its key', 'a:\n  b: "one\n  two"\n'],
    ['an escaped line break before a blank line', 'a: "one\\\n\n  two"\n'],
    ['hex and unicode escapes', 'a: "\\x41 \\u00e9 \\U0001F600"\n'],
    ['hex escapes inside flow collections', 'a: ["\\x41"]\n'],
    ['an unknown escape inside a flow collection', 'a: { b: "\\q" }\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['an unterminated double-quoted text', 'a: "one\n  two\n'],
    ['a double-quoted key over several lines', '"a\n  b": 1\n'],
    ['an anchor on a block collection', 'a: &x\n  b: 1\nc: *x\n'],
    ['an anchor in a list', 'a:\n  - &x 1\n  - *x\n'],
    ['an alias in a list', 'a: &x 1\nb:\n  - *x\n'],
    ['an alias inside a flow collection', 'a: &x 1\nb: [*x]\n'],
    ['an alias before its anchor', 'a: *x\nb: &x 1\n'],
    ['an alias followed by text', 'a: &x 1\nb: *x y\n'],
    ['an anchor with an odd name', 'a: &x.y 1\nb: *x.y\n'],
    ['an anchor on a double-quoted text', 'a: &x "1"\nb: *x\n'],
    ['an anchor and a tag', 'a: &x !!str 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['multi-line plain scalars', 'a: one\n  two\n'],
    ['empty values', 'a:\nb: 1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['indentless sequences', 'a:\n- 1\n- 2\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['tabs', 'a:\t1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['escapes in double-quoted keys', '"x\\ny": 1\n'],
    ['nested mappings on one line', 'a: b: c\n'],
    ['a merge key', '<<: 1\n'],
    ['a root sequence', '- 1\n'],
    ['numbers that are not finite', 'a: .inf\nb: [-.Inf]\nc: { d: .nan }\ne: 1e400\n'],
    ['a dash alone in a flow sequence', 'a: [-]\n'],
    ['a dash alone last in a flow sequence', 'a: [a, -]\n'],
    ['a dash alone first in a flow sequence', 'a: [-, b]\n'],
    ['a dash alone as a flow value', 'a: { e: -}\n'],
    ['a quoted scalar followed by text', 'a: "b" c\n'],
  ])('leaves %s to the library, which reads them the same', (_name, text) => {
    expect(compare(text).fast).toBe(false);
  });

  it('gives each alias a new copy of the anchored value', () => {
    const text = 'a: &x { b: [1] }\nc: *x\nd: *x\n';
    const read = readPlainYaml(text, new LineStarts(text), yamlLimits);
    const data = read?.data as Record<string, { b: unknown[] }>;
    expect(data.c).toEqual(data.a);
    expect(data.c).not.toBe(data.a);
    expect(data.d?.b).not.toBe(data.c?.b);
  });

  it('leaves aliases that expand past the limits to the library, which refuses them', () => {
    const lines = [`a: &x [${Array(1000).fill('0').join(',')}]`];
    for (let i = 0; i < 100; i++) lines.push(`b${i}: *x`);
    const text = `${lines.join('\n')}\n`;
    expect(compare(text).fast).toBe(false);
    expect(loadYaml(text).diagnostics.map((d) => d.code)).toEqual(['yaml_alias_limit']);
    let deep = 'a: &x ';
    for (let d = 0; d < yamlLimits.maxDepth - 1; d++) deep += '[';
    deep += `${']'.repeat(yamlLimits.maxDepth - 1)}\n`;
    let nested = '';
    for (let d = 0; d < 3; d++) nested += `${' '.repeat(d * 2)}k:\n`;
    const alias = `${deep}${nested}${' '.repeat(6)}v: *x\n`;
    expect(compare(deep).fast).toBe(true);
    expect(compare(alias).fast).toBe(false);
    expect(loadYaml(alias).diagnostics.map((d) => d.code)).toEqual(['yaml_too_deep']);
  });

  it('leaves documents deeper than the limit to the library', () => {
    let text = '';
    for (let d = 0; d <= yamlLimits.maxDepth + 1; d++) text += `${' '.repeat(d * 2)}k:\n`;
    text += `${' '.repeat((yamlLimits.maxDepth + 2) * 2)}v: 1\n`;
    const loaded = loadYaml(text);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['yaml_too_deep']);
  });
});
