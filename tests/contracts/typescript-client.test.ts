/**
 * A real client's view of the served document: types generated with openapi-typescript, and a
 * small client type-checked against them with tsc. It reads a diff's changes and a ruleset's
 * outputs after narrowing by `kind`, without casts; a client that skips the narrowing must not
 * compile, so the result is typed, not `unknown` or `any`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedSpec } from './spec.ts';

const client = `
import type { components, paths } from './api.ts';

type Envelope = components['schemas']['Envelope'];
type Diff = paths['/v1/standards/{id}/diff']['get']['responses'][200]['content']['application/json'];
type Batch = paths['/v1/standards/{id}/evaluate/batch']['post']['responses'][200]['content']['application/json'];
type Request = paths['/v1/standards/{id}/evaluate']['post']['requestBody']['content']['application/json'];

export const request: Request = { facts: { estimateTotal: 25000 }, at: '2026-03-01', explain: true };

export function firstChange(diff: Diff): string {
  const change = diff.semantic.changes[0];
  if (change === undefined) return 'none';
  if (change.op === 'renamed') return change.from.toUpperCase() + ' → ' + change.to.toUpperCase();
  if (change.op === 'moved') return String(change.fromPosition + change.toPosition);
  const share: number | undefined = diff.behaviour?.generated.transitions[0]?.share;
  return change.path + change.class + String(share);
}

export function decision(envelope: Envelope): unknown {
  switch (envelope.kind) {
    case 'ruleset':
      return envelope.result.outputs.approver;
    case 'checklist': {
      const item = envelope.explain?.[0];
      return [envelope.result.status, envelope.result.blocking.length, item?.answer?.evidence.length, item?.expect?.met];
    }
    case 'scorecard':
      return envelope.result.grade + envelope.result.criteria.map((c) => c.band ?? '').join();
    case 'fees':
      return envelope.result.totals.total + envelope.result.lines.length;
  }
}

export function codes(batch: Batch): string[] {
  return batch.results.map((r) => ('error' in r ? r.error.code : r.standard.version));
}
`;

const unnarrowed = `
import type { components } from './api.ts';
export const outputs = (e: components['schemas']['Envelope']) => e.result.outputs;
`;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'norma-client-'));
  const spec = await servedSpec();
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript types its input as its own OpenAPI3 object
  const types = astToString(await openapiTS(spec as any));
  writeFileSync(join(dir, 'api.ts'), types);
  writeFileSync(join(dir, 'client.ts'), client);
  writeFileSync(join(dir, 'unnarrowed.ts'), unnarrowed);
}, 20_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The messages of tsc (strict) on one file of the client folder. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    allowImportingTsExtensions: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('a client generated with openapi-typescript', () => {
  it('reads diff changes and per-kind results without casts', () => {
    expect(typeErrors('client.ts')).toEqual([]);
  }, 20_000);

  it('cannot read `result.outputs` before narrowing by kind', () => {
    expect(typeErrors('unnarrowed.ts').join('\n')).toMatch(/outputs/);
  }, 20_000);
});
