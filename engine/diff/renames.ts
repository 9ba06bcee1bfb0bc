/**
 * Rename detection for lists keyed by id: an element whose key is gone from the old version and an
 * element whose key is new in the new version are the same element renamed when their bodies
 * (everything but the key) are equal or nearly so. Then the diff says "renamed", with the fields
 * that changed, instead of one removed blob and one added blob.
 */
import { canonicalJson } from '../load/digest.ts';

// More than half of the fields must be equal: a rule whose conditions and outputs both changed
// is a different rule, not the old one renamed.
const MIN_SIMILARITY = 0.5;

// Unmatched elements compared pairwise at most; beyond this the diff reports adds and removes.
const MAX_CANDIDATES = 200;

/** Pairs `[old index, new index]` of renamed elements, best match first, each element once. */
export function pairRenames(
  a: readonly Record<string, unknown>[],
  b: readonly Record<string, unknown>[],
  key: string,
  unmatchedA: readonly number[],
  unmatchedB: readonly number[],
): [number, number][] {
  if (unmatchedA.length === 0 || unmatchedB.length === 0) return [];
  if (unmatchedA.length > MAX_CANDIDATES || unmatchedB.length > MAX_CANDIDATES) return [];
  const bodiesA = unmatchedA.map((i) => bodyOf(a[i] ?? {}, key));
  const bodiesB = unmatchedB.map((j) => bodyOf(b[j] ?? {}, key));
  const candidates: { i: number; j: number; score: number }[] = [];
  bodiesA.forEach((bodyA, x) => {
    bodiesB.forEach((bodyB, y) => {
      const score = similarity(bodyA, bodyB);
      if (score > MIN_SIMILARITY)
        candidates.push({ i: unmatchedA[x] as number, j: unmatchedB[y] as number, score });
    });
  });
  // Best first; among equals, the pair closest in position, then the earlier one.
  candidates.sort((p, q) => q.score - p.score || Math.abs(p.i - p.j) - Math.abs(q.i - q.j) || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

/** An element's fields other than its key, each as canonical JSON. */
function bodyOf(element: Record<string, unknown>, key: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [field, value] of Object.entries(element))
    if (field !== key) out.set(field, canonicalJson(value));
  return out;
}

/** The share of fields (of either body) that are present in both with equal values. */
function similarity(a: Map<string, string>, b: Map<string, string>): number {
  const fields = new Set([...a.keys(), ...b.keys()]);
  if (fields.size === 0) return 0;
  let equal = 0;
  for (const field of fields) if (a.has(field) && a.get(field) === b.get(field)) equal++;
  return equal / fields.size;
}
