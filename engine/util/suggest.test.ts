import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './suggest.ts';

describe('suggest', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('mielageKm', 'mileageKm')).toBe(1);
  });
  it('suggests the closest declared name for a typo', () => {
    expect(closest('estimatTotal', ['payType', 'estimateTotal'])).toBe('estimateTotal');
    expect(didYouMean('mileagekm', ['mileageKm'])).toBe('did you mean `mileageKm`?');
  });
  it('suggests nothing when no name is close', () => {
    expect(closest('colour', ['payType', 'estimateTotal'])).toBeUndefined();
  });
});
