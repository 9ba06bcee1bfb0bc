import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileDocument } from '../../document.ts';
import { createAjv } from '../../validate/ajv.ts';

const sample = readFileSync(
  new URL('../../../rules/approval.work-order/1.0.0.yaml', import.meta.url),
  'utf8',
);
const lines = sample.split('\n');

const header = 'kind: ruleset\nid: t.x\nversion: 1.0.0\nstatus: draft\ntitle: x\n';

describe('compiling a ruleset', () => {
  it('reports, never throws, on data of the wrong shape everywhere', () => {
    const bodies = [
      'hit: 5\noutputs: []\nrules: 7\n',
      'hit: first\noutputs: { a: 3 }\nrules: [1, "x", null, []]\ndefault: [1]\n',
      'hit: collect\noutputs: { a: { type: number, aggregate: avg } }\nrules:\n  - { id: r, when: 3, then: "x", message: 5, priority: "high" }\n',
      'facts: [1, 2]\nhit: first\noutputs: { a: { enum: [x] } }\nrules:\n  - { id: r, when: { a: { in: 3 } }, then: { a: x } }\n',
      'facts: { a: 5, b: { type: nonsense } }\nhit: first\noutputs: { a: {} }\nrules: [{ id: r, then: {} }]\n',
    ];
    for (const body of bodies) {
      const r = compileDocument(header + body, 'x.yaml');
      expect(r.document, body).toBeUndefined();
      expect(r.diagnostics.length, body).toBeGreaterThan(0);
      for (const d of r.diagnostics) expect(d.line, JSON.stringify(d)).toBeGreaterThan(0);
    }
  });

  it('survives any deletion, duplication or swap of the sample’s lines with located diagnostics', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(lines.length - 2) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const copy = [...lines];
        for (const e of edits) {
          if (e.op === 'delete') copy.splice(e.at, 1);
          else if (e.op === 'duplicate') copy.splice(e.at, 0, copy[e.at] ?? '');
          else [copy[e.at], copy[e.at + 1]] = [copy[e.at + 1] ?? '', copy[e.at] ?? ''];
        }
        const r = compileDocument(copy.join('\n'), 'x.yaml');
        for (const d of r.diagnostics) {
          expect(d.code).toMatch(/^[a-z]+(_[a-z]+)+$/);
          expect(d.line).toBeGreaterThan(0);
        }
        if (r.document) expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('checking `then` values against their outputs', () => {
  // Common output schemas are checked directly and ajv compiles only on a failure: the outcome
  // and the message must be ajv's in every case.
  const schemas = [
    '{ enum: [a, 1, true, null] }',
    '{ type: string }',
    '{ type: number, description: fee }',
    '{ type: boolean }',
    '{ type: integer }',
    '{ enum: [a], title: t }',
  ];
  const values = ['a', '1', '1.5', 'true', 'null', 'b', '[a]', '{ x: 1 }', '"1"', '-0'];
  const ajv = createAjv();

  it('refuses exactly the values ajv refuses, with its message', () => {
    for (const schema of schemas) {
      const validate = ajv.compile(parse(schema));
      for (const value of values) {
        const body = `hit: first\noutputs: { o: ${schema} }\nrules:\n  - { id: r, then: { o: ${value} } }\n`;
        const r = compileDocument(header + body, 'x.yaml');
        const found = r.diagnostics.filter((d) => d.code === 'then_invalid');
        const fits = validate(parse(value));
        expect(found.length, `${schema} ${value}`).toBe(fits ? 0 : 1);
        if (!fits && validate.errors?.[0]?.keyword !== 'enum') {
          expect(found[0]?.message, `${schema} ${value}`).toContain(validate.errors?.[0]?.message ?? '?');
        }
      }
    }
  });
});
