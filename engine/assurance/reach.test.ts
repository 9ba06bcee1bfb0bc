import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { deepSearch } from './reach.ts';

// `dead` can never match (x above 5 and below 3), but through an `any`, which the load-time
// reasoning does not read; `live` matches often.
const DOC = `kind: ruleset
id: t.deep
version: 1.0.0
status: draft
title: deep
facts:
  x: { type: number, minimum: 0, maximum: 10 }
hit: collect
outputs:
  flag: { type: string }
rules:
  - id: dead
    when: { all: [{ any: [{ x: { greaterThan: 5 } }] }, { x: { lessThan: 3 } }] }
    then: { flag: dead }
  - id: live
    when: { x: { lessThan: 3 } }
    then: { flag: live }
`;

describe('deepSearch', () => {
  it('warns about an element no generated input applied, saying how hard it looked', async () => {
    const { document, diagnostics } = compileDocument(DOC, 'rules/t.deep/1.0.0.yaml');
    expect(diagnostics.map((d) => d.code)).toEqual([]);
    const found = await deepSearch(document as NonNullable<typeof document>, 200);
    expect(found.map((d) => [d.code, d.severity, d.line])).toEqual([['never_reached', 'warning', 12]]);
    expect(found[0]?.message).toBe(
      "rule `dead` was never applied: no input found in 200 tries, nor by the document's tests",
    );
  });

  it('gives the same warnings on every run (a fixed seed)', async () => {
    const { document } = compileDocument(DOC, 'x.yaml');
    const doc = document as NonNullable<typeof document>;
    expect(await deepSearch(doc, 50)).toEqual(await deepSearch(doc, 50));
  });
});
