import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, shapeProblem } from './json-shape.ts';

describe('shapeProblem', () => {
  it('passes ordinary bodies, brackets, commas and colons inside strings included', () => {
    expect(shapeProblem('{"facts": {"a": [1, 2, {"b": "[[[{{,,:"}]}, "at": "2026-03-01"}')).toBeUndefined();
    expect(shapeProblem('{"a": "\\"[[["}', { maxDepth: 1 })).toBeUndefined();
  });

  it('finds the first level past the depth limit, in one pass over 400,000 brackets', () => {
    expect(shapeProblem('['.repeat(MAX_BODY_DEPTH))).toBeUndefined();
    expect(shapeProblem('['.repeat(MAX_BODY_DEPTH + 1))).toEqual({ limit: 'depth', offset: MAX_BODY_DEPTH });
    expect(shapeProblem(`{"x":${'['.repeat(400_000)}`)?.limit).toBe('depth');
  });

  it('counts the members of each object, not of arrays', () => {
    const object = (n: number) =>
      `{${Array.from({ length: n }, (_, i) => `"k${i}":{"a":1,"b":2}`).join(',')}}`;
    expect(shapeProblem(object(10), { maxMembers: 10 })).toBeUndefined();
    expect(shapeProblem(object(11), { maxMembers: 10 })?.limit).toBe('members');
    expect(shapeProblem(`[${'1,'.repeat(100)}1]`, { maxMembers: 10 })).toBeUndefined();
  });

  it('counts the elements of each list on their own limit', () => {
    const list = (n: number) => `[${Array.from({ length: n }, () => '{"a":[1,2,3]}').join(',')}]`;
    expect(shapeProblem(list(10), { maxElements: 10 })).toBeUndefined();
    expect(shapeProblem(list(11), { maxElements: 10 })?.limit).toBe('elements');
    expect(shapeProblem(`{"a":${list(11)}}`, { maxElements: 10, maxMembers: 10 })?.limit).toBe('elements');
  });

  it('counts different member names across the body; repeated names count once', () => {
    const items = (name: (i: number) => string) =>
      `[${Array.from({ length: 50 }, (_, i) => `{"${name(i)}": 1}`).join(',')}]`;
    expect(
      shapeProblem(
        items(() => 'same'),
        { maxNames: 10 },
      ),
    ).toBeUndefined();
    expect(
      shapeProblem(
        items((i) => `n${i}`),
        { maxNames: 10 },
      )?.limit,
    ).toBe('names');
    // A string value is not a name.
    expect(
      shapeProblem(`[${Array.from({ length: 50 }, (_, i) => `"v${i}"`).join(',')}]`, { maxNames: 10 }),
    ).toBeUndefined();
  });

  it('reads JSON Lines line by line: a broken line does not nest into the next', () => {
    const lines = Array.from({ length: 100 }, () => '{"a": [1, "broken').join('\n');
    expect(shapeProblem(lines, { lines: true })).toBeUndefined();
    expect(shapeProblem(lines.replaceAll('"broken', '[broken'))?.limit).toBe('depth');
  });
});
