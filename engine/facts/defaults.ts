import { DetailCollector } from '../util/details.ts';
import { readInput } from './input.ts';
import type { FactSchema } from './types.ts';

/**
 * Writes declared defaults into a prototype-free copy of an input, where a value is missing, as
 * ajv's `useDefaults` does, but with prototype-free copies of the defaults: ajv writes a default
 * object as an ordinary literal, in which a nested `constructor` reads `Object.prototype`'s and a
 * `__proto__` key sets the prototype instead of a property. With `deep`, nested objects (and list
 * elements) of the copy get their declared defaults too; they must be copies as well. `bare`:
 * the copy's objects have no prototype (readInput), and so do the defaults' copies.
 */
export function applyDefaults(
  target: Record<string, unknown>,
  declared: Record<string, FactSchema>,
  deep: boolean,
  bare: boolean,
): void {
  for (const key of Object.keys(declared)) {
    const schema = declared[key] as FactSchema;
    if (target[key] === undefined && schema.default !== undefined) {
      target[key] = readInput(schema.default, '', 'deep', new DetailCollector(), bare);
    }
    if (deep) descend(target[key], schema, bare);
  }
}

function descend(value: unknown, schema: FactSchema, bare: boolean): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.items) for (const el of value) descend(el, schema.items, bare);
    return;
  }
  if (schema.properties) applyDefaults(value as Record<string, unknown>, schema.properties, true, bare);
}
