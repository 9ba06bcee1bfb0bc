/** The served OpenAPI document, as the contract tests and the `lint:api` script read it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, testApp } from '../../server/testing.ts';

/** The OpenAPI document a test app serves at `/openapi.json`. */
export async function servedSpec(): Promise<Record<string, unknown>> {
  const res = await testApp().app.request('/openapi.json');
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  return json(res);
}

/** Writes the served document to a new temporary folder; returns the file's path. */
export async function writeSpec(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'norma-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(await servedSpec(), null, 2));
  return file;
}
