import { describe, expect, it } from 'vitest';
import { chooseLang, fromAcceptLanguage, textIn } from './lang.ts';

describe('the page language', () => {
  it('follows ?lang= first and remembers it, then the cookie, then Accept-Language', () => {
    expect(chooseLang({ query: 'en', cookie: 'zh' })).toEqual({ lang: 'en', remember: true });
    expect(chooseLang({ query: 'fr', cookie: 'en' })).toEqual({ lang: 'en', remember: false });
    expect(chooseLang({ acceptLanguage: 'en-GB,en;q=0.9' })).toEqual({ lang: 'en', remember: false });
    expect(chooseLang({})).toEqual({ lang: 'zh', remember: false });
  });

  it('takes the better of zh and en by q-value, Chinese when neither is named', () => {
    expect(fromAcceptLanguage('de-DE,en;q=0.5,zh-CN;q=0.8')).toBe('zh');
    expect(fromAcceptLanguage('zh;q=0.2, en-US')).toBe('en');
    expect(fromAcceptLanguage('fr, de')).toBe('zh');
  });

  it('shows a bilingual text in the language asked for, and a plain one as written', () => {
    expect(textIn('en', { zh: '安全检查', en: 'Safety check' })).toBe('Safety check');
    expect(textIn('zh', { en: 'Safety check' })).toBe('Safety check');
    expect(textIn('en', '安全检查 (Safety check)')).toBe('安全检查 (Safety check)');
  });
});
