/**
 * Version choice: for generated version histories (any statuses, effective dates in any order)
 * and any date, the version chosen is the highest approved one in force at that date, compared by
 * semver (so 1.10.0 beats 1.9.0); with none in force, `version_not_in_force`; a pin always wins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, chooseVersion, type NormaError } from '../../engine/index.ts';
import { compileData, header, params } from './support.ts';

interface VersionSpec {
  version: [number, number, number];
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
  status: fc.constantFrom('draft', 'approved', 'retired'),
  effective: dateArb,
});

const historyArb = fc.uniqueArray(specArb, {
  minLength: 1,
  maxLength: 6,
  selector: (s) => s.version.join('.'),
});

/** Real compiled documents, one per version (compiled once per distinct spec). */
const cache = new Map<string, CompiledDocument>();
function documentOf(spec: VersionSpec): CompiledDocument {
  const version = spec.version.join('.');
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

/** The model: semver as a tuple, compared lexicographically. */
function greater(a: VersionSpec, b: VersionSpec): boolean {
  for (let i = 0; i < 3; i++) {
    const x = a.version[i] as number;
    const y = b.version[i] as number;
    if (x !== y) return x > y;
  }
  return false;
}

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
        expect(chosen).toBe(want?.version.join('.'));
      }),
      params(300),
    );
  });

  it('a pinned version is used whatever its status and date', () => {
    fc.assert(
      fc.property(historyArb, dateArb, fc.nat(), (history, at, i) => {
        const docs = history.map(documentOf);
        const pinned = history[i % history.length]?.version.join('.') as string;
        expect(chooseVersion('prop.versions', docs, at, pinned).version).toBe(pinned);
      }),
      params(200),
    );
  });
});
