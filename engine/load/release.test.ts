import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { loadYaml } from './yaml.ts';

const text = `kind: ruleset
id: t.release
version: 1.0.0
status: draft
title: 放行 (release)
facts:
  n: { type: number }
hit: first
outputs:
  ok: { type: boolean }
rules:
  - id: big
    when: { n: { greaterThan: 5 } }
    then: { ok: true }
`;

describe('a compiled document after its lookup caches are released', () => {
  it('still answers every position as the freshly loaded file does', () => {
    const doc = compileDocument(text, 'rules/t.release/1.0.0.yaml').document;
    if (!doc) throw new Error('the document does not compile');
    const fresh = loadYaml(text, 'rules/t.release/1.0.0.yaml').map;
    const pointers = [...fresh.value.keys()];
    expect(pointers.length).toBeGreaterThan(10);
    for (const p of pointers) expect(doc.map.value.get(p), p).toEqual(fresh.value.get(p));
    for (const p of [...fresh.key.keys()]) expect(doc.map.key.get(p), p).toEqual(fresh.key.get(p));
    expect(doc.map.value.get('/rules/7')).toBeUndefined();
  });
});
