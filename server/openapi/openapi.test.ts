import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kinds } from '../../engine/index.ts';
import { SCOPES } from '../scopes.ts';
import { json, testApp, testdataDir } from '../testing.ts';

type Json = Record<string, unknown>;

async function spec(tokens: string[] = []): Promise<{ doc: Json; app: ReturnType<typeof testApp>['app'] }> {
  const { app } = testApp({ tokens });
  const res = await app.request('/openapi.json');
  expect(res.status).toBe(200);
  return { doc: (await json(res)) as Json, app };
}

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsOf(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document according to a real validator', async () => {
    const { doc } = await spec();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is the same document with and without tokens: security and 401/403 are always described', async () => {
    const open = await spec();
    const guarded = await spec(['secret']);
    expect(guarded.doc).toEqual(open.doc);
    const paths = open.doc.paths as Record<string, Record<string, Json>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        if (path.startsWith('/v1/')) {
          // Each operation names the one scope it needs: reading `read`, the rest `evaluate` unless it says.
          const scope = (op.security as { bearer: string[] }[])[0]?.bearer;
          expect(scope, where).toHaveLength(1);
          expect(SCOPES, where).toContain(scope?.[0]);
          expect(op, where).not.toHaveProperty('x-scope');
          expect(Object.keys(op.responses as Json), where).toEqual(expect.arrayContaining(['401', '403']));
        } else {
          expect(op.security, where).toEqual(path === '/readyz' ? [{}, { bearer: [] }] : []);
          expect(op.responses, where).not.toHaveProperty('401');
        }
      }
    }
  });

  it('describes every route the app serves, and nothing it does not', async () => {
    const { doc, app } = await spec();
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const described = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of Object.keys(item)) described.add(`${method} ${path}`);
    }
    expect([...described].sort()).toEqual([...served].sort());
  });

  it('resolves every $ref inside the document', async () => {
    const { doc } = await spec();
    const refs = [...new Set(refsOf(doc))];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(resolvePointer(doc, ref), ref).toBeDefined();
    }
  });

  it("reuses the engine's document schemas: a served ruleset validates against them, a broken one does not", async () => {
    const { doc } = await spec();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: 'https://norma.test/openapi.json' });
    const validate = ajv.getSchema('https://norma.test/openapi.json#/components/schemas/Document');
    if (!validate) throw new Error('no Document schema');
    const ruleset = parse(readFileSync(join(testdataDir, 'rules/approval.work-order/1.1.0.yaml'), 'utf8'));
    expect(validate(ruleset), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ruleset, hit: 'frist' })).toBe(false);
    expect(validate({ ...ruleset, rulez: [] })).toBe(false);
  });

  it('describes the evaluate body and the envelope it answers with', async () => {
    const { doc } = await spec();
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    expect(Object.keys(schemas.EvaluateRequest?.properties as Json)).toEqual([
      'facts',
      'answers',
      'at',
      'version',
      'explain',
      'subject',
    ]);
    expect(schemas.EvaluateRequest?.required).toEqual(['facts']);
    const discriminator = (schemas.Envelope?.discriminator ?? {}) as Json;
    expect(discriminator.propertyName).toBe('kind');
    expect(Object.keys(discriminator.mapping ?? {}).sort()).toEqual(Object.keys(kinds).sort());
  });
});
