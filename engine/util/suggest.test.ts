import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, MAX_WORD_LENGTH } from './suggest.ts';

/** The unbounded optimal-string-alignment distance, as a reference for the banded one. */
function fullDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** A deterministic pseudo-random word over a small alphabet (so that words share letters). */
function word(seed: number): string {
  let x = seed * 2654435761;
  const length = (seed % 9) + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += 'abc'[x % 3];
  }
  return out;
}

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
  it('keeps the first of equally close candidates', () => {
    expect(closest('cat', ['bat', 'cut', 'cap'])).toBe('bat');
  });

  it('agrees with the full distance within the bound, and answers max + 1 beyond it', () => {
    for (let s = 0; s < 400; s++) {
      const a = word(s);
      const b = word(s * 7 + 3);
      const full = fullDistance(a, b);
      expect(editDistance(a, b), `${a} ${b}`).toBe(full);
      for (const max of [0, 1, 2, 3]) {
        expect(editDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(full, max + 1));
      }
    }
  });

  it('bounds the work: a 15 KB word against 1,000 long candidates answers at once', () => {
    const candidates = Array.from({ length: 1000 }, (_, i) => `${'x'.repeat(15_000)}${i}`);
    const started = performance.now();
    expect(closest('x'.repeat(15_000), candidates)).toBeUndefined();
    expect(closest('y'.repeat(MAX_WORD_LENGTH), candidates)).toBeUndefined();
    // Long words within the cap against candidates of every length near them.
    const near = Array.from({ length: 1000 }, (_, i) => `${'ab'.repeat(30)}${i}`);
    expect(closest(`${'ab'.repeat(30)}12x`, near)).toBe(`${'ab'.repeat(30)}12`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
