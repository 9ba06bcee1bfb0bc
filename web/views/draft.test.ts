import { describe, expect, it } from 'vitest';
import { compileDocument, loadStandards } from '../../engine/index.ts';
import { testdataDir } from '../../server/testing.ts';
import { draftText, namesOf, nextVersion, operators } from './draft.ts';

describe('the draft the editor starts from', () => {
  const latest = loadStandards(testdataDir).documents.get('approval.work-order')?.at(-1);
  if (!latest) throw new Error('no test document');

  it('is the next minor version, a draft without approval, effective date or change note', () => {
    expect(nextVersion(['1.0.0', '1.1.0', '2.0.0'])).toBe('2.1.0');
    const text = draftText(latest, '1.2.0');
    expect(text).toMatch(/^version: 1\.2\.0$/m);
    expect(text).toMatch(/^status: draft$/m);
    expect(text).not.toMatch(/^(approved|effective):/m);
    // Once the change is written, the draft compiles.
    const written = text.replace(/^change: .*$/m, 'change: a test');
    expect(compileDocument(written, 'rules/approval.work-order/1.2.0.yaml').document?.status).toBe('draft');
  });

  it('completes the declared facts and outputs, and the operators of the schemas', () => {
    expect(namesOf(latest)).toEqual({ facts: ['payType', 'estimateTotal'], outputs: ['approver'] });
    expect(operators()).toEqual(expect.arrayContaining(['greaterThan', 'in', 'withinDays']));
  });
});
