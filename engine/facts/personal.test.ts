import { describe, expect, it } from 'vitest';
import { hasPersonal, MASKED, maskPersonal } from './personal.ts';
import type { FactSchema } from './types.ts';

const declared: Record<string, FactSchema> = {
  customerName: { type: 'string', personal: true },
  phone: { type: 'string', personal: true },
  amount: { type: 'number' },
  vehicle: {
    type: 'object',
    properties: { vin: { type: 'string', personal: true }, km: { type: 'number' } },
  },
  contacts: {
    type: 'array',
    items: { type: 'object', properties: { name: { type: 'string', personal: true } } },
  },
};

describe('masking personal data in a recorded input', () => {
  it('masks every declared personal value, at any depth, and keeps the rest', () => {
    const facts = {
      customerName: '张伟',
      phone: '13800138000',
      amount: 1200,
      vehicle: { vin: 'LSVAU2180N2183294', km: 42000 },
      contacts: [{ name: '李娜' }, { name: '王芳' }],
    };
    expect(maskPersonal(facts, declared)).toEqual({
      customerName: MASKED,
      phone: MASKED,
      amount: 1200,
      vehicle: { vin: MASKED, km: 42000 },
      contacts: [{ name: MASKED }, { name: MASKED }],
    });
    // The input itself is untouched.
    expect(facts.customerName).toBe('张伟');
  });

  it('leaves absent and null personal values as they are, and anything not an object', () => {
    expect(maskPersonal({ phone: null, amount: 1 }, declared)).toEqual({ phone: null, amount: 1 });
    expect(maskPersonal('text', declared)).toBe('text');
  });

  it('says whether a document declares any personal fact', () => {
    expect(hasPersonal(declared)).toBe(true);
    expect(hasPersonal({ amount: { type: 'number' } })).toBe(false);
  });
});
