import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSchemas } from '../schemas/index.ts';
import { createAjv } from './ajv.ts';
import { addKindSchemas, loadPrecompiled, precompiledSource, validatorsFromSource } from './precompiled.ts';

const root = join(import.meta.dirname, '..', '..');
const schemas = readSchemas();
const source = precompiledSource(schemas);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** Every document the project holds, bundled and in the cases (valid and broken ones alike). */
function documents(): unknown[] {
  const out: unknown[] = [];
  for (const folder of ['rules', 'checklists', 'tests/cases']) {
    for (const file of yamlFiles(join(root, folder))) {
      let data: unknown;
      try {
        data = parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const inner = (data as { document?: unknown } | null)?.document;
      if (typeof inner === 'string') {
        try {
          out.push(parse(inner));
        } catch {
          // a case of broken YAML: the loader's, not the schemas'
        }
      } else out.push(data);
    }
  }
  return out;
}

describe('the precompiled kind validators', () => {
  it('give every document exactly the result and errors of the schemas compiled at start', () => {
    const precompiled = validatorsFromSource(source, schemas);
    if (!precompiled) throw new Error('the generated code was not accepted');
    const ajv = createAjv({ validateSchema: false, quickCompile: true });
    addKindSchemas(ajv, schemas);
    const docs = documents();
    expect(docs.length).toBeGreaterThan(300);
    let failing = 0;
    for (const name of schemas.keys()) {
      const compiled = ajv.getSchema(name);
      const loaded = precompiled.get(name);
      if (!compiled || !loaded) throw new Error(`no validator for ${name}`);
      for (const doc of docs) {
        const valid = compiled(doc);
        expect(loaded(doc), name).toBe(valid);
        expect(loaded.errors ?? null, name).toEqual(compiled.errors ?? null);
        if (!valid) failing++;
      }
    }
    // Not only valid documents: errors are compared too.
    expect(failing).toBeGreaterThan(100);
  });

  // `npm ci` builds (the `prepare` script), so on CI the build's file must be the one a start uses;
  // in a checkout whose schemas changed since the last `npm run build` it is stale, and unused.
  it.runIf(process.env.CI)('are written by the build, and the build is the one a start loads', () => {
    expect(loadPrecompiled(schemas)?.size).toBe(schemas.size);
  });

  it('are not used when made from other schemas or other versions, or when the file is not theirs', () => {
    const changed = new Map(schemas);
    changed.set('header.schema.json', { ...schemas.get('header.schema.json'), title: 'changed' });
    expect(validatorsFromSource(source, changed)).toBeUndefined();
    expect(validatorsFromSource(source.replace(/^\/\/ sha256:./, '// sha256:#'), schemas)).toBeUndefined();
    expect(validatorsFromSource('', schemas)).toBeUndefined();
    // The right key on code cut short, or on code that fails when run.
    expect(validatorsFromSource(source.slice(0, source.length / 2), schemas)).toBeUndefined();
    const key = source.slice(0, source.indexOf('\n') + 1);
    expect(validatorsFromSource(`${key}throw new Error('damaged');`, schemas)).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'norma-precompiled-'));
    try {
      expect(loadPrecompiled(schemas, join(dir, 'absent.cjs'))).toBeUndefined();
      writeFileSync(join(dir, 'kind-validators.cjs'), source);
      expect(loadPrecompiled(schemas, join(dir, 'kind-validators.cjs'))?.size).toBe(schemas.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
