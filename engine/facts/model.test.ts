import { describe, expect, it } from 'vitest';
import { compileFacts, describeSchema } from './model.ts';

const model = compileFacts({
  payType: { enum: ['customer', 'warranty'] },
  estimateTotal: { type: 'number', minimum: 0, description: 'CNY' },
  discountPct: { type: 'number', default: 0 },
  vehicle: {
    type: 'object',
    required: ['fuel'],
    properties: { fuel: { enum: ['petrol', 'ev'] }, checked: { type: 'boolean', default: false } },
  },
  openedAt: { type: 'string', format: 'date' },
});

const valid = { payType: 'customer', estimateTotal: 10, vehicle: { fuel: 'ev' }, openedAt: '2026-03-01' };

describe('compiled fact declarations', () => {
  it('require every top-level fact without a default, and fill defaults at every depth', () => {
    const out = model.prepare(valid);
    expect(out).toEqual({
      ok: true,
      facts: { ...valid, discountPct: 0, vehicle: { fuel: 'ev', checked: false } },
    });
  });

  it("never write defaults into the caller's object", () => {
    const input = structuredClone(valid);
    model.prepare(input);
    expect(input).toEqual(valid);
  });

  it('keep extra inputs (conditions cannot name them) and accept them silently', () => {
    const out = model.prepare({ ...valid, colour: 'red' });
    expect(out.ok).toBe(true);
  });

  it('name every problem by its JSON path, with a hint from the declaration', () => {
    const out = model.prepare({ payType: 'cash', estimateTotal: -1, vehicle: {}, openedAt: '2026-02-30' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.details.map((d) => [d.code, d.path])).toEqual([
      ['enum', '/payType'],
      ['minimum', '/estimateTotal'],
      ['required', '/vehicle/fuel'],
      ['format', '/openedAt'],
    ]);
    expect(out.details[2]?.hint).toBe('expected one of "petrol", "ev"');
    expect(out.details[1]?.hint).toBe('expected number, ≥ 0 (CNY)');
  });

  it('report a missing top-level fact as required at its path', () => {
    const out = model.prepare({ payType: 'customer', vehicle: { fuel: 'ev' }, openedAt: '2026-03-01' });
    expect(out).toMatchObject({ ok: false, details: [{ code: 'required', path: '/estimateTotal' }] });
  });

  it('reject facts that are not an object', () => {
    for (const bad of [null, [], 'x', 3]) {
      expect(model.prepare(bad)).toMatchObject({ ok: false, details: [{ code: 'type', path: '' }] });
    }
  });

  it('describe a schema in a few words for hints', () => {
    expect(describeSchema({ type: 'string', format: 'date' })).toBe('expected string, format date');
    expect(describeSchema({})).toBeUndefined();
  });
});

describe('fact names inherited by every object', () => {
  // (`__proto__`, which JSON Schema validators skip, is refused at load: tests/cases/validation.)
  const inherited = compileFacts(
    JSON.parse(`{
      "constructor": { "type": "number", "default": 3 },
      "toString": { "type": "string", "default": "x" },
      "valueOf": { "type": "number" },
      "nested": {
        "type": "object",
        "default": {},
        "properties": {
          "constructor": { "type": "number", "default": 7 },
          "hasOwnProperty": { "type": "boolean", "default": true }
        }
      }
    }`),
  );

  it('get their defaults, at the top and nested inside a default object', () => {
    const out = inherited.prepare({ valueOf: 1 });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.facts.constructor).toBe(3);
    expect(out.facts.toString).toBe('x');
    const nested = out.facts.nested as Record<string, unknown>;
    expect(nested.constructor).toBe(7);
    expect(nested.hasOwnProperty).toBe(true);
  });

  it('are read when given, and checked like any other fact', () => {
    const given = JSON.parse('{"valueOf": 1, "constructor": 5, "nested": {"constructor": 8}}');
    const out = inherited.prepare(given);
    expect(out.ok && out.facts.constructor).toBe(5);
    expect(out.ok && (out.facts.nested as Record<string, unknown>).constructor).toBe(8);
    const bad = inherited.prepare(JSON.parse('{"valueOf": 1, "nested": {"constructor": "no"}}'));
    expect(bad.ok ? [] : bad.details.map((d) => `${d.code} ${d.path}`)).toEqual(['type /nested/constructor']);
  });

  it('fit exactly where they are prepared', () => {
    const inputs = [
      '{"valueOf": 1}',
      '{"valueOf": 1, "constructor": 5}',
      '{"valueOf": 1, "constructor": "five"}',
      '{"valueOf": 1, "nested": {"constructor": "no"}}',
      '{"constructor": 5}',
      '{"valueOf": 1, "__proto__": {"valueOf": "x"}}',
    ];
    for (const text of inputs) {
      const fresh = compileFacts(JSON.parse(JSON.stringify(inherited.declared)));
      expect(fresh.fits(JSON.parse(text)), text).toBe(inherited.prepare(JSON.parse(text)).ok);
    }
  });
});

describe('whether an input fits', () => {
  const model = () =>
    compileFacts({
      mileage: { type: 'integer', minimum: 0 },
      on: { type: 'string', format: 'date' },
      tags: { type: 'array', items: { enum: ['a', 'b'] }, default: [] },
    });

  it('is what prepare says, before and after a validator is compiled', () => {
    const inputs: unknown[] = [
      { mileage: 1, on: '2026-12-03' },
      { mileage: -1, on: '2026-12-03' },
      { mileage: 1.5, on: '2026-12-03' },
      { mileage: 1, on: '2026-02-30' },
      { mileage: 1, on: '2026-12-03', tags: ['c'] },
      { mileage: -0, on: '2026-12-03' },
      { on: '2026-12-03' },
      { mileage: 1, on: '2026-12-03', extra: { __proto__: null } },
      JSON.parse('{"mileage": 1, "on": "2026-12-03", "__proto__": 1}'),
      { mileage: Number.POSITIVE_INFINITY, on: '2026-12-03' },
      null,
      [],
    ];
    const warm = model();
    warm.prepare({ mileage: 'x' }); // compiles the validator
    for (const input of inputs) {
      const why = JSON.stringify(input);
      expect(model().fits(input), why).toBe(model().prepare(input).ok);
      expect(warm.fits(input), why).toBe(warm.prepare(input).ok);
    }
  });
});

describe('facts_invalid details', () => {
  it('are capped: 60,000 wrong values give 100 details and one counting the rest', () => {
    const capped = compileFacts({ list: { type: 'array', items: { type: 'integer' } } });
    const out = capped.prepare({ list: Array(60_000).fill('x') });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.details).toHaveLength(101);
    expect(out.details.at(-1)).toMatchObject({
      code: 'details_truncated',
      message: '59900 more problems left out',
    });
    expect(JSON.stringify(out.details).length).toBeLessThan(64 * 1024);
  });

  it('refuse non-finite numbers and deep nesting before validation', () => {
    const out = model.prepare({ ...valid, estimateTotal: Number.POSITIVE_INFINITY });
    expect(out.ok ? [] : out.details.map((d) => `${d.code} ${d.path}`)).toEqual([
      'not_finite /estimateTotal',
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    const tooDeep = model.prepare({ ...valid, extra: deep });
    expect(tooDeep.ok ? [] : tooDeep.details.map((d) => d.code)).toEqual(['too_deep']);
  });
});
