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
