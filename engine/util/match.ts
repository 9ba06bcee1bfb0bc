/**
 * Partial match, as document `tests` and the case corpus use it: every key the expectation
 * names must match (other keys are ignored); lists match element by element and must have the
 * same length; anything else must be equal. Returns the mismatches, empty when it matches.
 */
export function partialMatch(actual: unknown, want: unknown, path = ''): string[] {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${path || '/'}: expected a mapping, got ${show(actual)}`];
    }
    const out: string[] = [];
    for (const [k, v] of Object.entries(want)) {
      const a = Object.hasOwn(actual, k) ? (actual as Record<string, unknown>)[k] : undefined;
      if (a === undefined && v !== undefined) out.push(`${path}/${k}: missing, expected ${show(v)}`);
      else out.push(...partialMatch(a, v, `${path}/${k}`));
    }
    return out;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(actual)) return [`${path || '/'}: expected a list, got ${show(actual)}`];
    if (actual.length !== want.length) {
      return [`${path || '/'}: expected ${want.length} element(s), got ${actual.length}: ${show(actual)}`];
    }
    return want.flatMap((w, i) => partialMatch(actual[i], w, `${path}/${i}`));
  }
  return Object.is(actual, want) || actual === want
    ? []
    : [`${path || '/'}: expected ${show(want)}, got ${show(actual)}`];
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
