import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the JSON Schema files, for editors (`# yaml-language-server: $schema=…`) and ajv. */
export const schemaDir = dirname(fileURLToPath(import.meta.url));

/** Every `*.schema.json` in this folder, by file name. */
export function readSchemas(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(schemaDir).sort()) {
    if (name.endsWith('.schema.json')) {
      out.set(name, JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as Record<string, unknown>);
    }
  }
  return out;
}
