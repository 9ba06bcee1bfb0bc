import { describe, expect, it } from 'vitest';
import {
  error,
  formatDiagnosticsText,
  hasErrors,
  NormaError,
  sortDiagnostics,
  warning,
} from './diagnostics.ts';

describe('diagnostics', () => {
  it('drop optional fields that are undefined', () => {
    expect(error('yaml_syntax', 'msg', { file: 'a.yaml', line: undefined, hint: undefined })).toEqual({
      code: 'yaml_syntax',
      message: 'msg',
      severity: 'error',
      file: 'a.yaml',
    });
    expect(warning('rule_shadowed', 'm').severity).toBe('warning');
  });

  it('sort by file, line, column, then code', () => {
    const list = [
      error('kind_changed', 'm', { file: 'b.yaml', line: 1, col: 1 }),
      error('yaml_syntax', 'm', { file: 'a.yaml', line: 2, col: 1 }),
      error('approval_missing', 'm', { file: 'a.yaml', line: 2, col: 1 }),
      error('change_missing', 'm', { file: 'a.yaml', line: 1, col: 9 }),
    ];
    expect(sortDiagnostics(list).map((d) => `${d.file}:${d.line}:${d.col}:${d.code}`)).toEqual([
      'a.yaml:1:9:change_missing',
      'a.yaml:2:1:approval_missing',
      'a.yaml:2:1:yaml_syntax',
      'b.yaml:1:1:kind_changed',
    ]);
  });

  it('count only errors as failures', () => {
    expect(hasErrors([warning('rule_shadowed', 'm')])).toBe(false);
    expect(hasErrors([warning('rule_shadowed', 'm'), error('yaml_syntax', 'm')])).toBe(true);
  });

  it('print `file:line:col code message` with the hint indented below', () => {
    const text = formatDiagnosticsText([
      error('ref_unknown_fact', 'unknown fact `x`', {
        file: 'r.yaml',
        line: 3,
        col: 7,
        hint: 'did you mean `y`?',
      }),
      warning('rule_priority_ignored', 'ignored', { file: 'r.yaml', line: 4, col: 1 }),
      error('type', 'must be number', { path: '/amount' }),
    ]);
    expect(text).toBe(
      [
        'r.yaml:3:7 ref_unknown_fact unknown fact `x`',
        '  hint: did you mean `y`?',
        'r.yaml:4:1 warning rule_priority_ignored ignored',
        '/amount type must be number',
      ].join('\n'),
    );
  });

  it('serialise a NormaError as the docs/api.md error envelope, without empty details', () => {
    const e = new NormaError('facts_invalid', 'facts do not match', [error('type', 'bad', { path: '/a' })]);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      error: {
        code: 'facts_invalid',
        message: 'facts do not match',
        details: [{ code: 'type', message: 'bad', severity: 'error', path: '/a' }],
      },
    });
    expect(new NormaError('at_invalid', 'bad date').toJSON()).toEqual({
      error: { code: 'at_invalid', message: 'bad date' },
    });
  });
});
