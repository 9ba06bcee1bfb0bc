import { describe, expect, it } from 'vitest';
import { compileCompletion } from './completion.ts';
import { unmetText } from './reasons.ts';

const unmet = (written: string, raw: unknown, actual: unknown) => ({
  test: compileCompletion(written, raw, '/stages/0/steps/0/completes'),
  actual,
});

describe('why an attempt fell short, in both languages', () => {
  it.each([
    [
      'outputs.allowed',
      true,
      false,
      '`outputs.allowed` is false, needs true',
      '`outputs.allowed` 为 false，须为 true',
    ],
    ['status', 'pass', undefined, '`status` is absent, needs "pass"', '`status` 为 无，须为 "pass"'],
    [
      'outputs.problems',
      { atMost: 0 },
      2,
      '`outputs.problems` is 2, needs at most 0',
      '`outputs.problems` 为 2，须不大于 0',
    ],
    [
      'outputs.score',
      { atLeast: 90 },
      80,
      '`outputs.score` is 80, needs at least 90',
      '`outputs.score` 为 80，须不小于 90',
    ],
    [
      'outputs.grade',
      { in: ['A', 'B'] },
      'C',
      '`outputs.grade` is "C", needs one of ["A","B"]',
      '`outputs.grade` 为 "C"，须为 ["A","B"] 之一',
    ],
    [
      'outputs.gaps',
      { excludes: 'x' },
      ['x'],
      '`outputs.gaps` is ["x"], needs a list without "x"',
      '`outputs.gaps` 为 ["x"]，须为不含 "x" 的列表',
    ],
  ])('%s %j', (written, raw, actual, en, zh) => {
    expect(unmetText(unmet(written, raw, actual), 'en')).toBe(en);
    expect(unmetText(unmet(written, raw, actual), 'zh')).toBe(zh);
  });
});
