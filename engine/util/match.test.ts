import { describe, expect, it } from 'vitest';
import { partialMatch } from './match.ts';

describe('partialMatch', () => {
  it('ignores keys the expectation does not name', () => {
    expect(partialMatch({ a: 1, b: 2 }, { a: 1 })).toEqual([]);
  });
  it('names the path of each mismatch', () => {
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 2 } })).toEqual(['/a/b: expected 2, got 1']);
    expect(partialMatch({}, { a: 1 })).toEqual(['/a: missing, expected 1']);
  });
  it('matches lists element by element and by length', () => {
    expect(partialMatch([{ id: 'x', n: 1 }], [{ id: 'x' }])).toEqual([]);
    expect(partialMatch([1, 2], [1])).toHaveLength(1);
  });
});
