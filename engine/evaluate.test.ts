import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NormaError } from './diagnostics.ts';
import { compileDocument } from './document.ts';
import { evaluateDocument, evaluateFast, evaluateReferencePath } from './evaluate.ts';

const text = readFileSync(new URL('../rules/approval.work-order/1.1.0.yaml', import.meta.url), 'utf8');
const compiled = compileDocument(text, 'rules/approval.work-order/1.1.0.yaml').document;
if (!compiled) throw new Error('the sample must compile');
const doc = compiled;

const groups = compileDocument(
  `kind: ruleset
id: t.groups
version: 1.0.0
status: draft
title: groups
facts:
  amount: { type: number }
  fuel: { enum: [petrol, ev] }
  technicians:
    type: array
    items: { type: object, properties: { level: { type: integer } } }
hit: first
outputs:
  ok: { type: boolean }
rules:
  - id: r
    when:
      fuel: ev
      any:
        - amount: { greaterThan: 100 }
        - technicians: { some: { level: { greaterThanInclusive: 3 } } }
    then: { ok: true }
`,
  'groups.yaml',
).document;

function thrown(run: () => unknown): NormaError {
  try {
    run();
  } catch (e) {
    if (e instanceof NormaError) return e;
    throw e;
  }
  throw new Error('expected a NormaError');
}

describe('evaluation', () => {
  it('returns the docs/api.md envelope: standard with digest, at, kind, result, matched', () => {
    const env = evaluateFast(doc, { facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01' });
    expect(env).toEqual({
      standard: { id: 'approval.work-order', version: '1.1.0', digest: doc.digest },
      at: '2026-03-01',
      kind: 'ruleset',
      result: { outputs: { approver: 'general-manager' } },
      matched: [
        {
          rule: 'gm-over-20000',
          clause: '§7.4',
          title: '总额超过 20000 元由总经理审批',
          message: '预估总额 25000 元,需总经理审批',
        },
      ],
    });
  });

  it("defaults `at` to today's date", () => {
    const env = evaluateFast(doc, { facts: { estimateTotal: 1, payType: 'customer' } });
    expect(env.at).toBe(new Date().toISOString().slice(0, 10));
  });

  it('rejects bad facts with facts_invalid, each detail naming a JSON path', () => {
    const e = thrown(() => evaluateFast(doc, { facts: { estimateTotal: -5, payType: 'cash' } }));
    expect(e.code).toBe('facts_invalid');
    expect(e.details.map((d) => [d.code, d.path])).toEqual([
      ['enum', '/payType'],
      ['minimum', '/estimateTotal'],
    ]);
    expect(e.details[0]?.hint).toMatch(/one of "customer"/);
    const missing = thrown(() => evaluateFast(doc, { facts: {} }));
    expect(missing.details.map((d) => d.path)).toEqual(['/payType', '/estimateTotal']);
  });

  it('rejects an `at` that is not an ISO date with at_invalid', () => {
    for (const at of ['2026-3-1', '2026-02-30', 'tomorrow', '2026-03-01T10:00:00Z']) {
      expect(
        thrown(() => evaluateFast(doc, { facts: { estimateTotal: 1, payType: 'customer' }, at })).code,
      ).toBe('at_invalid');
    }
  });

  it('explains every rule with its conditions, values and YAML lines on the reference path', async () => {
    const env = await evaluateReferencePath(doc, {
      facts: { estimateTotal: 9000, payType: 'customer' },
      at: '2026-03-01',
      explain: true,
    });
    expect(env.explain).toEqual([
      {
        type: 'rule',
        id: 'gm-over-20000',
        applied: false,
        clause: '§7.4',
        line: 24,
        col: 5,
        reason: 'conditions_not_met',
        conditions: {
          op: 'greaterThan',
          fact: 'estimateTotal',
          value: 9000,
          expected: 20000,
          text: 'estimateTotal is greater than 20000',
          outcome: false,
          line: 27,
          col: 30,
        },
      },
      {
        type: 'rule',
        id: 'manager-over-5000',
        applied: true,
        clause: '§7.4',
        line: 30,
        col: 5,
        reason: 'selected',
        conditions: {
          op: 'greaterThan',
          fact: 'estimateTotal',
          value: 9000,
          expected: 8000,
          text: 'estimateTotal is greater than 8000',
          outcome: true,
          line: 33,
          col: 30,
        },
      },
    ]);
  });

  it('explains groups and quantifiers with an outcome on every level', async () => {
    if (!groups) throw new Error('must compile');
    const env = await evaluateReferencePath(groups, {
      facts: { amount: 5, fuel: 'ev', technicians: [{ level: 1 }, { level: 4 }] },
      explain: true,
    });
    expect(env.result).toEqual({ outputs: { ok: true } });
    expect(env.explain?.[0]?.conditions).toMatchObject({
      op: 'all',
      outcome: true,
      conditions: [
        { op: 'equal', fact: 'fuel', value: 'ev', outcome: true, line: 18, col: 7 },
        {
          op: 'any',
          outcome: true,
          conditions: [
            { op: 'greaterThan', value: 5, outcome: false, line: 20, col: 21 },
            {
              op: 'some',
              fact: 'technicians',
              outcome: true,
              conditions: [
                { op: 'greaterThanInclusive', fact: 'level', value: 1, outcome: false },
                { op: 'greaterThanInclusive', fact: 'level', value: 4, outcome: true },
              ],
            },
          ],
        },
      ],
    });
  });

  it('takes json-rules-engine for explain and the closures otherwise, and says so when debugging', async () => {
    const request = { facts: { estimateTotal: 9000, payType: 'customer' }, at: '2026-03-01' };
    expect((await evaluateDocument(doc, request, { debug: true })).debug).toEqual({ path: 'closures' });
    const explained = await evaluateDocument(doc, { ...request, explain: true }, { debug: true });
    expect(explained.debug).toEqual({ path: 'json-rules-engine' });
    const forced = await evaluateDocument(doc, request, { path: 'json-rules-engine' });
    expect(forced.explain).toBeUndefined();
    expect(forced.result).toEqual(evaluateFast(doc, request).result);
  });

  it('never changes the caller’s facts', () => {
    const facts = { estimateTotal: 9000, payType: 'customer' };
    evaluateFast(doc, { facts });
    expect(facts).toEqual({ estimateTotal: 9000, payType: 'customer' });
  });
});
