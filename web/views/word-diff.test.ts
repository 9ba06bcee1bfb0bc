import { describe, expect, it } from 'vitest';
import { wordDiff, words } from './word-diff.ts';

describe('changed words', () => {
  it('splits text into words, spaces and single Han characters that join back to the text', () => {
    const text = '总额超过 20000 元由总经理审批 (GM approves above 20000)';
    expect(words(text).join('')).toBe(text);
    expect(words('总经理')).toEqual(['总', '经', '理']);
  });

  it('marks only the changed number in a threshold', () => {
    expect(wordDiff('greater than 20000 CNY', 'greater than 30000 CNY')).toEqual([
      { text: 'greater than ', op: 'same' },
      { text: '20000', op: 'removed' },
      { text: '30000', op: 'added' },
      { text: ' CNY', op: 'same' },
    ]);
  });

  it('marks changed Chinese characters without taking the whole sentence', () => {
    const parts = wordDiff('由服务经理审批', '由总经理审批');
    expect(parts.filter((p) => p.op === 'same').map((p) => p.text)).toEqual(['由', '经理审批']);
    expect(parts.filter((p) => p.op === 'removed').map((p) => p.text)).toEqual(['服务']);
    expect(parts.filter((p) => p.op === 'added').map((p) => p.text)).toEqual(['总']);
  });

  it('shows an addition from nothing as one added part', () => {
    expect(wordDiff('', 'new text')).toEqual([{ text: 'new text', op: 'added' }]);
  });
});
