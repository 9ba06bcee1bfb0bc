import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type CompiledDocument, compileDocument } from '../document.ts';
import { fixture as process } from '../kinds/process/conformance.ts';
import { fixture as ruleset } from '../kinds/ruleset/conformance.ts';
import { testDocument } from './run.ts';

const OPTIONS = { seed: 20261128, runs: 200 };

/** Delivery is never reachable while the check has not passed (the work order's QC law, in small). */
const QC_LAW = {
  name: 'delivery is never reachable while the check has not passed',
  never: {
    all: [
      { 'stages.check.steps.safety.state': { notEqual: 'done' } },
      {
        any: [
          { stage: 'delivery' },
          { complete: true },
          { 'stages.delivery.steps.handover.state': 'pending' },
          { next: { some: { step: 'delivery.handover' } } },
        ],
      },
    ],
  },
};

function compiled(document: string, invariants: unknown[]) {
  const data = { ...(parse(document) as Record<string, unknown>), invariants };
  return compileDocument(stringify(data), 'rules/conformance.process/1.0.0.yaml');
}

describe('`never` invariants on a process', () => {
  it('hold on a process whose stages keep delivery behind the check', async () => {
    const { document, diagnostics } = compiled(process.document, [QC_LAW]);
    expect(diagnostics).toEqual([]);
    const report = await testDocument(document as CompiledDocument, OPTIONS);
    expect(report.findings).toEqual([]);
    expect(report.invariants).toEqual({ total: 1, held: 1 });
  });

  it('fail on a deliberately broken process (the check made optional), with a history to paste', async () => {
    const broken = process.document.replace(
      'completes: { status: pass }\n',
      'completes: { status: pass }\n        optional: true\n',
    );
    expect(broken).not.toBe(process.document);
    const { document } = compiled(broken, [QC_LAW]);
    const report = await testDocument(document as CompiledDocument, OPTIONS);
    const finding = report.findings.find((f) => f.kind === 'invariant');
    expect(finding).toMatchObject({ severity: 'error', name: QC_LAW.name });
    expect(finding?.message).toContain('`stages.check.steps.safety.state` is');
    const pasted = finding?.counterexample?.tests[0] as { history?: unknown[]; expect?: unknown };
    expect(pasted.history).toBeInstanceOf(Array);
    expect(pasted.expect).toHaveProperty('stages.check.steps.safety.state');
    expect(report.ok).toBe(false);
  });

  it('are checked at load like any condition, against the result: paths and values', () => {
    const { document, diagnostics } = compiled(process.document, [
      { name: 'misspelt stage', never: { 'stages.delivry.state': 'current' } },
      { name: 'no such state', never: { 'stages.delivery.state': 'finished' } },
    ]);
    expect(document).toBeUndefined();
    expect(diagnostics).toMatchObject([
      {
        code: 'ref_unknown_fact',
        path: '/invariants/0/never/stages.delivry.state',
        hint: expect.stringContaining('delivery'),
      },
      { code: 'op_value_enum', path: expect.stringMatching(/^\/invariants\/1\/never/) },
    ]);
  });

  it('are refused in a kind whose results they cannot name', () => {
    const data = { ...(parse(ruleset.document) as Record<string, unknown>) };
    data.invariants = [{ name: 'never a manager', never: { 'outputs.approver': 'manager' } }];
    const { document, diagnostics } = compileDocument(
      stringify(data),
      'rules/conformance.ruleset/1.0.0.yaml',
    );
    expect(document).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'invariant_never_unsupported', path: '/invariants/0/never' }]);
  });
});
