import { describe, expect, it } from 'vitest';
import { codeWord, hasWord, reportLabel, textIn } from './report-words.ts';

describe('report labels', () => {
  it('has every label in both languages with the same placeholders', () => {
    for (const key of ['page', 'taxNote', 'changesSummary', 'warrantyFrom'] as const) {
      const names = (lang: 'zh' | 'en') =>
        [...reportLabel(key, lang).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names('zh'), key).toEqual(names('en'));
    }
    expect(reportLabel('page', 'zh', { page: 1, pages: 2 })).toBe('第 1 页 / 共 2 页');
    expect(reportLabel('page', 'en', { page: 1, pages: 2 })).toBe('Page 1 of 2');
  });

  it('has a word for every code the kinds print', () => {
    const produced: Record<string, string[]> = {
      status: ['pass', 'fail', 'na', 'missing', 'incomplete'],
      reason: [
        'ok',
        'expect_not_met',
        'evidence_missing',
        'at_missing',
        'out_of_order',
        'not_answered',
        'not_applicable',
      ],
      severity: ['critical', 'major', 'minor'],
      answer: ['true', 'false', 'na'],
      stepState: ['done', 'pending', 'blocked', 'not-applicable', 'current'],
      payer: ['customer', 'manufacturer', 'internal'],
      category: ['oem', 'aftermarket', 'refurbished', 'remanufactured', 'reused'],
      op: ['added', 'removed', 'changed', 'moved', 'renamed'],
    };
    for (const [vocabulary, codes] of Object.entries(produced))
      for (const code of codes) expect(hasWord(vocabulary, code), `${vocabulary}.${code}`).toBe(true);
  });

  it('prints answers, statuses and categories as words, an unknown code as itself', () => {
    expect(codeWord('answer', true)).toBe('是');
    expect(codeWord('answer', false, 'en')).toBe('No');
    expect(codeWord('status', 'na')).toBe('不适用');
    expect(codeWord('category', 'aftermarket')).toBe('同质配件');
    expect(codeWord('status', 'something-new')).toBe('something-new');
    expect(codeWord('status', '__proto__')).toBe('__proto__');
  });

  it('reads a bilingual text in the language asked, or the other one', () => {
    expect(textIn({ zh: '客户', en: 'Customer' }, 'en')).toBe('Customer');
    expect(textIn({ zh: '客户' }, 'en')).toBe('客户');
    expect(textIn('as written', 'en')).toBe('as written');
    expect(textIn(42, 'zh')).toBeUndefined();
  });
});
