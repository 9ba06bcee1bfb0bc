import { describe, expect, it } from 'vitest';
import { MASKED } from '../../engine/index.ts';
import { evidenceHashes, inputRows, searchOf, withSearch } from './records.ts';

describe('the records views', () => {
  it('flattens facts into rows, nested names dotted, masked values marked', () => {
    expect(
      inputRows({ estimateTotal: 25000, customer: { name: MASKED, tier: 'gold' }, tags: ['a', 'b'] }),
    ).toEqual([
      { name: 'estimateTotal', value: '25000', masked: false },
      { name: 'customer.name', value: '', masked: true },
      { name: 'customer.tier', value: 'gold', masked: false },
      { name: 'tags', value: 'a, b', masked: false },
    ]);
    expect(inputRows(undefined)).toEqual([]);
  });

  it('finds the evidence hashes of the answers, and nothing else', () => {
    const hash = `sha256:${'ab'.repeat(32)}`;
    expect(
      evidenceHashes({ 'a.b': { answer: 'pass', evidence: [hash, '签字 S-01'] }, 'c.d': { answer: 'fail' } }),
    ).toEqual([{ item: 'a.b', hash }]);
    expect(evidenceHashes(null)).toEqual([]);
  });

  it('keeps the search in its links, without empty fields', () => {
    const q: Record<string, string> = { subjectType: 'work-order', subjectId: ' WO-1 ', standard: '' };
    const search = searchOf((n) => q[n]);
    expect(search).toEqual({ subjectType: 'work-order', subjectId: 'WO-1' });
    expect(withSearch('/records', search, { after: 'x' })).toBe(
      '/records?subjectType=work-order&subjectId=WO-1&after=x',
    );
    expect(withSearch('/records', {})).toBe('/records');
  });
});
