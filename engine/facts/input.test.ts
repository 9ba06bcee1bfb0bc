import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DetailCollector, MAX_DETAILS } from '../util/details.ts';
import { type InputCopy, MAX_INPUT_DEPTH, readInput } from './input.ts';

function problems(value: unknown, base = ''): string[] {
  const details = new DetailCollector();
  readInput(value, base, 'none', details);
  return details.list().map((d) => `${d.code} ${d.path ?? ''}`);
}

function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 1; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return { top: v };
}

describe('request values', () => {
  it('refuse non-finite numbers at their path (JSON reads 1e400 as Infinity)', () => {
    expect(problems(JSON.parse('{"a": 1e400, "b": [1, -1e400], "c": {"d~/": 2}}'))).toEqual([
      'not_finite /a',
      'not_finite /b/1',
    ]);
    expect(problems({ x: { 'a/b': Number.NaN } }, '/answers')).toEqual(['not_finite /answers/x/a~1b']);
  });

  it(`accept ${MAX_INPUT_DEPTH} levels of nesting and refuse one more, once, without recursing into it`, () => {
    expect(problems(nested(MAX_INPUT_DEPTH))).toEqual([]);
    const deeper = problems(nested(MAX_INPUT_DEPTH + 1));
    expect(deeper).toHaveLength(1);
    expect(deeper[0]).toMatch(/^too_deep \/top/);
    // 100,000 levels: JSON.stringify or any recursive walk would overflow the stack.
    expect(problems(nested(100_000))).toHaveLength(1);
  });

  it('read own keys only, even with a key added to Object.prototype (no problem hidden or invented)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = Number.NaN;
    try {
      expect(problems({ a: { b: 1 }, c: [2] })).toEqual([]);
      expect(problems({ a: { b: Number.POSITIVE_INFINITY } })).toEqual(['not_finite /a/b']);
      const copy = readInput({ a: { b: 1 } }, '', 'deep', new DetailCollector());
      expect(Object.keys(copy as object)).toEqual(['a']);
    } finally {
      delete proto.polluted;
    }
  });

  it('cap the details: 60,000 bad numbers give 100 details and a count of the rest', () => {
    const many = Object.fromEntries(
      Array.from({ length: 60_000 }, (_, i) => [`f${i}`, Number.POSITIVE_INFINITY]),
    );
    const details = new DetailCollector();
    readInput(many, '', 'none', details);
    const list = details.list();
    expect(list).toHaveLength(MAX_DETAILS + 1);
    expect(list.at(-1)).toMatchObject({ code: 'details_truncated', message: '59900 more problems left out' });
  });

  it('copy into objects without a prototype (bare), so inherited names are plain keys', () => {
    const given = JSON.parse('{"__proto__": {"x": 1}, "list": [{"constructor": 2}]}');
    const copy = readInput(given, '', 'deep', new DetailCollector(), true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect((copy.list as Array<Record<string, unknown>>)[0]?.constructor).toBe(2);
    const shallow = readInput(given, '', 'shallow', new DetailCollector(), true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(shallow)).toBeNull();
    expect(shallow.list).toBe(given.list);
    expect(readInput(given, '', 'none', new DetailCollector())).toBe(given);
    // An ordinary copy keeps `__proto__` an own key too, and its prototype untouched.
    const plain = readInput(given, '', 'deep', new DetailCollector()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.hasOwn(plain, '__proto__')).toBe(true);
    expect((plain as { x?: unknown }).x).toBeUndefined();
  });
});

describe('copies of clean request values', () => {
  const value = fc.jsonValue({ maxDepth: 4 }).map((v) => ({ top: v }) as unknown);
  it('equal the value, share nothing when deep, share the lower levels when shallow', () => {
    fc.assert(
      fc.property(value, fc.constantFrom('none', 'shallow', 'deep') as fc.Arbitrary<InputCopy>, (v, copy) => {
        const details = new DetailCollector();
        const out = readInput(v, '', copy, details);
        expect(details.count).toBe(0);
        expect(out).toEqual(v);
        if (copy === 'none') expect(out).toBe(v);
        else expect(out).not.toBe(v);
        const inner = (v as { top: unknown }).top;
        const copied = (out as { top: unknown }).top;
        if (inner !== null && typeof inner === 'object') {
          if (copy === 'deep') expect(copied).not.toBe(inner);
          else expect(copied).toBe(inner);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keep `__proto__` an own key at every level of a deep copy', () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "a": [{"__proto__": 2}]}') as Record<string, unknown>;
    const out = readInput(v, '', 'deep', new DetailCollector()) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn((out.a as Array<Record<string, unknown>>)[0] as object, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe(JSON.stringify(v));
  });
});
