import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, SCHEMA_KEYWORD_CODES } from '../codes.ts';
import { codeSummary, ENGINE_LABEL_GROUPS, engineLabel, isMessageKey, t } from './catalogue.ts';
import { messages } from './messages.ts';
import { summaries } from './summaries.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('the message catalogue', () => {
  it('has every message in both languages, none empty, the Chinese in Chinese', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const [key, zh] of Object.entries(messages.zh)) {
      expect(zh, key).not.toBe('');
      expect(messages.en[key as keyof typeof messages.en], key).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(t('doc.version', 'zh', { v: '1.2.0' })).toBe('版本 1.2.0');
    expect(t('doc.version', 'en', { v: '1.2.0' })).toBe('Version 1.2.0');
    expect(t('doc.version', 'en')).toBe('Version {v}');
  });

  it('summarises every diagnostic code in Chinese and in English', () => {
    const codes: string[] = [...DIAGNOSTIC_CODES, ...SCHEMA_KEYWORD_CODES];
    expect(Object.keys(summaries).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(codeSummary(code, 'zh'), code).toMatch(CJK);
      expect(codeSummary(code, 'en'), code).not.toMatch(CJK);
      expect(codeSummary(code, 'en'), code).not.toBe('');
    }
    expect(codeSummary('no_such_code', 'zh')).toBe('no_such_code');
  });

  it('labels the codes results carry: statuses, reasons, severities, states, kinds', () => {
    expect(engineLabel('status', 'pass', 'zh')).toBe('通过');
    expect(engineLabel('status', 'fail', 'en')).toBe('Fail');
    expect(engineLabel('reason', 'expect_not_met', 'zh')).toBe('不符合要求');
    expect(engineLabel('severity', 'critical', 'en')).toBe('critical');
    expect(engineLabel('kind', 'checklist', 'zh')).toBe('检查表');
    expect(engineLabel('deadline', 'met-late', 'zh')).toBe('逾期完成');
    expect(engineLabel('status', 'bogus', 'zh')).toBeUndefined();
    for (const group of Object.keys(ENGINE_LABEL_GROUPS)) expect(group).toMatch(/^[a-z]+$/);
    for (const severity of ['critical', 'major', 'minor'])
      expect(isMessageKey(`severity.${severity}`)).toBe(true);
    for (const status of ['pass', 'fail', 'incomplete', 'na', 'missing']) {
      expect(isMessageKey(`result.${status}`)).toBe(true);
    }
  });
});
