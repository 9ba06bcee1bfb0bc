/**
 * Semantic version precedence (semver.org §11): `1.10.0` > `1.9.2`; a pre-release sorts before its
 * release (`1.0.0-rc.1` < `1.0.0`); pre-release identifiers compare one by one, numeric ones as
 * numbers (`rc.10` > `rc.9`), alphanumeric ones in ASCII order, a numeric one before an
 * alphanumeric one, and a shorter list first when all before are equal (`alpha` < `alpha.1`).
 * Build metadata (`+…`) takes no part in precedence; document versions refuse it (header schema),
 * since two files differing only by it could not be told apart.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = split(a);
  const [coreB, preB] = split(b);
  const x = coreA.split('.');
  const y = coreB.split('.');
  for (let i = 0; i < 3; i++) {
    const d = compareNumeric(x[i] ?? '0', y[i] ?? '0');
    if (d !== 0) return d;
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return comparePreRelease(preA.split('.'), preB.split('.'));
}

function comparePreRelease(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = compareIdentifier(a[i] as string, b[i] as string);
    if (d !== 0) return d;
  }
  return Math.sign(a.length - b.length);
}

const NUMERIC = /^\d+$/;

function compareIdentifier(a: string, b: string): number {
  const numericA = NUMERIC.test(a);
  const numericB = NUMERIC.test(b);
  if (numericA && numericB) return compareNumeric(a, b);
  if (numericA) return -1;
  if (numericB) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Digit strings by value, of any length (no rounding beyond 2^53): by length, then by digit. */
function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return Math.sign(x.length - y.length);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The core and the pre-release of a version, build metadata dropped. */
function split(version: string): [string, string | undefined] {
  const plus = version.indexOf('+');
  const v = plus < 0 ? version : version.slice(0, plus);
  const dash = v.indexOf('-');
  return dash < 0 ? [v, undefined] : [v.slice(0, dash), v.slice(dash + 1)];
}
