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
