/**
 * process.work-order 1.1.1 states its quality-control law in the document (a `never` invariant):
 * it holds over generated case histories, and fails on a copy broken on purpose, where the QC
 * inspection is optional and a case may leave quality control without it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, compileDocument, testDocument } from '../../engine/index.ts';

const FILE = 'rules/process.work-order/1.1.1.yaml';
const text = readFileSync(new URL(`../../${FILE}`, import.meta.url), 'utf8');
const LAW =
  'delivery is never reachable while quality control has not passed (a failed critical item fails it)';
const OPTIONS = { seed: 20261128, runs: 200 };

function compiled(source: string): CompiledDocument {
  const { document, diagnostics } = compileDocument(source, FILE);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return document as CompiledDocument;
}

describe('the work order’s quality-control invariant', () => {
  it('is stated in the document and holds over generated histories', async () => {
    const doc = compiled(text);
    const names = (doc.data.invariants as { name: string }[]).map((i) => i.name);
    expect(names).toContain(LAW);
    const report = await testDocument(doc, OPTIONS);
    expect(report.findings.filter((f) => f.kind === 'invariant')).toEqual([]);
    expect(report.invariants.held).toBe(report.invariants.total);
  });

  it('fails on a process broken on purpose (the QC inspection optional), with a history to paste', async () => {
    const inspect = '        completes: { status: pass }\n  - id: delivery';
    expect(text).toContain(inspect);
    const broken = text.replace(
      inspect,
      '        completes: { status: pass }\n        optional: true\n  - id: delivery',
    );
    const report = await testDocument(compiled(broken), OPTIONS);
    const finding = report.findings.find((f) => f.kind === 'invariant' && f.name === LAW);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('`stages.quality-control.steps.inspect.state` is');
    expect(finding?.counterexample?.tests.length ?? 0).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
  });
});
