import { describe, expect, it } from 'vitest';
import { isText, textOf, wording, wordings } from './text.ts';

describe('textOf', () => {
  it('gives a plain string as written, in either language: it is the document’s language', () => {
    expect(textOf('现场安全检查 (Site safety check)', 'en', 'zh')).toBe('现场安全检查 (Site safety check)');
    expect(textOf('Site safety check', 'zh', 'en')).toBe('Site safety check');
    expect(wording('Site safety check', 'zh', 'en')).toEqual({ text: 'Site safety check', lang: 'en' });
  });

  it('gives the language asked for of a {zh, en}, and falls back to the other one', () => {
    const both = { zh: '安全检查', en: 'Safety check' };
    expect(textOf(both, 'zh')).toBe('安全检查');
    expect(textOf(both, 'en')).toBe('Safety check');
    expect(textOf({ zh: '安全检查' }, 'en')).toBe('安全检查');
    expect(wording({ zh: '安全检查' }, 'en')).toEqual({ text: '安全检查', lang: 'zh' });
    expect(textOf({ en: 'Safety check' }, 'zh')).toBe('Safety check');
  });

  it('reads what is not text as empty, never as [object Object]', () => {
    expect(textOf(undefined, 'zh')).toBe('');
    expect(textOf({ fr: 'contrôle' }, 'en')).toBe('');
    expect(textOf(['a'], 'en')).toBe('');
    expect(isText({ fr: 'x' })).toBe(false);
    expect(isText({ en: 'x' })).toBe(true);
    expect(wordings({ zh: '甲', en: 'A' })).toEqual(['甲', 'A']);
    expect(wordings(3)).toEqual([]);
  });
});
