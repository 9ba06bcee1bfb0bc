import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, compileDocument } from '../../document.ts';
import { evaluateFast, evaluateReferencePath } from '../../evaluate.ts';
import { bundledStandardsDir } from '../../standards/directory.ts';
import { conditionCode, setsOf } from '../kind.ts';

const file = 'rules/approval.work-order/1.0.0.yaml';
const text = readFileSync(join(bundledStandardsDir, file), 'utf8');
const request = { facts: { estimateTotal: 25000, payType: 'customer' }, at: '2026-03-01', explain: true };

describe('a served ruleset lets go of its condition trees once its code is generated', () => {
  it('reads them again from its text, the same trees, and explains as before', async () => {
    const served = compileDocument(text, file, undefined, { code: 'generated' }).document;
    const twin = compileDocument(text, file).document;
    if (!served || !twin) throw new Error('the document must compile');
    const conds = (doc: CompiledDocument) => setsOf(doc.compiled)[0]?.conds;
    // Before its first evaluation the document holds its trees.
    const held = conds(served);
    expect(conds(served)).toBe(held);
    const fast = evaluateFast(served, request);
    expect(conditionCode(served.compiled)).toBe('generated');
    // Then they are read again when asked for: the same trees as a document that kept them.
    expect(conds(served)).not.toBe(held);
    expect(JSON.stringify(conds(served))).toBe(JSON.stringify(held));
    expect(JSON.stringify(conds(served))).toBe(JSON.stringify(conds(twin)));
    // The reference path and explain run on them exactly as on the document that kept them.
    expect(await evaluateReferencePath(served, request)).toEqual(await evaluateReferencePath(twin, request));
    expect(evaluateFast(served, request)).toEqual(fast);
  });
});
