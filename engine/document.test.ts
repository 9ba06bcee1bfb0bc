import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDocument } from './document.ts';

const file = 'rules/approval.work-order/1.0.0.yaml';
const sample = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const identity = { id: 'approval.work-order', version: '1.0.0', folder: 'rules' };
const RULE2_WHEN = 'when: { estimateTotal: { greaterThan: 5000 } }';

function edit(from: string, to: string, text = sample): string {
  expect(text, `the sample must contain ${from}`).toContain(from);
  return text.replace(from, to);
}

const bomb = [
  'a: &a [x,x,x,x,x,x,x,x,x,x]',
  ...'bcdef'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcde'[i]}`).join(',')}]`),
].join('\n');

/** Each way issue 2 lists to break the sample, with the one diagnostic it must give. */
const breakages: Array<
  [string, string, { code: string; line: number; col: number; message?: RegExp; hint?: RegExp }]
> = [
  ['a YAML syntax error', edit('hit: first', 'hit: [first'), { code: 'yaml_syntax', line: 19, col: 1 }],
  [
    'a duplicate key',
    edit('hit: first\n', 'hit: first\nhit: unique\n'),
    { code: 'yaml_duplicate_key', line: 19, col: 1, message: /`hit` appears twice/ },
  ],
  ['an empty file', '', { code: 'yaml_empty', line: 1, col: 1 }],
  ['an alias bomb', bomb, { code: 'yaml_alias_limit', line: 1, col: 24, hint: /aliases/ }],
  [
    'very deep nesting',
    `${sample}x: ${'['.repeat(500)}${']'.repeat(500)}\n`,
    { code: 'yaml_too_deep', line: 50, col: 68 },
  ],
  [
    'a multi-megabyte file',
    `${sample}# ${'x'.repeat(3_000_000)}\n`,
    { code: 'yaml_too_large', line: 1, col: 1, message: /more than the limit/ },
  ],
  [
    'a `__proto__` key',
    edit('hit: first\n', 'hit: first\n__proto__: { polluted: true }\n'),
    { code: 'schema_unknown_field', line: 19, col: 1, message: /`__proto__`/ },
  ],
  [
    'an id that differs from the folder',
    edit('id: approval.work-order', 'id: approval.workorder'),
    { code: 'path_id_mismatch', line: 3, col: 5, hint: /set `id: approval.work-order`/ },
  ],
  [
    'a version that differs from the file name',
    edit('version: 1.0.0', 'version: 1.0.1'),
    { code: 'path_version_mismatch', line: 4, col: 10, hint: /rename the file/ },
  ],
  [
    'a duplicate rule id',
    edit('id: manager-over-5000', 'id: gm-over-20000'),
    { code: 'rule_duplicate_id', line: 29, col: 9, message: /`gm-over-20000` is used twice/ },
  ],
  [
    'an undeclared fact',
    edit(RULE2_WHEN, 'when: { estimatedTotal: { greaterThan: 5000 } }'),
    { code: 'ref_unknown_fact', line: 32, col: 13, hint: /did you mean `estimateTotal`/ },
  ],
  [
    'an undeclared output',
    edit('then: { approver: service-manager }', 'then: { approvr: service-manager }'),
    { code: 'ref_unknown_output', line: 33, col: 13, hint: /did you mean `approver`/ },
  ],
  [
    'an operator that does not fit the fact type',
    edit(RULE2_WHEN, 'when: { payType: { greaterThan: 5000 } }'),
    { code: 'op_type_mismatch', line: 32, col: 24, hint: /equal, notEqual, in/ },
  ],
  [
    '`in` without a list',
    edit(RULE2_WHEN, 'when: { payType: { in: customer } }'),
    { code: 'op_value_shape', line: 32, col: 28, hint: /in: \[customer\]/ },
  ],
  [
    '`between` out of order',
    edit(RULE2_WHEN, 'when: { estimateTotal: { between: [9000, 5000] } }'),
    { code: 'op_value_shape', line: 32, col: 39, hint: /\[5000, 9000\]/ },
  ],
  [
    'an invalid regular expression',
    edit(RULE2_WHEN, 'when: { payType: { matches: "([a-z" } }'),
    { code: 'op_regex_invalid', line: 32, col: 33, message: /missing closing \]/ },
  ],
  [
    'a `then` value outside the output enum',
    edit('then: { approver: service-manager }', 'then: { approver: service-manger }'),
    { code: 'then_invalid', line: 33, col: 23, hint: /did you mean `service-manager`/ },
  ],
  [
    'an approved version without approval metadata',
    edit('approved: { by: 王强, at: 2024-12-20 }\n', ''),
    { code: 'approval_missing', line: 5, col: 9, hint: /approved: \{ by/ },
  ],
];

describe('compileDocument', () => {
  it('compiles the bundled sample with no diagnostics', () => {
    const r = compileDocument(sample, file, identity);
    expect(r.diagnostics).toEqual([]);
    expect(r.document).toMatchObject({
      kind: 'ruleset',
      id: 'approval.work-order',
      version: '1.0.0',
      status: 'approved',
      effective: '2025-01-01',
      clause: '§7.4',
      approved: { by: '王强', at: '2024-12-20' },
    });
    expect(r.document?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  for (const [what, text, want] of breakages) {
    it(`gives one located, coded diagnostic for ${what}`, () => {
      const started = Date.now();
      const r = compileDocument(text, file, identity);
      // Generous: it takes well under a second alone, but the suite shares two cores.
      expect(Date.now() - started, 'quickly, never a hang').toBeLessThan(10_000);
      expect(r.document).toBeUndefined();
      expect(r.diagnostics, JSON.stringify(r.diagnostics)).toHaveLength(1);
      const d = r.diagnostics[0];
      expect(d).toMatchObject({ code: want.code, line: want.line, col: want.col, file, severity: 'error' });
      expect(d?.message).toMatch(/^[a-z`]/);
      expect(d?.message).not.toMatch(/[.\n]$/);
      if (want.message) expect(d?.message).toMatch(want.message);
      if (want.hint) expect(d?.hint).toMatch(want.hint);
    });
  }

  it('never lets `__proto__` or `constructor` keys touch a prototype', () => {
    const text = edit('  payType:', '  constructor: { type: number }\n  payType:');
    compileDocument(edit('hit: first\n', 'hit: first\n__proto__: { polluted: true }\n', text), file);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps warnings on a document that compiles', () => {
    const r = compileDocument(
      edit('  - id: manager-over-5000\n', '  - id: manager-over-5000\n    priority: 2\n'),
      file,
    );
    expect(r.document?.warnings.map((d) => d.code)).toEqual(['rule_priority_ignored']);
  });

  it('reports a wrong kind folder only when the path is known', () => {
    expect(compileDocument(sample, file).diagnostics).toEqual([]);
    const r = compileDocument(sample, 'checklists/approval.work-order/1.0.0.yaml', {
      ...identity,
      folder: 'checklists',
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['path_kind_folder']);
  });
});

describe('document digests', () => {
  const digest = (text: string) => compileDocument(text, file).document?.digest;
  const base = digest(sample);

  it('do not change with comments, formatting, quoting or key order', () => {
    const reformatted = edit(
      'outputs:\n  approver: { enum: [service-advisor, service-manager, general-manager] }',
      '# who approves\noutputs:\n  approver:\n    enum:\n      - "service-advisor"\n      - service-manager   # §7.4\n      - general-manager',
    );
    const reordered = edit('hit: first\n', '', edit('kind: ruleset\n', 'kind: ruleset\nhit: first\n'));
    expect(digest(reformatted)).toBe(base);
    expect(digest(reordered)).toBe(base);
  });

  it('change with any value', () => {
    const changes = [
      edit('greaterThan: 5000', 'greaterThan: 5001'),
      edit('title: 总额超过 5000 元由服务经理审批', 'title: 总额超过 5000 元'),
      edit('owner: 售后服务部', 'owner: 售后部'),
      edit(
        '{ enum: [service-advisor, service-manager, general-manager] }',
        '{ enum: [service-manager, service-advisor, general-manager] }',
      ),
    ];
    for (const text of changes) expect(digest(text)).not.toBe(base);
  });
});

describe('the diagnostics of one file', () => {
  const checklist = (items: number) =>
    'kind: checklist\nid: t.many\nversion: 1.0.0\nstatus: draft\ntitle: many\nsections:\n  - id: s\n    items:\n' +
    Array.from({ length: items }, (_, i) => `      - { id: i${i}, text: item, unit: mm }\n`).join('');

  it('are capped at the first 100, then a count; a warning when only warnings were left out', () => {
    const result = compileDocument(checklist(100), 'c.yaml');
    expect(result.document).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(Array(100).fill('checklist_unit_ignored'));
    const over = compileDocument(checklist(102), 'c.yaml');
    expect(over.document).toBeDefined();
    expect(over.diagnostics).toHaveLength(101);
    expect(over.diagnostics[100]).toMatchObject({
      code: 'diagnostics_truncated',
      severity: 'warning',
      message: '2 more problems in this file are not shown',
      line: 109,
    });
  });
});
