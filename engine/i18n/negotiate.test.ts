import { describe, expect, it } from 'vitest';
import { MAX_HEADER, negotiate } from './negotiate.ts';

describe('negotiate', () => {
  it('is Chinese when nothing, or neither language, is asked for', () => {
    expect(negotiate(undefined)).toBe('zh');
    expect(negotiate('')).toBe('zh');
    expect(negotiate('fr, de;q=0.9, *')).toBe('zh');
  });

  it('reads zh, zh-CN and zh-Hans as Chinese, and every en tag as English', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'ZH-hans-CN']) expect(negotiate(tag)).toBe('zh');
    for (const tag of ['en', 'en-US', 'en-GB', 'EN']) expect(negotiate(tag)).toBe('en');
    expect(negotiate('zhx, english')).toBe('zh');
  });

  it('honours q-values, and q=0 refuses a language', () => {
    expect(negotiate('de-DE,en;q=0.5,zh-CN;q=0.8')).toBe('zh');
    expect(negotiate('zh;q=0.2, en-US')).toBe('en');
    expect(negotiate('en;q=0, zh;q=0.1')).toBe('zh');
    expect(negotiate('zh;q=0, en;q=0.1')).toBe('en');
    // A malformed q-value never wins over a well-formed one.
    expect(negotiate('en;q=abc, zh;q=0.1')).toBe('zh');
    expect(negotiate('en;q=2, zh;q=0.1')).toBe('zh');
  });

  it('takes the first of two equally preferred languages', () => {
    expect(negotiate('en, zh')).toBe('en');
    expect(negotiate('zh-CN;q=0.9, en;q=0.9')).toBe('zh');
  });

  it('reads only the start of a huge header, in bounded time', () => {
    const flood = `${'fr;q=0.1,'.repeat(100_000)}en`;
    const started = performance.now();
    expect(negotiate(flood)).toBe('zh');
    expect(performance.now() - started).toBeLessThan(50);
    expect(negotiate(`${' '.repeat(MAX_HEADER)}en`)).toBe('zh');
  });
});
