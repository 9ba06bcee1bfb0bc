import { describe, expect, it } from 'vitest';
import { NormaError } from '../diagnostics.ts';
import { parseJsonLines } from './inputs.ts';

describe('parseJsonLines', () => {
  it('reads requests and bare facts, skipping blank lines', () => {
    const text = '{"estimateTotal": 1}\n\n{"facts": {"a": 1}, "answers": {"s.i": {"value": true}}}\n';
    expect(parseJsonLines(text)).toEqual([
      { facts: { estimateTotal: 1 } },
      { facts: { a: 1 }, answers: { 's.i': { value: true } } },
    ]);
  });

  it('reports every line that is not a JSON object, with its number', () => {
    let thrown: unknown;
    try {
      parseJsonLines('{"a": 1}\n[1, 2]\nnope\n', 'wo.jsonl');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(NormaError);
    expect((thrown as NormaError).code).toBe('input_malformed');
    expect((thrown as NormaError).details.map((d) => d.line)).toEqual([2, 3]);
  });
});

describe('parseJsonLines limits', () => {
  const codeOf = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (e) {
      return (e as NormaError).code;
    }
    return undefined;
  };

  it('refuses more inputs than the limit before parsing any line (input_too_large)', () => {
    const text = '{"a": 1}\n'.repeat(11);
    expect(codeOf(() => parseJsonLines(text, 'x', { maxInputs: 10 }))).toBe('input_too_large');
    expect(parseJsonLines(text, 'x', { maxInputs: 11 })).toHaveLength(11);
    expect(codeOf(() => parseJsonLines('{"a": 1}\n'.repeat(10_001)))).toBe('input_too_large');
  });

  it('refuses a text over the byte limit, counting UTF-8 bytes', () => {
    expect(codeOf(() => parseJsonLines('{"a": "预估"}', 'x', { maxBytes: 12 }))).toBe('input_too_large');
    expect(parseJsonLines('{"a": "预估"}', 'x', { maxBytes: 15 })).toHaveLength(1);
  });

  it('lists the first 100 bad lines and stops reading there', () => {
    let details: NormaError['details'] = [];
    try {
      parseJsonLines('nope\n'.repeat(5000));
    } catch (e) {
      details = (e as NormaError).details;
    }
    expect(details).toHaveLength(101);
    expect(details.at(-1)?.message).toBe('reading stopped after 100 bad lines, at line 100');
  });
});
