import { describe, expect, it } from 'vitest';
import { UUID_V7, uuidv7, uuidv7Generator, uuidv7Time } from './ids.ts';

describe('uuidv7', () => {
  it('has the version 7 and the RFC 9562 variant bits', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('carries the time it was made in its first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 28, 8, 30, 0, 123);
    const id = uuidv7Generator(() => ms)();
    expect(uuidv7Time(id)).toBe(ms);
    expect(id.replace('-', '').slice(0, 12)).toBe(ms.toString(16).padStart(12, '0'));
  });

  it('takes fresh random bits for every id, past the pool of random bytes it fills at once', () => {
    const next = uuidv7Generator(() => 1_800_000_000_000);
    const tails = Array.from({ length: 2_000 }, () => next().slice(19));
    expect(new Set(tails).size).toBe(tails.length);
  });

  it('sorts in the order ids were made, within one millisecond and across many', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays ordered when the clock stands still past the counter or goes back', () => {
    let now = 1_800_000_000_000;
    const next = uuidv7Generator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(next()); // far more than 4096 in one millisecond
    now -= 5_000; // the clock steps back
    for (let i = 0; i < 100; i++) ids.push(next());
    now += 60_000;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidv7Time(ids.at(-1) as string)).toBe(now);
  });
});
