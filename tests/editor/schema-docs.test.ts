/**
 * What an editor shows on hover and offers on completion comes from the schemas' `description`
 * and `examples`: every field of the header and the kinds, and every operator, must have both,
 * and every example must itself be valid where it is shown.
 */
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../../engine/index.ts';
import { createAjv } from '../../engine/validate/ajv.ts';

/** The fact-declaration schema is JSON Schema's own vocabulary; editors already document it. */
const documented = [...readSchemas()].filter(([name]) => name !== 'facts.schema.json');

interface Field {
  file: string;
  pointer: string;
  schema: Record<string, unknown>;
}

/** Every entry of every `properties`, at any depth, except inside `if` (a test, not a field). */
function fields(file: string, node: unknown, pointer = ''): Field[] {
  if (!node || typeof node !== 'object') return [];
  const out: Field[] = [];
  for (const [key, child] of Object.entries(node)) {
    if (key === 'if' || key === 'examples') continue;
    const at = `${pointer}/${key}`;
    if (key === 'properties' && child && typeof child === 'object') {
      for (const [name, schema] of Object.entries(child)) {
        out.push({ file, pointer: `${at}/${name}`, schema: schema as Record<string, unknown> });
      }
    }
    out.push(...fields(file, child, at));
  }
  return out;
}

const all = documented.flatMap(([file, schema]) => fields(file, schema));
const ajv = createAjv();
for (const [name, schema] of readSchemas()) ajv.addSchema(schema, name);

describe('the editor schemas document every field', () => {
  it('cover the operators and the kinds', () => {
    const names = all.map((f) => `${f.file}#${f.pointer}`);
    expect(names).toContain('condition.schema.json#/$defs/operators/properties/greaterThan');
    expect(names).toContain('ruleset.schema.json#/properties/hit');
    expect(names).toContain('fees.schema.json#/properties/labourRate');
  });

  it.each(all.map((f) => [`${f.file}#${f.pointer}`, f] as const))(
    '%s has a description and examples',
    (_, f) => {
      expect(typeof f.schema.description === 'string' && f.schema.description.length > 0).toBe(true);
      expect(Array.isArray(f.schema.examples) && f.schema.examples.length > 0).toBe(true);
    },
  );

  it.each(all.map((f) => [`${f.file}#${f.pointer}`, f] as const))('%s has only valid examples', (_, f) => {
    const validate = ajv.getSchema(`${f.file}#${f.pointer}`);
    expect(validate).toBeDefined();
    for (const example of (f.schema.examples as unknown[] | undefined) ?? []) {
      expect(validate?.(example), `${JSON.stringify(example)}: ${ajv.errorsText(validate?.errors)}`).toBe(
        true,
      );
    }
  });
});
