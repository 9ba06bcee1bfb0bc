import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../diagnostics.ts';
import { emptySourceMap, loadYaml } from '../load/yaml.ts';
import { readSchemas } from '../schemas/index.ts';
import { createAjv } from './ajv.ts';
import { isKnownKind, mapAjvErrors, validateSchema } from './schema.ts';

const sample = new URL('../../rules/approval.work-order/1.1.0.yaml', import.meta.url);

function check(kind: string, text: string) {
  const loaded = loadYaml(text, 'x.yaml');
  return validateSchema(kind, loaded.data, 'x.yaml', loaded.map);
}

describe('the JSON Schemas', () => {
  it('are valid draft 2020-12 schemas that compile together', () => {
    const ajv = createAjv();
    const schemas = readSchemas();
    expect(schemas.has('ruleset.schema.json')).toBe(true);
    for (const [name, schema] of schemas) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
      ajv.addSchema(schema, name);
    }
    for (const name of schemas.keys()) expect(ajv.getSchema(name), name).toBeDefined();
  });

  it('accept the bundled sample', () => {
    expect(check('ruleset', readFileSync(sample, 'utf8'))).toEqual([]);
    expect(isKnownKind('ruleset')).toBe(true);
    expect(isKnownKind('rulebook')).toBe(false);
  });

  it('map ajv errors to the YAML position of the offending value or key', () => {
    const text = readFileSync(sample, 'utf8').replace('hit: first', 'hit: frist').replace('owner:', 'ownr:');
    const found = sortDiagnostics(check('ruleset', text));
    expect(found.map((d) => [d.code, d.line, d.col, d.hint])).toEqual([
      ['schema_unknown_field', 13, 1, 'did you mean `owner`?'],
      ['schema_enum', 19, 6, 'did you mean `first`?'],
    ]);
  });

  it('leave conditions to the condition parser, so a bad condition is reported once', () => {
    const text = readFileSync(sample, 'utf8').replace(
      'when: { estimateTotal: { greaterThan: 20000 } }',
      'when: [ estimateTotal ]',
    );
    expect(check('ruleset', text)).toEqual([]);
  });

  it('report a bad key name once, as schema_name', () => {
    const text = readFileSync(sample, 'utf8').replace('  payType:', '  pay-type:');
    expect(check('ruleset', text).map((d) => d.code)).toEqual(['schema_name']);
  });
});

describe('mapping ajv errors', () => {
  const at = (instancePath: string, keyword: string, schemaPath: string): ErrorObject => ({
    instancePath,
    keyword,
    schemaPath,
    params: keyword === 'type' ? { type: 'string' } : {},
    message: 'is invalid',
  });

  it('keeps an anyOf only when nothing more precise is said at or below it (by path segment)', () => {
    const map = emptySourceMap('');
    const errors = [
      at('/rules/1', 'anyOf', '#/anyOf'),
      at('/rules/10/x', 'type', '#/properties/x/type'),
      at('/rules/2', 'anyOf', '#/anyOf'),
      at('/rules/2/y', 'type', '#/properties/y/type'),
      at('/rules/3', 'anyOf', '#/anyOf'),
      at('/rules/3', 'type', '#/anyOf/0/type'),
    ];
    expect(mapAjvErrors(errors, 'x.yaml', map).map((d) => `${d.code} ${d.path}`)).toEqual([
      'schema_shape /rules/1',
      'schema_type /rules/10/x',
      'schema_type /rules/2/y',
      'schema_shape /rules/3',
    ]);
  });

  it('are mapped in time linear in their number (each once compared with all before)', () => {
    const map = emptySourceMap('');
    const errors: ErrorObject[] = [];
    for (let i = 0; i < 40_000; i++) {
      errors.push(at(`/rules/${i}`, 'anyOf', '#/anyOf'), at(`/rules/${i}`, 'type', '#/anyOf/0/type'));
    }
    const start = performance.now();
    expect(mapAjvErrors(errors, 'x.yaml', map)).toHaveLength(40_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
