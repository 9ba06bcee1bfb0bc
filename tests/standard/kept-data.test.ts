/**
 * A compiled document keeps its data weakly and reads it again from its text once it was
 * collected (engine/load/kept-data.ts): what it reads again must be exactly what compiling read,
 * for every document of the bundled standard and of the case corpus.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledDocument } from '../../engine/document.ts';
import { forgetData } from '../../engine/load/kept-data.ts';
import { bundledStandardsDir, loadStandards } from '../../engine/standards/directory.ts';
import { caseFiles, compileCase, readCase } from '../support/cases.ts';

function documents(): Array<[string, CompiledDocument]> {
  const out: Array<[string, CompiledDocument]> = [];
  for (const versions of loadStandards(bundledStandardsDir).documents.values()) {
    for (const doc of versions) out.push([doc.file, doc]);
  }
  for (const name of caseFiles()) {
    const spec = readCase<{ document?: unknown; file?: string }>(name);
    if (typeof spec.document !== 'string') continue;
    const compiled = compileCase(spec.document, spec.file);
    const doc = compiled.document ?? compiled.provisional;
    if (doc) out.push([`tests/cases/${name}`, doc]);
  }
  return out;
}

/**
 * Where two values differ: a value, a prototype, or own keys and their order. (Not vitest's
 * toStrictEqual, which compares `constructor` properties, and a document may declare a fact of
 * that name.)
 */
function differences(a: unknown, b: unknown, path: string, out: string[] = []): string[] {
  if (Object.is(a, b)) return out;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    out.push(`${path}: ${String(a)} ≠ ${String(b)}`);
    return out;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) out.push(`${path}: another prototype`);
  const keys = Reflect.ownKeys(a);
  if (JSON.stringify(keys.map(String)) !== JSON.stringify(Reflect.ownKeys(b).map(String))) {
    out.push(`${path}: other keys`);
  }
  for (const k of keys) {
    differences(
      (a as Record<PropertyKey, unknown>)[k],
      (b as Record<PropertyKey, unknown>)[k],
      `${path}/${String(k)}`,
      out,
    );
  }
  return out;
}

describe("a document's data read again from its text", () => {
  const all = documents();

  it('is exactly the data compiling read, keys in the same order, for every document', () => {
    expect(all.length).toBeGreaterThan(150);
    for (const [file, doc] of all) {
      const before = doc.data;
      expect(doc.data, file).toBe(before); // held: the same object
      forgetData(doc);
      const again = doc.data;
      expect(again, file).not.toBe(before);
      expect(differences(again, before, ''), file).toEqual([]);
      expect(JSON.stringify(again), file).toBe(JSON.stringify(before));
      expect(doc.data, file).toBe(again);
    }
  });
});
