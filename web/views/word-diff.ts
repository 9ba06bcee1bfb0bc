/**
 * Changed words between two texts, for diffs people read: the words both share stay plain, the
 * old ones are struck through and the new ones marked. Chinese has no spaces, so each Han
 * character is a word of its own.
 */

export interface WordPart {
  text: string;
  op: 'same' | 'removed' | 'added';
}

/** Words, spaces, punctuation and single Han characters, in order; joined they give the text back. */
export function words(text: string): string[] {
  return text.match(/\p{Script=Han}|[\p{L}\p{N}_.-]+|\s+|[^\p{L}\p{N}\s]/gu) ?? [];
}

// Longer texts are shown as one removal and one addition: the table below grows as their product.
const MAX_TOKENS = 400;

/** The parts of the change from `before` to `after`, by the longest common run of words. */
export function wordDiff(before: string, after: string): WordPart[] {
  const a = words(before);
  const b = words(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    return merge([
      ...(before ? [{ text: before, op: 'removed' as const }] : []),
      ...(after ? [{ text: after, op: 'added' as const }] : []),
    ]);
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const parts: WordPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ text: a[i++] as string, op: 'same' });
      j++;
    } else if (i < a.length && (j === b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // Old words first, then new ones: read as "was …, now …".
      parts.push({ text: a[i++] as string, op: 'removed' });
    } else {
      parts.push({ text: b[j++] as string, op: 'added' });
    }
  }
  return merge(parts);
}

/** Neighbouring parts of the same kind as one, so a marked phrase reads as a phrase. */
function merge(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
