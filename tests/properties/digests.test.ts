/**
 * Digests identify meaning, not text: re-formatting a document (indentation, flow or block
 * style, key order, comments) never changes its digest, and changing any one value always does.
 * Checked on the bundled documents and on generated data, through the real loader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isPair, isScalar, visit } from 'yaml';
import {
  bundledStandardsDir,
  compileDocument,
  digestOf,
  documentDigest,
  listStandardFiles,
  loadYaml,
} from '../../engine/index.ts';
import { params } from './support.ts';

const bundled = listStandardFiles(bundledStandardsDir)
  .map((path) => ({ path, text: readFileSync(join(bundledStandardsDir, path), 'utf8') }))
  .map(({ path, text }) => ({ path, text, data: loadYaml(text, path).data }))
  .map((b) => ({ ...b, digest: digestOf(b.data) }))
  .filter(({ data }) => data !== null && typeof data === 'object');

/** A JSON-like document: mappings, lists, text, numbers, booleans, null. */
const dataArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__'),
  fc.jsonValue({ maxDepth: 3 }),
  { minKeys: 1, maxKeys: 6 },
) as fc.Arbitrary<Record<string, unknown>>;

interface Style {
  indent: number;
  flow: boolean;
  comments: boolean;
  shuffleSeed: number;
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.integer({ min: 1, max: 6 }),
  flow: fc.boolean(),
  comments: fc.boolean(),
  shuffleSeed: fc.integer({ min: 0, max: 1000 }),
});

/** The same data written differently: another indentation, flow or block, keys reordered, comments. */
function rewrite(data: unknown, style: Style): string {
  const doc = new Document(data);
  let n = style.shuffleSeed;
  visit(doc, {
    Map(_, map) {
      // A deterministic shuffle: rotate the keys by a varying amount, reverse every other map.
      const items = [...map.items];
      const k = items.length > 0 ? n % items.length : 0;
      map.items = [...items.slice(k), ...items.slice(0, k)];
      if (n % 2 === 1) map.items.reverse();
      n = (n * 31 + 7) % 1009;
      if (style.flow && n % 3 === 0) map.flow = true;
    },
    Pair(_, pair) {
      if (style.comments && isScalar(pair.key) && n++ % 2 === 0) pair.key.commentBefore = ' a comment';
    },
  });
  if (style.comments) doc.commentBefore = ' reformatted';
  return doc.toString({ indent: style.indent, lineWidth: 0 });
}

/** The data with one value changed, chosen by `pick` among every scalar leaf. */
function mutate(data: unknown, pick: number): { changed: unknown; did: boolean } {
  const copy = structuredClone(data);
  const doc = new Document(copy);
  const leaves: unknown[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      const parent = path[path.length - 1];
      if (key === 'key' && isPair(parent)) return;
      leaves.push(node);
    },
  });
  if (leaves.length === 0) return { changed: copy, did: false };
  const node = leaves[pick % leaves.length] as { value: unknown };
  const v = node.value;
  node.value =
    typeof v === 'number'
      ? nextNumber(v)
      : typeof v === 'boolean'
        ? !v
        : typeof v === 'string'
          ? `${v}x`
          : v === null
            ? 0
            : v;
  return { changed: doc.toJS(), did: true };
}

/** A different number: v + 1, or −v where + 1 is lost to floating-point precision. */
function nextNumber(v: number): number {
  return v + 1 !== v ? v + 1 : -v;
}

function digestOfText(text: string): string {
  const loaded = loadYaml(text, 'x.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return digestOf(loaded.data);
}

describe('digests', () => {
  it('formatting, comments and key order never change the digest of a bundled document', () => {
    expect(bundled.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...bundled), styleArb, ({ data, digest }, style) => {
        expect(digestOfText(rewrite(data, style))).toBe(digest);
      }),
      params(60),
    );
  });

  it('the compiled document carries the same digest as its rewritten text', () => {
    const approval = bundled.find((b) => b.path === 'rules/approval.work-order/1.1.0.yaml');
    expect(approval).toBeDefined();
    if (!approval) return;
    fc.assert(
      fc.property(styleArb, (style) => {
        const a = compileDocument(approval.text, 'a.yaml').document?.digest;
        const b = compileDocument(rewrite(approval.data, style), 'b.yaml').document?.digest;
        expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(b).toBe(a);
      }),
      params(30),
    );
  });

  it('formatting never changes the digest of generated data', () => {
    fc.assert(
      fc.property(dataArb, styleArb, (data, style) => {
        expect(digestOfText(rewrite(data, style))).toBe(digestOf(data));
      }),
      params(200),
    );
  });

  it('changing any one value changes the digest', () => {
    const docs = fc.oneof(dataArb, fc.constantFrom(...bundled.map((b) => b.data as Record<string, unknown>)));
    fc.assert(
      fc.property(docs, fc.nat(), (data, pick) => {
        const { changed, did } = mutate(data, pick);
        fc.pre(did);
        expect(digestOf(changed)).not.toBe(digestOf(data));
      }),
      params(200),
    );
  });
});

/** Values JSON cannot hold, and JSON values they must never be confused with. */
const edgeArb = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  null,
  undefined,
  '0',
  'NaN',
  'Infinity',
  'null',
  new Date('2025-01-01T00:00:00Z'),
  '2025-01-01T00:00:00.000Z',
  new Uint8Array([1, 2]),
  { 0: 1, 1: 2 },
  {},
);

describe('digests of values that evaluate differently', () => {
  it('tell every edge value apart, at any depth (NaN, ±Infinity, -0, null, undefined, text, dates, bytes)', () => {
    fc.assert(
      fc.property(edgeArb, edgeArb, fc.constantFrom('x', 'rules'), (a, b, key) => {
        fc.pre(!Object.is(a, b) && !sameObject(a, b));
        expect(digestOf({ [key]: a })).not.toBe(digestOf({ [key]: b }));
        expect(digestOf({ [key]: [{ greaterThan: a }] })).not.toBe(digestOf({ [key]: [{ greaterThan: b }] }));
      }),
      params(200),
    );
  });

  it('keep `greaterThan: .inf` and `greaterThan: -.inf` apart, and the loader refuses both', () => {
    const when = (v: unknown) => digestOf({ when: { total: { greaterThan: v } } });
    const digests = [Infinity, -Infinity, Number.NaN, null, 0, -0, '0'].map(when);
    expect(new Set(digests).size).toBe(digests.length);
    // Through the real loader: what JSON cannot hold never becomes a document at all.
    for (const v of ['.inf', '-.inf', '.nan', '1e400']) {
      const codes = loadYaml(`when: { total: { greaterThan: ${v} } }\n`, 'x.yaml').diagnostics.map(
        (d) => d.code,
      );
      expect(codes).toEqual(['number_not_finite']);
    }
    const through = (v: string) => digestOfText(`when: { total: { greaterThan: ${v} } }\n`);
    const texts = ['null', '0', '-0', '"0"'].map(through);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('tell a number from the same number written as text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (n) => {
        expect(digestOf({ v: n })).not.toBe(digestOf({ v: String(n) }));
      }),
      params(200),
    );
  });

  it('ignore the order of keys in a mapping but not the order of a list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 5 }),
        (keys) => {
          const forward = Object.fromEntries(keys.map((k, i) => [k, i]));
          const backward = Object.fromEntries([...keys].reverse().map((k) => [k, forward[k]]));
          expect(digestOf(backward)).toBe(digestOf(forward));
          expect(digestOf({ list: [...keys].reverse() })).not.toBe(digestOf({ list: keys }));
        },
      ),
      params(200),
    );
  });

  it('tell a hole in a list from undefined and from null, and a missing key from an undefined one', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const holed = [, 1];
    const digests = [holed, [undefined, 1], [null, 1]].map((list) => digestOf({ list }));
    expect(new Set(digests).size).toBe(3);
    expect(digestOf({ a: 1, b: undefined })).not.toBe(digestOf({ a: 1 }));
  });

  it('leave out the lifecycle (`status`), and nothing else', () => {
    fc.assert(
      fc.property(dataArb, fc.constantFrom('draft', 'approved', 'retired'), (data, status) => {
        expect(documentDigest({ ...data, status })).toBe(documentDigest({ ...data, status: 'approved' }));
        expect(documentDigest({ ...data, status, extra: 1 })).not.toBe(documentDigest({ ...data, status }));
      }),
      params(100),
    );
  });
});

/** Two objects of the same type and content (`{}` and `{}`): the same value for a digest. */
function sameObject(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return a.constructor === b.constructor && JSON.stringify(a) === JSON.stringify(b);
}
