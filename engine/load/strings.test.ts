import { describe, expect, it } from 'vitest';
import { canonicalJson } from './digest.ts';
import { compactStrings } from './strings.ts';

describe('compactStrings', () => {
  it('leaves data from a Latin-1 text as it is', () => {
    const data = { a: 'x' };
    expect(compactStrings(data, 'a: x\n')).toBe(data);
  });

  it('keeps every value, key, hole and non-plain object of data from a wide text', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 'z';
    const when = new Date(0);
    const data = {
      title: '工单 (work order)',
      id: 'a.b',
      list: sparse,
      nested: { 'key-é': ['v', 2, null, true, Number.NaN] },
      when,
      ['__proto__']: 'own',
    };
    Object.defineProperty(data, '__proto__', {
      value: 'own',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const out = compactStrings(data, 'title: 工单\n');
    expect(out).not.toBe(data);
    expect(canonicalJson(out)).toBe(canonicalJson(data));
    expect(Object.keys(out)).toEqual(Object.keys(data));
    expect(1 in (out.list as unknown[])).toBe(false);
    expect(out.when).toBe(when);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('gives every string back as it was when more distinct strings pass than the copies kept', () => {
    const data = Array.from({ length: 120_000 }, (_, i) => `值-${i % 70_000}`);
    const out = compactStrings(data, '标题\n');
    expect(out).toEqual(data);
    expect(compactStrings({ a: '甲', b: '甲' }, '甲')).toEqual({ a: '甲', b: '甲' });
  });
});
