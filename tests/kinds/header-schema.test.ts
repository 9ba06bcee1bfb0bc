/**
 * The header's `kind` list is the registry: ajv checks documents against the registry's kinds,
 * and the schema file editors read (engine/schemas/header.schema.json) must say the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kinds, readSchemas, schemaDir } from '../../engine/index.ts';
import { withKinds } from '../../engine/schemas/index.ts';

type Header = { properties: { kind: { enum: string[]; description?: string; examples?: string[] } } };

const file = JSON.parse(readFileSync(join(schemaDir, 'header.schema.json'), 'utf8')) as Header;

describe('the header kind list', () => {
  it('is the registry, as ajv reads the schemas', () => {
    const header = readSchemas().get('header.schema.json') as Header;
    expect(header.properties.kind.enum).toEqual(Object.keys(kinds));
  });

  it('is the registry in the file editors read (add the new kind to its `enum` and `examples`)', () => {
    expect(file.properties.kind.enum).toEqual(Object.keys(kinds));
    expect([...(file.properties.kind.examples ?? [])].sort()).toEqual(Object.keys(kinds).sort());
    expect(file.properties.kind.description).toBeTypeOf('string');
  });

  it('is filled in without losing the description and examples', () => {
    const filled = withKinds(file, ['ruleset', 'process']) as Header;
    expect(filled.properties.kind).toEqual({ ...file.properties.kind, enum: ['ruleset', 'process'] });
    expect(file.properties.kind.enum).toEqual(Object.keys(kinds));
  });
});
