/**
 * Hostile YAML: every shape of a 1 MiB document is answered in bounded time, with one coded
 * diagnostic, and a file with thousands of problems reports the first ones and a count. The
 * bounds are generous (the machine is shared; most of these take well under a second alone):
 * before the fixes they took from 3 to over 90 s and up to 1 GB.
 */
import { describe, expect, it } from 'vitest';
import { compileDocument, loadYaml, yamlLimits } from '../../engine/index.ts';

const MiB = yamlLimits.maxBytes;

/** A text of about `bytes` (never more), made of `unit` repeated after `head`. */
function fill(unit: string, head = '', bytes = MiB - 16): string {
  return head + unit.repeat(Math.floor((bytes - Buffer.byteLength(head)) / Buffer.byteLength(unit)));
}

function lines(make: (i: number) => string, bytes = MiB - 64): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${make(i)}\n`;
    size += Buffer.byteLength(line);
    if (size < bytes) out.push(line);
  }
  return out.join('');
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const shapes: [string, string, string][] = [
  ['a megabyte of `[`', fill('['), 'yaml_too_deep'],
  ['a megabyte of `{`', fill('{'), 'yaml_too_deep'],
  ['a megabyte of `{a: `', fill('{a: '), 'yaml_too_deep'],
  ['compact sequences `- - -`', fill('- '), 'yaml_too_deep'],
  ['explicit keys `? ? ?`', fill('? '), 'yaml_too_deep'],
  ['mixed brackets and dashes', fill('[{a: - '), 'yaml_too_deep'],
  ['indentation that only grows', lines((i) => `${' '.repeat(i)}a:`), 'yaml_too_deep'],
  ['a long unclosed flow sequence', fill('1,', 'a: ['), 'yaml_too_many_values'],
  ['a long flow sequence', `${fill('1,', 'a: [', MiB - 32)}1]\n`, 'yaml_too_many_values'],
  ['a long flow mapping', `${fill('a: 1, ', 'a: {', MiB - 32)}}\n`, 'yaml_too_many_values'],
  ['a long list of quoted escapes', fill('"\\u0041",', 'a: ['), 'yaml_too_many_values'],
  ['a megabyte of comments', lines(() => '# [[[[ {{{{'), 'yaml_empty'],
  ['anchors on one value', `${fill('&a ', 'a: ', MiB - 32)}x\n`, 'yaml_syntax'],
  ['tags on one value', `${fill('!t ', 'a: ', MiB - 32)}x\n`, 'yaml_syntax'],
  ['explicit keys and values', fill('? a\n: b\n'), 'yaml_too_many_values'],
  ['a flow mapping of keys alone', fill('a, ', 'a: {'), 'yaml_too_many_values'],
  ['empty list items', fill('-\n'), 'yaml_too_many_values'],
  ['document markers', fill('---\n'), 'yaml_multiple_documents'],
  ['a megabyte of aliases', lines((i) => (i === 0 ? 'a: &x [1]\nb:' : '  - *x')), 'yaml_too_many_values'],
];

describe('hostile YAML of 1 MiB', () => {
  it.each(shapes)('%s is refused quickly', (_name, text, code) => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MiB);
    const { value, ms } = timed(() => loadYaml(text, 'f.yaml'));
    expect(value.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(ms).toBeLessThan(20_000);
  });

  it('resolves 12,000 aliases in one pass (12 s before)', () => {
    const text = lines((i) => (i === 0 ? 'a: &anchor [1]\nb:' : '  - *anchor'), 106_000);
    expect(text.match(/\*anchor/g)?.length).toBeGreaterThan(8000);
    const { value, ms } = timed(() => loadYaml(text, 'f.yaml'));
    expect(value.diagnostics).toEqual([]);
    expect((value.data as { b: unknown[] }).b.length).toBeGreaterThan(8000);
    expect(ms).toBeLessThan(3000);
  });

  it('still refuses a billion laughs', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const prev = String.fromCharCode(96 + level);
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const { value, ms } = timed(() => loadYaml(rows.join('\n'), 'f.yaml'));
    expect(value.diagnostics.map((d) => d.code)).toEqual(['yaml_alias_limit']);
    expect(ms).toBeLessThan(3000);
  });
});

const header =
  'kind: ruleset\nid: t.hostile\nversion: 1.0.0\nstatus: draft\ntitle: hostile\nhit: first\n' +
  'outputs:\n  a: { enum: [x] }\nrules:\n  - id: r\n    then: { a: x }\n';

describe('a file with thousands of problems', () => {
  it.each([
    ['read by the fast reader', '', 30_000],
    ['read by the yaml library', 'anchor: &x 1\n', 16_000],
  ])('unknown keys %s are reported in bounded time, the first 100 and a count', (_name, extra, count) => {
    let text = header + extra;
    for (let i = 0; i < count; i++) text += `unknown${i}: 1\n`;
    const { value, ms } = timed(() => compileDocument(text, 'f.yaml'));
    const codes = value.diagnostics.map((d) => d.code);
    expect(codes).toHaveLength(101);
    expect(codes.slice(0, 100).every((c) => c === 'schema_unknown_field')).toBe(true);
    expect(value.diagnostics[100]).toMatchObject({
      code: 'diagnostics_truncated',
      severity: 'error',
      message: `${count + (extra ? 1 : 0) - 100} more problems in this file are not shown`,
    });
    expect(value.diagnostics[0]).toMatchObject({ line: 12, col: 1 });
    expect(ms).toBeLessThan(15_000);
  });

  it('thousands of duplicate keys are found without comparing every pair', () => {
    let text = header;
    for (let i = 0; i < 10_000; i++) text += `title: t${i}\n`;
    const { value, ms } = timed(() => compileDocument(text, 'f.yaml'));
    expect(value.diagnostics).toHaveLength(101);
    expect(value.diagnostics[0]).toMatchObject({ code: 'yaml_duplicate_key', line: 12, col: 1 });
    expect(value.diagnostics[100]?.code).toBe('diagnostics_truncated');
    expect(ms).toBeLessThan(10_000);
  });
});
