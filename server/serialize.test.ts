import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeEnvelope } from './serialize.ts';

const text = fc.oneof(
  fc.constantFrom('a', 'gm-approval', '§7', '工单', 'quote " and \\ back', 'line\nbreak', '\u2028', '\ud800'),
  fc.string({ maxLength: 8 }),
);
/** Any value a field could hold, including ones JSON has no room for. */
const odd = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, () => 1, Symbol('s')),
  fc.constant({ toJSON: () => 'custom' }),
);
const entry = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        rule: fc.constantFrom('r1', 'r2', 'r3'),
        clause: fc.oneof(text, fc.array(text, { maxLength: 2 })),
        title: text,
        message: text,
      },
      { requiredKeys: ['rule'] },
    ),
  },
  // Keys in other orders, extra keys, and values of other types.
  {
    weight: 2,
    arbitrary: fc.dictionary(fc.constantFrom('rule', 'title', 'clause', 'message', 'extra'), odd),
  },
  { weight: 1, arbitrary: odd },
);
const envelope = fc.record(
  {
    standard: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          id: fc.constantFrom('a', 'b'),
          version: fc.constantFrom('1.0.0', '1.1.0'),
          digest: fc.constantFrom('sha256:1', 'sha256:2'),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ id: odd, version: text, digest: text, extra: odd }, { requiredKeys: [] }),
      },
      { weight: 1, arbitrary: odd },
    ),
    at: fc.oneof(text, odd),
    kind: fc.oneof(fc.constantFrom('ruleset', 'checklist'), odd),
    result: odd,
    matched: fc.oneof(
      { weight: 5, arbitrary: fc.array(entry, { maxLength: 6 }) },
      { weight: 1, arbitrary: odd },
    ),
    explain: fc.array(fc.jsonValue(), { maxLength: 2 }),
    debug: fc.constant({ path: 'closures' }),
    labels: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          lang: fc.constantFrom('zh', 'en'),
          values: fc.dictionary(fc.constantFrom('approver', 'grade'), fc.dictionary(text, text)),
          codes: fc.record(
            { kind: fc.dictionary(text, text), status: fc.dictionary(text, text) },
            { requiredKeys: [] },
          ),
        }),
      },
      { weight: 1, arbitrary: odd },
    ),
    record: fc.record({ id: text, stored: fc.boolean() }),
  },
  { requiredKeys: ['standard', 'at', 'kind', 'result', 'matched'] },
);

describe('serializeEnvelope', () => {
  it('writes exactly what JSON.stringify writes, on generated envelopes (no field dropped)', () => {
    fc.assert(
      fc.property(fc.array(envelope, { minLength: 1, maxLength: 4 }), (envelopes) => {
        // Several in a row, so the kept texts of headers and entries are used and must still hold.
        for (const e of envelopes) expect(serializeEnvelope(e)).toBe(JSON.stringify(e));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not reuse a kept entry once its title or clause is another value', () => {
    const first = {
      standard: { id: 'a', version: '1', digest: 'd' },
      at: 'x',
      kind: 'k',
      result: 1,
      matched: [{ rule: 'r', title: 'T' }],
    };
    const second = {
      ...first,
      standard: { id: 'b', version: '1', digest: 'd' },
      matched: [{ rule: 'r', title: 'U' }],
    };
    expect(serializeEnvelope(first)).toBe(JSON.stringify(first));
    expect(serializeEnvelope(second)).toBe(JSON.stringify(second));
    expect(serializeEnvelope(first)).toBe(JSON.stringify(first));
  });
});
