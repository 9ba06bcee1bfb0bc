/**
 * Bounded work per evaluation request, through the engine's entry points: inputs invalid in tens
 * of thousands of ways, nested without end, holding numbers JSON turns into Infinity, or naming
 * unknown ids, are refused in linear time with a bounded error (under 64 KB, as the HTTP figures
 * require).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CompiledDocument,
  compileDocument,
  type EvaluateRequest,
  evaluateFast,
  evaluateReferencePath,
  NormaError,
  renderReport,
  type StandardsIndex,
  versionsOf,
} from '../../engine/index.ts';

const MiB = 1024 * 1024;
// Generous: a few hundred milliseconds on an idle machine, seconds under a full parallel test run
// on a shared one. What these cases prove is linear work and a bounded answer: before, the same
// inputs took seconds of blocked loop (or overflowed the stack) and answered megabytes.
const LIMIT_MS = 3000;
const RESPONSE_LIMIT = 64 * 1024;

function compiled(text: string, file: string): CompiledDocument {
  const result = compileDocument(text, file);
  if (!result.document) throw new Error(JSON.stringify(result.diagnostics));
  return result.document;
}

const ruleset = compiled(
  `kind: ruleset
id: t.bounds
version: 1.0.0
status: draft
title: bounds
facts:
  amount: { type: number }
  vehicle:
    type: object
    additionalProperties: false
    properties: { km: { type: integer } }
  readings: { type: array, items: { type: integer } }
hit: first
outputs:
  ok: { type: boolean }
rules:
  - id: big
    when: { amount: { greaterThan: 100 } }
    then: { ok: true }
    message: "amount {{amount}}"
default: { ok: false }
`,
  'bounds.yaml',
);

const checklist = compiled(
  readFileSync(new URL('../../checklists/safety.site/1.1.0.yaml', import.meta.url), 'utf8'),
  'checklists/safety.site/1.1.0.yaml',
);

/** Both evaluators' error on a request, with the time it took and the size of its JSON. */
async function refused(doc: CompiledDocument, request: EvaluateRequest) {
  warmUp(doc);
  const out: Array<{ error: NormaError; ms: number; bytes: number }> = [];
  for (const run of [() => evaluateFast(doc, request), () => evaluateReferencePath(doc, request)]) {
    const started = performance.now();
    let caught: unknown;
    try {
      await run();
    } catch (e) {
      caught = e;
    }
    const ms = performance.now() - started;
    expect(caught).toBeInstanceOf(NormaError);
    const error = caught as NormaError;
    out.push({ error, ms, bytes: JSON.stringify(error).length });
  }
  return out;
}

/** Compiles a document's input validators (done once, on its first evaluations) before timing. */
function warmUp(doc: CompiledDocument): void {
  doc.facts.prepare({});
  doc.facts.prepare(Object.fromEntries(Object.keys(doc.facts.declared).map((k) => [k, [null]])));
}

function codes(error: NormaError): string[] {
  return [...new Set(error.details.map((d) => d.code))];
}

describe('facts_invalid on a 1 MiB body', () => {
  it('60,000 unknown fields: 100 details and a count of the rest, fast and small', async () => {
    const vehicle: Record<string, number> = {};
    for (let i = 0; i < 60_000; i++) vehicle[`field${i}`] = i;
    expect(JSON.stringify(vehicle).length).toBeGreaterThan(MiB);
    for (const r of await refused(ruleset, { facts: { amount: 1, vehicle }, at: '2026-03-01' })) {
      expect(r.error.code).toBe('facts_invalid');
      expect(r.error.details).toHaveLength(101);
      expect(r.error.details.at(-1)).toMatchObject({ code: 'details_truncated' });
      expect(r.error.details.at(-1)?.message).toMatch(/^\d{5} more problems left out$/);
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.bytes).toBeLessThan(RESPONSE_LIMIT);
    }
  });

  it('a list of 200,000 wrong values', async () => {
    const readings = Array(200_000).fill('x');
    for (const r of await refused(ruleset, {
      facts: { amount: 1, vehicle: {}, readings },
      at: '2026-03-01',
    })) {
      expect(codes(r.error)).toEqual(['type', 'details_truncated']);
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.bytes).toBeLessThan(RESPONSE_LIMIT);
    }
  });
});

describe('kind-level details', () => {
  it('60,000 fee lines with too many decimals: 100 details and a count', async () => {
    const fees = compiled(
      readFileSync(new URL('../../rules/fees.work-order/1.1.0.yaml', import.meta.url), 'utf8'),
      'rules/fees.work-order/1.1.0.yaml',
    );
    const labour = Array.from({ length: 60_000 }, () => ({ hours: 0.0000001 }));
    for (const r of await refused(fees, { facts: { labour }, at: '2026-03-01' })) {
      expect(r.error.code).toBe('facts_invalid');
      expect(codes(r.error)).toEqual(['precision', 'details_truncated']);
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.bytes).toBeLessThan(RESPONSE_LIMIT);
    }
  });

  it('hit: unique with 300 matching rules: 100 details, a count, and a short message', async () => {
    const rules = Array.from(
      { length: 300 },
      (_, i) => `  - { id: r${i}, when: { n: { greaterThan: 0 } }, then: { ok: true } }`,
    );
    const unique = compiled(
      `kind: ruleset\nid: t.unique\nversion: 1.0.0\nstatus: draft\ntitle: unique\nfacts:\n  n: { type: number }\nhit: unique\noutputs:\n  ok: { type: boolean }\nrules:\n${rules.join('\n')}\n`,
      'unique.yaml',
    );
    for (const r of await refused(unique, { facts: { n: 1 }, at: '2026-03-01' })) {
      expect(r.error.code).toBe('eval_hit_unique');
      expect(r.error.message).toBe(
        'rules `r0`, `r1`, `r2`, `r3`, `r4` and 295 more match, and this ruleset allows one (hit: unique)',
      );
      expect(r.error.details).toHaveLength(101);
      expect(r.error.details.at(-1)?.code).toBe('details_truncated');
    }
  });
});

describe('answers_invalid on a 1 MiB body', () => {
  it('60,000 unknown items: 100 details, no "did you mean" computed for the rest', async () => {
    const answers: Record<string, unknown> = {};
    for (let i = 0; i < 60_000; i++) answers[`site.unknown-item-${i}`] = { value: true };
    const request = { facts: { jobType: 'repair' }, answers, at: '2026-03-01' };
    for (const r of await refused(checklist, request)) {
      expect(r.error.code).toBe('answers_invalid');
      expect(r.error.message).toContain('60000 problems');
      expect(codes(r.error)).toEqual(['answer_unknown_item', 'details_truncated']);
      expect(r.ms).toBeLessThan(LIMIT_MS);
      expect(r.bytes).toBeLessThan(RESPONSE_LIMIT);
    }
  });
});

describe('input depth', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = { next: deep };

  it('an undeclared fact nested 100,000 levels deep is too_deep, before anything recurses into it', async () => {
    for (const r of await refused(ruleset, { facts: { amount: 1, extra: deep }, at: '2026-03-01' })) {
      expect(r.error.code).toBe('facts_invalid');
      expect(codes(r.error)).toEqual(['too_deep']);
      expect(r.error.details[0]?.path).toMatch(/^\/extra(\/next){31}$/);
    }
  });

  it('and the report of such an evaluation is refused the same way, not a stack overflow', () => {
    expect(() => {
      const envelope = evaluateFast(ruleset, { facts: { amount: 1, extra: deep }, at: '2026-03-01' });
      renderReport(ruleset, { envelope, facts: { amount: 1, extra: deep } });
    }).toThrow(expect.objectContaining({ code: 'facts_invalid' }));
  });

  it('deep answers are answers_invalid', async () => {
    const answers = { 'site.lighting': { value: true, evidence: [deep] } };
    for (const r of await refused(checklist, { facts: { jobType: 'repair' }, answers, at: '2026-03-01' })) {
      expect(r.error.code).toBe('answers_invalid');
      expect(codes(r.error)).toEqual(['too_deep']);
    }
  });
});

describe('non-finite numbers', () => {
  it('1e400 in facts is not_finite (JSON.parse reads it as Infinity), never "amount Infinity"', async () => {
    const request = JSON.parse('{"facts": {"amount": 1e400, "readings": [1, -1e400]}, "at": "2026-03-01"}');
    for (const r of await refused(ruleset, request)) {
      expect(r.error.code).toBe('facts_invalid');
      expect(r.error.details.map((d) => `${d.code} ${d.path}`)).toEqual([
        'not_finite /amount',
        'not_finite /readings/1',
      ]);
    }
  });

  it('in answers, answers_invalid', async () => {
    const answers = JSON.parse('{"site.lighting": {"value": 1e400}}');
    for (const r of await refused(checklist, { facts: { jobType: 'repair' }, answers, at: '2026-03-01' })) {
      expect(r.error.code).toBe('answers_invalid');
      expect(r.error.details.map((d) => `${d.code} ${d.path}`)).toEqual([
        'not_finite /answers/site.lighting/value',
      ]);
    }
  });
});

describe('null facts and answers', () => {
  it('`facts: null` is one type error, not no facts', async () => {
    for (const r of await refused(ruleset, { facts: null, at: '2026-03-01' })) {
      expect(r.error.code).toBe('facts_invalid');
      expect(r.error.details.map((d) => d.code)).toEqual(['type']);
    }
  });

  it('`answers: null` is answer_shape', async () => {
    for (const r of await refused(checklist, {
      facts: { jobType: 'repair' },
      answers: null,
      at: '2026-03-01',
    })) {
      expect(r.error.code).toBe('answers_invalid');
      expect(r.error.details.map((d) => d.code)).toEqual(['answer_shape']);
    }
  });
});

describe('"did you mean" over unknown ids', () => {
  it('a 15 KB id against 1,000 standards answers standard_unknown at once', () => {
    const documents = new Map<string, CompiledDocument[]>();
    for (let i = 0; i < 1000; i++) documents.set(`area-${i}.${'standard'.repeat(i % 50)}`, [ruleset]);
    const index = { documents, withheld: new Map() } as unknown as StandardsIndex;
    const started = performance.now();
    const error = (() => {
      try {
        versionsOf(index, 'x'.repeat(15 * 1024));
      } catch (e) {
        return e as NormaError;
      }
    })();
    expect(error?.code).toBe('standard_unknown');
    expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    // The answer names some known ids, not a thousand of them.
    expect(JSON.stringify(error?.toJSON()).length).toBeLessThan(4096);
    expect(error?.details[0]?.message).toContain('and 980 more');
    // Ordinary typos are still suggested.
    const typo = (() => {
      try {
        versionsOf(index, 'area-0');
      } catch (e) {
        return e as NormaError;
      }
    })();
    expect(typo?.details[0]?.hint).toBe('did you mean `area-0.`?');
  });
});
