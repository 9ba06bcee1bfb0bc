/**
 * Packages that only some of the work needs, loaded when first used rather than at start: each
 * takes 20–60 ms to load, and serving the bundled standard needs none of them (the `yaml` library
 * for a file the fast reader leaves to it or for writing YAML, Handlebars for a report or a
 * message the quick split does not take, ajv when a validator is compiled, json-rules-engine for
 * `explain`); `tests/standard/start-cost.test.ts` fails if a start loads one. All are CommonJS
 * packages, so `require` gives the same module a static import would.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A package's exports, required on the first call and kept. */
function onFirstUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}

export const yaml = onFirstUse<typeof import('yaml')>('yaml');
export const handlebars = onFirstUse<typeof import('handlebars')>('handlebars');
export const jsonRulesEngine = onFirstUse<typeof import('json-rules-engine')>('json-rules-engine');
export const ajv2020 = onFirstUse<typeof import('ajv/dist/2020.js')>('ajv/dist/2020.js');
export const ajvFormats = onFirstUse<typeof import('ajv-formats')>('ajv-formats');
export const ajvStandalone = onFirstUse<typeof import('ajv/dist/standalone/index.js')>(
  'ajv/dist/standalone/index.js',
);
