import { describe, expect, it } from 'vitest';
import { elementScope, scopeOf } from './scope.ts';
import { categoryOf } from './types.ts';

const technicians = {
  type: 'array',
  items: { type: 'object', properties: { id: { type: 'string' }, level: { type: 'integer' } } },
};
const scope = scopeOf({
  estimateTotal: { type: 'number' },
  vehicle: { type: 'object', properties: { fuel: { enum: ['ev', 'petrol'] } } },
  extra: { type: 'object' },
  loose: { description: 'anything' },
  technicians,
});

describe('fact scopes', () => {
  it('resolve declared names and dotted paths to their category', () => {
    expect(scope.resolve(['estimateTotal'])).toMatchObject({ ok: true, category: 'number' });
    expect(scope.resolve(['vehicle', 'fuel'])).toMatchObject({ ok: true, category: 'enum' });
  });

  it('suggest the closest name for an unknown fact or property', () => {
    expect(scope.resolve(['estimatedTotal'])).toMatchObject({
      ok: false,
      code: 'ref_unknown_fact',
      hint: 'did you mean `estimateTotal`?',
    });
    expect(scope.resolve(['vehicle', 'fule'])).toMatchObject({
      ok: false,
      code: 'ref_unknown_fact',
      hint: 'did you mean `fuel`?',
    });
  });

  it('let a path go anywhere inside an untyped fact, but not into an object without declared properties', () => {
    expect(scope.resolve(['loose', 'a', 'b'])).toMatchObject({ ok: true, category: 'any' });
    expect(scope.resolve(['extra', 'a'])).toMatchObject({
      ok: false,
      code: 'ref_unknown_fact',
      hint: 'its properties: none',
    });
  });

  it('refuse a path through a list and point to some/every/none', () => {
    expect(scope.resolve(['technicians', 'level'])).toMatchObject({ ok: false, code: 'ref_through_list' });
  });

  it('resolve paths inside a list against its element properties', () => {
    const inner = elementScope(technicians);
    expect(inner.resolve(['level'])).toMatchObject({ ok: true, category: 'number' });
    expect(inner.resolve(['estimateTotal'])).toMatchObject({ ok: false, code: 'ref_unknown_fact' });
    expect(elementScope({ type: 'array' }).resolve(['anything'])).toMatchObject({
      ok: true,
      category: 'any',
    });
  });

  it('categorise schemas as operators see them', () => {
    expect(categoryOf({ type: 'integer' })).toBe('number');
    expect(categoryOf({ type: 'string', format: 'date-time' })).toBe('date');
    expect(categoryOf({ type: ['string', 'null'] })).toBe('string');
    expect(categoryOf({ const: 'x' })).toBe('enum');
    expect(categoryOf({ type: ['string', 'number'] })).toBe('any');
    expect(categoryOf(undefined)).toBe('any');
  });
});
