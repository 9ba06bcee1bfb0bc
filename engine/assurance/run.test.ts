import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, compileDocument } from '../document.ts';
import type { TestFinding } from './authored.ts';
import { formatRunText } from './report.ts';
import { type DocumentReport, testDocument } from './run.ts';

function load(path: string): CompiledDocument {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const { document, diagnostics } = compileDocument(text, path);
  if (!document) throw new Error(JSON.stringify(diagnostics));
  return document;
}

function compile(text: string): CompiledDocument {
  const { document, diagnostics } = compileDocument(text, 'inline.yaml');
  if (!document) throw new Error(JSON.stringify(diagnostics));
  return document;
}

const options = { seed: 42, runs: 300 };

/** Pastes YAML text at the end of the document's `tests:` list (just above `invariants:`), as a person would. */
async function withPasted(doc: CompiledDocument, yaml: string): Promise<DocumentReport> {
  const pasted = yaml
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  const text = doc.source.replace(/^invariants:/m, `${pasted}\ninvariants:`);
  return testDocument(compile(text), { seed: 1, runs: 1 });
}

describe('testDocument on the bundled approval ruleset', () => {
  it('passes its tests and invariants and reports full coverage', async () => {
    const report = await testDocument(load('rules/approval.work-order/1.1.0.yaml'), options);
    expect(report.ok).toBe(true);
    expect(report.tests).toEqual({ total: 3, passed: 3 });
    expect(report.invariants).toEqual({ total: 2, held: 2 });
    expect(report.findings).toEqual([]);
    expect(report.coverage).toEqual({ total: 2, exercised: 2, uncovered: [] });
  });
});

describe('testDocument on a deliberately broken invariant', () => {
  const broken = load('tests/fixtures/assurance/rules/broken.approval/1.0.0.yaml');

  it('fails monotone with the shrunk pair of inputs around the slipped bound', async () => {
    const report = await testDocument(broken, options);
    expect(report.ok).toBe(false);
    const monotone = report.findings.find((f) => f.name === 'approval never drops as the estimate grows');
    expect(monotone?.message).toMatch(/`approver` went down from `general-manager` to `service-manager`/);
    const tests = monotone?.counterexample?.tests ?? [];
    expect(tests.map((t) => t.facts)).toEqual([
      { payType: 'customer', estimateTotal: 99999 },
      { payType: 'customer', estimateTotal: 100000 },
    ]);
    expect(tests.map((t) => t.expect)).toEqual([
      { outputs: { approver: 'general-manager' } },
      { outputs: { approver: 'service-manager' } },
    ]);
    expect(monotone?.counterexample?.seed).toBe(42);
    expect(monotone?.line).toBe(32);
  });

  it('fails forall with a warranty job the general manager approves', async () => {
    const report = await testDocument(broken, options);
    const forall = report.findings.find((f) => f.name === 'warranty work always goes to the service manager');
    expect(forall?.message).toBe('/outputs/approver: expected "service-manager", got "general-manager"');
    expect(forall?.counterexample?.tests[0]?.facts.payType).toBe('warranty');
  });

  it('prints counterexamples that paste into `tests` and pass as written', async () => {
    const report = await testDocument(broken, options);
    for (const f of report.findings) {
      const yaml = f.counterexample?.yaml ?? '';
      expect(yaml).toMatch(/^- name: /);
      const pasted = await withPasted(broken, yaml);
      const before = broken.data.tests as unknown[];
      expect(pasted.tests.total).toBe(before.length + (f.counterexample?.tests.length ?? 0));
      expect(pasted.tests.passed).toBe(pasted.tests.total);
    }
  });

  it('is reproducible: the same seed finds the same counterexample', async () => {
    const a = await testDocument(broken, options);
    const b = await testDocument(broken, options);
    expect(a.findings).toEqual(b.findings);
  });

  it('reports the rules no test exercised', async () => {
    const report = await testDocument(broken, options);
    expect(report.coverage.uncovered).toEqual(['rule manager-over-5000', 'rule warranty-to-manager']);
  });
});

describe('testDocument on overlapping unique rules without a default', () => {
  const overlap = load('tests/fixtures/assurance/rules/overlap.discount/1.0.0.yaml');

  it('finds two rules that match the same input, as an error with `expectError`', async () => {
    const report = await testDocument(overlap, options);
    const found = report.findings.find((f) => f.kind === 'overlap');
    expect(found?.severity).toBe('error');
    expect(found?.message).toMatch(/`gold-member` and `large-order` both match/);
    expect(found?.counterexample?.tests).toEqual([
      {
        name: 'no two rules match the same input (hit: unique)',
        facts: { tier: 'gold', orderTotal: 10000 },
        expectError: 'eval_hit_unique',
      },
    ]);
  });

  it('finds a gap as a warning', async () => {
    const report = await testDocument(overlap, options);
    const gap = report.findings.find((f) => f.kind === 'gap');
    expect(gap?.severity).toBe('warning');
    expect(gap?.counterexample?.tests[0]?.expect).toEqual({ outputs: {} });
  });

  it('fails a wrong authored test and shows the actual result to paste', async () => {
    const report = await testDocument(overlap, options);
    const test = report.findings.find((f) => f.kind === 'test') as TestFinding | undefined;
    expect(test?.name).toBe('a deliberately wrong expectation');
    expect(test?.message).toBe('/outputs/discountPct: expected 4, got 3');
    expect(test?.actual?.test.expect).toEqual({ outputs: { discountPct: 3 } });
    expect(report.tests).toEqual({ total: 2, passed: 1 });
  });
});

describe('authored tests', () => {
  const doc = compile(`
kind: ruleset
id: t.tests
version: 1.0.0
status: draft
title: tests
facts: { n: { type: integer, minimum: 0 }, d: { type: string, format: date } }
hit: unique
outputs: { x: { type: number } }
rules:
  - { id: a, when: { n: { greaterThan: 1 } }, then: { x: 1 } }
  - { id: b, when: { n: { greaterThan: 2 } }, then: { x: 2 } }
  - { id: recent, when: { d: { withinDays: 30 } }, then: { x: 3 } }
tests:
  - { name: two rules raise, facts: { n: 3, d: 2020-01-01 }, expectError: eval_hit_unique }
  - { name: wrong code, facts: { n: 3, d: 2020-01-01 }, expectError: facts_invalid }
  - { name: no error, facts: { n: 0, d: 2020-01-01 }, expectError: eval_hit_unique }
  - { name: at is honoured, facts: { n: 0, d: 2026-05-01 }, at: 2026-05-10, expect: { outputs: { x: 3 } } }
`);

  it('match the error code with expectError, and report unexpected errors', async () => {
    const report = await testDocument(doc, { seed: 1, runs: 10 });
    const tests = report.findings.filter((f) => f.kind === 'test');
    expect(tests.map((f) => [f.name, f.message.split(':')[0]])).toEqual([
      ['wrong code', 'expected error `facts_invalid`, got `eval_hit_unique`'],
      ['no error', 'expected error `eval_hit_unique`, but the evaluation succeeded'],
    ]);
    expect(report.tests).toEqual({ total: 4, passed: 2 });
  });

  it('refuse tests whose facts do not fit the declarations at load, with the path', () => {
    const text = doc.source.replace(
      'tests:\n',
      'tests:\n  - { name: bad facts, facts: { n: -1, d: 2020-01-01 }, expect: { outputs: {} } }\n',
    );
    const { document, diagnostics } = compileDocument(text, 'inline.yaml');
    expect(document).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['test_facts_invalid', '/tests/0/facts/n']]);
  });

  it('print every detail of a refused input, and never offer to paste its error', async () => {
    // A test the load check would refuse, put back after loading: the run must still be honest.
    const tests = [{ name: 'bad facts', facts: { n: -1, d: 'soon' }, expect: { outputs: {} } }];
    const report = await testDocument({ ...doc, data: { ...doc.data, tests } }, { seed: 1, runs: 10 });
    const found = report.findings.find((f) => f.kind === 'test') as TestFinding | undefined;
    expect(found?.message).toMatch(
      /^the evaluation raised `facts_invalid`: .*`\/n` must be >= 0.*`\/d` must match format/,
    );
    expect(found?.actual).toBeUndefined();
    expect(formatRunText({ seed: 1, runs: 10, documents: [report], diagnostics: [] })).not.toContain(
      'actual (paste',
    );
  });
});

describe('invariants on other outputs', () => {
  it('reports an output without an order as a monotone failure that says so', async () => {
    const doc = compile(`
kind: ruleset
id: t.order
version: 1.0.0
status: draft
title: order
facts: { n: { type: number } }
hit: first
outputs: { label: { type: string } }
default: { label: low }
rules: [{ id: high, when: { n: { greaterThan: 10 } }, then: { label: high } }]
invariants:
  - { name: label rises, monotone: { fact: n, output: label, direction: increasing } }
`);
    const report = await testDocument(doc, { seed: 3, runs: 200 });
    expect(report.findings[0]?.message).toMatch(/have no order/);
  });

  it('checks decreasing numbers', async () => {
    const doc = compile(`
kind: ruleset
id: t.dec
version: 1.0.0
status: draft
title: dec
facts: { age: { type: integer, minimum: 0, maximum: 20 } }
hit: first
outputs: { pct: { type: number } }
default: { pct: 0 }
rules:
  - { id: new, when: { age: { lessThan: 3 } }, then: { pct: 100 } }
  - { id: mid, when: { age: { lessThan: 8 } }, then: { pct: 50 } }
  - { id: odd, when: { age: { equal: 12 } }, then: { pct: 70 } }
invariants:
  - { name: cover shrinks with age, monotone: { fact: age, output: pct, direction: decreasing } }
`);
    const report = await testDocument(doc, { seed: 3, runs: 300 });
    expect(report.findings[0]?.message).toMatch(
      /^`pct` went up from (0|50) to 70 as `age` grew from \d+ to 12$/,
    );
  });
});

describe('complete on other kinds', () => {
  it('finds a scorecard criterion that no band covers', async () => {
    const doc = compile(`
kind: scorecard
id: t.sc
version: 1.0.0
status: draft
title: sc
facts: { csi: { type: number, minimum: 0, maximum: 100 } }
criteria:
  - id: csi
    weight: 100
    bands:
      - { when: { csi: { greaterThanInclusive: 90 } }, points: 100 }
      - { when: { csi: { greaterThanInclusive: 60 } }, points: 50 }
grades:
  - { grade: A, min: 90 }
  - { grade: D, min: 0 }
invariants:
  - { name: every criterion gets a band, complete: true }
  - { name: the grade rises with csi, monotone: { fact: csi, output: grade, direction: increasing } }
`);
    const report = await testDocument(doc, { seed: 9, runs: 300 });
    expect(report.findings.map((f) => [f.name, f.message])).toEqual([
      ['every criterion gets a band', 'no band applies to criterion `csi`'],
    ]);
    expect(report.findings[0]?.counterexample?.tests[0]?.facts).toEqual({ csi: 59 });
  });

  it('finds a checklist input where no item applies', async () => {
    const doc = compile(`
kind: checklist
id: t.cl
version: 1.0.0
status: draft
title: cl
facts: { jobType: { enum: [maintenance, ev] } }
sections:
  - id: hv
    items:
      - { id: gloves, text: insulated gloves, severity: critical, when: { jobType: ev } }
invariants:
  - { name: something always applies, complete: true }
  - { name: status never drops as the job gets riskier, monotone: { fact: jobType, output: status, direction: decreasing } }
`);
    const report = await testDocument(doc, { seed: 9, runs: 300 });
    const complete = report.findings.find((f) => f.name === 'something always applies');
    expect(complete?.message).toBe('no item of the checklist applies');
    expect(complete?.counterexample?.tests[0]?.facts).toEqual({ jobType: 'maintenance' });
    expect(complete?.counterexample?.tests[0]?.answers).toEqual({});
  });
});
