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
