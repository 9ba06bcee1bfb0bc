import { describe, expect, it } from 'vitest';
import { compileDocument } from '../document.ts';
import { evaluateFast, evaluateReferencePath } from '../evaluate.ts';
import { shiftInstant } from './dates.ts';

/** A draft ruleset: `late` when `checkedAt` is after `{ fact: receivedAt, hours }`, with the operator given. */
function doc(
  operand: string,
  receivedAt = '{ type: [string, "null"], format: date-time, default: null }',
  op = 'after',
) {
  const text = `kind: ruleset
id: hours.sample
version: 1.0.0
status: draft
title: hours
facts:
  checkedAt: { type: string, format: date-time }
  receivedAt: ${receivedAt}
  items:
    type: array
    default: []
    items:
      type: object
      properties:
        doneAt: { type: string, format: date-time }
        dueAt: { type: string, format: date-time }
hit: first
outputs:
  late: { type: boolean }
default: { late: false }
rules:
  - id: late
    when: { checkedAt: { ${op}: ${operand} } }
    then: { late: true }
  - id: item-late
    when: { items: { some: { doneAt: { after: { fact: dueAt, hours: 2 } } } } }
    then: { late: true }
    message: "{{checkedAt}}"
`;
  return compileDocument(text, 'rules/hours.sample/1.0.0.yaml');
}

async function late(facts: Record<string, unknown>): Promise<boolean> {
  const compiled = doc('{ fact: receivedAt, hours: 24 }').document;
  if (!compiled) throw new Error('does not compile');
  const fast = evaluateFast(compiled, { facts, at: '2026-03-02' }).result as { outputs: { late: boolean } };
  const reference = (await evaluateReferencePath(compiled, { facts, at: '2026-03-02' })).result as {
    outputs: { late: boolean };
  };
  expect(reference.outputs.late, 'json-rules-engine agrees with the closures').toBe(fast.outputs.late);
  return fast.outputs.late;
}

describe('{ fact, hours }: an instant shifted by whole hours', () => {
  it('shifts a date-time as an instant, whatever its offset', () => {
    expect(shiftInstant('2026-03-01T15:20:00+08:00', 24)).toBe('2026-03-02T07:20:00.000Z');
    expect(shiftInstant('2026-03-01T07:20:00Z', 24)).toBe('2026-03-02T07:20:00.000Z');
    expect(shiftInstant('2026-03-01T00:30:00+08:00', -1)).toBe('2026-02-28T15:30:00.000Z');
    expect(shiftInstant('2026-03-01', 24)).toBeUndefined();
    expect(shiftInstant(undefined, 24)).toBeUndefined();
  });

  it.each([
    ['2026-03-02T15:20:00+08:00', false],
    ['2026-03-02T15:20:01+08:00', true],
    ['2026-03-02T07:20:00Z', false],
    ['2026-03-02T07:21:00Z', true],
    ['2026-03-02T23:00:00+08:00', true],
  ])(
    'checked at %s, 24 h after 2026-03-01T15:20+08:00 is passed: %s (both evaluators)',
    async (checkedAt, expected) => {
      expect(await late({ checkedAt, receivedAt: '2026-03-01T15:20:00+08:00' })).toBe(expected);
    },
  );

  it('fails on a missing or non-date-time value, as every date operator does', async () => {
    expect(await late({ checkedAt: '2026-03-09T00:00:00Z' })).toBe(false);
  });

  it('works on element-relative facts inside some/every/none (both evaluators)', async () => {
    const items = [{ doneAt: '2026-03-01T12:01:00+08:00', dueAt: '2026-03-01T10:00:00+08:00' }];
    expect(await late({ checkedAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:00Z', items })).toBe(
      true,
    );
    const onTime = [{ doneAt: '2026-03-01T12:00:00+08:00', dueAt: '2026-03-01T10:00:00+08:00' }];
    expect(
      await late({ checkedAt: '2026-03-01T00:00:00Z', receivedAt: '2026-03-01T00:00:00Z', items: onTime }),
    ).toBe(false);
  });

  it('is refused at load on a plain date, off the date operators, or not a whole number', () => {
    const codes = (r: ReturnType<typeof doc>) => r.diagnostics.map((d) => [d.code, d.path]);
    expect(codes(doc('{ fact: receivedAt, hours: 24 }', '{ type: string, format: date }'))).toEqual([
      ['op_value_shape', '/rules/0/when/checkedAt/after/hours'],
    ]);
    expect(codes(doc('{ fact: receivedAt, hours: 1.5 }'))).toEqual([
      ['op_value_shape', '/rules/0/when/checkedAt/after/hours'],
    ]);
    expect(
      doc('{ fact: receivedAt, hours: 24 }', '{ type: string }', 'equal').diagnostics.map((d) => d.code),
    ).toContain('op_value_shape');
    expect(codes(doc('{ fact: receivedAt, hours: 24 }'))).toEqual([]);
  });
});
