/**
 * Version choice: for generated version histories (any statuses, effective dates in any order)
 * and any date, the version chosen is the highest approved one in force at that date, compared by
 * semver precedence (so 1.10.0 beats 1.9.0 and 1.0.0-rc.10 beats 1.0.0-rc.9); with none in force, `version_not_in_force`; a pin always wins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompiledDocument,
  chooseVersion,
  compareVersions,
  type NormaError,
} from '../../engine/index.ts';
import { compileData, header, params } from './support.ts';

interface VersionSpec {
  version: [number, number, number];
  /** Pre-release identifiers (`rc.10` is `['rc', 10]`); none for a release. */
  pre: readonly (string | number)[];
  status: 'draft' | 'approved' | 'retired';
  effective: string;
}

const dateArb = fc
  .integer({ min: 0, max: 60 })
  .map((m) => `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);

const specArb: fc.Arbitrary<VersionSpec> = fc.record({
  version: fc.tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 11 }),
    fc.integer({ min: 0, max: 2 }),
  ),
  pre: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    {
      weight: 3,
      arbitrary: fc.array(
        fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom('alpha', 'beta', 'rc', 'x-1')),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    },
  ),
  status: fc.constantFrom('draft', 'approved', 'retired'),
  effective: dateArb,
});

/** The version text of a spec: `1.0.0`, `1.0.0-rc.10`. */
function versionText(s: VersionSpec): string {
  return `${s.version.join('.')}${s.pre.length > 0 ? `-${s.pre.join('.')}` : ''}`;
}

const historyArb = fc.uniqueArray(specArb, {
  minLength: 1,
  maxLength: 6,
  selector: versionText,
});

/** Real compiled documents, one per version (compiled once per distinct spec). */
const cache = new Map<string, CompiledDocument>();
function documentOf(spec: VersionSpec): CompiledDocument {
  const version = versionText(spec);
  const key = `${version}|${spec.status}|${spec.effective}`;
  let doc = cache.get(key);
  if (!doc) {
    doc = compileData({
      ...header('ruleset', 'prop.versions'),
      version,
      status: spec.status,
      effective: spec.effective,
      ...(spec.status === 'draft' ? {} : { approved: { by: 'QA', at: spec.effective } }),
      ...(version === '0.0.0' ? {} : { change: 'generated' }),
      facts: {},
      hit: 'first',
      outputs: { v: { type: 'string' } },
      default: { v: version },
      rules: [],
    });
    cache.set(key, doc);
  }
  return doc;
}

/**
 * The model of semver precedence, written from semver.org §11 on the spec's tuple: the core
 * numerically, a release above its pre-releases, identifiers one by one (numbers as numbers and
 * below words), a longer list above its prefix.
 */
function precedence(a: VersionSpec, b: VersionSpec): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.version[i] as number) - (b.version[i] as number);
    if (d !== 0) return Math.sign(d);
  }
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length) || 0;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i] as string | number;
    const y = b.pre[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

function greater(a: VersionSpec, b: VersionSpec): boolean {
  return precedence(a, b) > 0;
}

describe('version precedence', () => {
  it('orders versions as semver does (`1.0.0-rc.10` after `1.0.0-rc.9`, releases after pre-releases)', () => {
    fc.assert(
      fc.property(specArb, specArb, (a, b) => {
        expect(compareVersions(versionText(a), versionText(b))).toBe(precedence(a, b));
      }),
      params(1000),
    );
  });

  it('sorts a history of versions in that order (as the index and history list them)', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const texts = history.map(versionText);
        const sorted = [...history].sort(precedence).map(versionText);
        expect([...texts].sort(compareVersions)).toEqual(sorted);
      }),
      params(200),
    );
  });
});

describe('version choice', () => {
  it('chooses the highest approved version in force at `at`', () => {
    fc.assert(
      fc.property(historyArb, dateArb, (history, at) => {
        const docs = history.map(documentOf);
        let want: VersionSpec | undefined;
        for (const s of history) {
          if (s.status === 'approved' && s.effective <= at && (!want || greater(s, want))) want = s;
        }
        let chosen: string | undefined;
        try {
          chosen = chooseVersion('prop.versions', docs, at).version;
        } catch (e) {
          expect((e as NormaError).code).toBe('version_not_in_force');
        }
        expect(chosen).toBe(want ? versionText(want) : undefined);
      }),
      params(300),
    );
  });

  it('a pinned version is used whatever its status and date', () => {
    fc.assert(
      fc.property(historyArb, dateArb, fc.nat(), (history, at, i) => {
        const docs = history.map(documentOf);
        const pinned = versionText(history[i % history.length] as VersionSpec);
        expect(chooseVersion('prop.versions', docs, at, pinned).version).toBe(pinned);
      }),
      params(200),
    );
  });
});
