import { describe, expect, it } from 'vitest';
import { inlineValue, quoted, quotedList } from './text.ts';

describe('values in messages', () => {
  it('writes text as is, and everything else as JSON, never [object Object]', () => {
    expect(quotedList(['first', 5000, null, true, ['a'], { a: 1 }])).toBe(
      '`first`, `5000`, `null`, `true`, `["a"]`, `{"a":1}`',
    );
  });

  it('cuts long values short', () => {
    expect(inlineValue('x'.repeat(500))).toHaveLength(61);
    expect(quoted({ list: Array.from({ length: 100 }, (_, i) => i) })).toMatch(/…`$/);
  });
});
