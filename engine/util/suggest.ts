/**
 * "Did you mean": the closest candidate by edit distance. The words come from requests and
 * documents (an unknown id, a misspelt field), so the work is bounded: words longer than
 * `MAX_WORD_LENGTH` get no suggestion, candidates whose length alone rules them out are skipped,
 * the distance is computed only in a band around the diagonal and abandoned as soon as it exceeds
 * the best found so far, and at most `MAX_CANDIDATES` candidates are compared.
 */

/** Longer words are not typos of a name worth suggesting; they get no suggestion. */
export const MAX_WORD_LENGTH = 64;
/** Candidates compared at most (the rest are ignored: a suggestion is a courtesy, not a search). */
export const MAX_CANDIDATES = 10_000;

/**
 * Edit distance with transpositions (optimal string alignment), for "did you mean"; when it is
 * above `max`, returns `max + 1` without finishing (O(length × max) instead of O(length²)).
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const cols = b.length + 1;
  // Three rows (the one before the previous, for transpositions); cells outside the band hold `over`.
  let before = new Array<number>(cols).fill(over);
  let previous = new Array<number>(cols).fill(over);
  let current = new Array<number>(cols).fill(over);
  for (let j = 0; j < cols && j <= max; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[from - 1] = from === 1 ? (i <= max ? i : over) : over;
    if (to < b.length) current[to + 1] = over;
    let rowMin = current[from - 1] as number;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current[j] = Math.min(best, over);
      if (best < rowMin) rowMin = best;
    }
    // Every later cell is at least the smallest of this row: nothing can come back under `max`.
    if (rowMin > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] as number, over);
}

/** The closest candidate to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > MAX_WORD_LENGTH) return undefined;
  const allowed = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = allowed + 1;
  let compared = 0;
  for (const c of candidates) {
    if (++compared > MAX_CANDIDATES) break;
    // Only a strictly better candidate replaces the best, so the bound tightens as it goes.
    const bound = bestScore - 1;
    if (Math.abs(c.length - word.length) > bound) continue;
    const score = editDistance(lower, c.toLowerCase(), bound);
    if (score < bestScore) {
      best = c;
      bestScore = score;
      if (score === 0) break;
    }
  }
  return best;
}

/** A "did you mean" hint, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const hit = closest(word, candidates);
  return hit === undefined ? undefined : `did you mean \`${hit}\`?`;
}
