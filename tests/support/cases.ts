import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type CompileResult, compileDocument } from '../../engine/index.ts';

/** The folder of the data-driven case corpus. */
export const casesDir = join(import.meta.dirname, '..', 'cases');

/** Every case file, relative to `casesDir`, sorted. */
export function caseFiles(): string[] {
  return readdirSync(casesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** A case file's parsed content. */
export function readCase<T>(name: string): T {
  return parse(readFileSync(join(casesDir, name), 'utf8')) as T;
}

/**
 * Compiles a case's document as if it were at `file`: a path like `rules/<id>/<version>.yaml`
 * also checks the id and version against it.
 */
export function compileCase(document: string, file = 'case.yaml'): CompileResult {
  const identity = /^(rules|checklists)\/([^/]+)\/([^/]+)\.yaml$/.exec(file);
  return compileDocument(
    document,
    file,
    identity
      ? { folder: identity[1] as string, id: identity[2] as string, version: identity[3] as string }
      : undefined,
  );
}
