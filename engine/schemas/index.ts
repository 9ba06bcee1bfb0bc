import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindNames } from '../kinds/registry.ts';

/** The folder of the JSON Schema files, for editors (`# yaml-language-server: $schema=…`) and ajv. */
export const schemaDir = dirname(fileURLToPath(import.meta.url));

/** The schema every document's header is checked against; its `kind` enum lists the registry. */
const HEADER_SCHEMA = 'header.schema.json';

/**
 * Every `*.schema.json` in this folder, by file name, as ajv checks documents: the header's `kind`
 * enum is the registry's kinds, whatever the file says (the file serves editors and is kept equal
 * by tests/kinds/header-schema.test.ts).
 */
export function readSchemas(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(schemaDir).sort()) {
    if (name.endsWith('.schema.json')) {
      const schema = JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as Record<string, unknown>;
      out.set(name, name === HEADER_SCHEMA ? withKinds(schema, kindNames) : schema);
    }
  }
  return out;
}

/** The header schema with its `kind` enum set to `names`; its description and examples are kept. */
export function withKinds(
  header: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  const properties = (header.properties ?? {}) as Record<string, Record<string, unknown>>;
  return { ...header, properties: { ...properties, kind: { ...properties.kind, enum: [...names] } } };
}
