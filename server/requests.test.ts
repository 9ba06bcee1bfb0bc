import { describe, expect, it } from 'vitest';
import { requestComponents } from './openapi/requests.ts';
import { evaluateBody, requestAjv } from './requests.ts';

describe('the request schemas', () => {
  it('fit JSON Schema’s meta-schema, and each compiles (the server compiles them on first use)', () => {
    const ajv = requestAjv(true);
    const names = Object.keys(requestComponents());
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(
        ajv.getSchema(`https://norma.invalid/openapi.json#/components/schemas/${name}`),
        name,
      ).toBeTypeOf('function');
    }
  });

  it('are refused where the meta-schema refuses them', () => {
    expect(() =>
      requestAjv(true).addSchema({ $id: 'https://norma.invalid/bad.json', type: 'objekt' }),
    ).toThrow(/schema is invalid/);
  });

  it('check a body on first use', () => {
    expect(() => evaluateBody({ facts: {}, explain: 'yes' })).toThrow(/expected shape/);
    expect(evaluateBody({ facts: {} })).toEqual({ facts: {} });
  });
});
