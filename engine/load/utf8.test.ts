import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './utf8.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('gives the text of valid UTF-8, keeping a byte order mark and a written U+FFFD', () => {
    expect(decodeUtf8(bytes('kind: 工单\n'), 'f.yaml')).toEqual({ text: 'kind: 工单\n' });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: 1'), 'f.yaml')).toEqual({ text: '\uFEFFa: 1' });
    expect(decodeUtf8(bytes('a: \uFFFD'), 'f.yaml')).toEqual({ text: 'a: \uFFFD' });
  });

  it.each([
    ['a Latin-1 byte', bytes('a: 1\nb: caf', [0xe9], '\n'), 2, 7, 'E9'],
    ['GBK text', bytes('title: ', [0xb9, 0xa4, 0xb5, 0xa5]), 1, 8, 'B9'],
    ['a sequence cut short at the end', bytes('a: 工', [0xe5, 0x8d]), 1, 5, 'E5'],
    ['a sequence cut short that looks like U+FFFD', bytes('a: ', [0xef, 0xbf], 'x'), 1, 4, 'EF'],
    ['an overlong encoding', bytes('a: ', [0xc0, 0x80]), 1, 4, 'C0'],
    ['an encoded surrogate', bytes('a:\n  b: ', [0xed, 0xa0, 0x80]), 2, 6, 'ED'],
    ['a stray continuation byte after text', bytes('工单', [0x80]), 1, 3, '80'],
  ])('refuses %s with the position of its first bad byte', (_name, input, line, col, byte) => {
    const result = decodeUtf8(input, 'f.yaml');
    expect(result).toMatchObject({ diagnostic: { code: 'text_not_utf8', file: 'f.yaml', line, col } });
    if ('diagnostic' in result) expect(result.diagnostic.message).toContain(`0x${byte}`);
  });
});
