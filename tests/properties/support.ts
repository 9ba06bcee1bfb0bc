/** Shared helpers of the property suites: documents built as data, compiled loudly. */
import { type CompiledDocument, compileDocument } from '../../engine/index.ts';

/** A seed per run, printed by fast-check on failure; CI pins it so a red build replays. */
export const SEED = process.env.NORMA_PROPERTY_SEED
  ? Number(process.env.NORMA_PROPERTY_SEED)
  : process.env.CI
    ? 20260301
    : undefined;

/** fast-check parameters for a suite: the run count, and the pinned seed when there is one. */
export function params(numRuns: number): { numRuns: number; seed?: number } {
  return SEED === undefined ? { numRuns } : { numRuns, seed: SEED };
}

/** The header every generated document shares. */
export function header(kind: string, id = `prop.${kind}`): Record<string, unknown> {
  return { kind, id, version: '1.0.0', status: 'draft', title: `generated ${kind}` };
}

/** Compiles a document given as data (JSON is YAML); throws with the diagnostics when it does not compile. */
export function compileData(data: Record<string, unknown>): CompiledDocument {
  const { document, diagnostics } = compileDocument(JSON.stringify(data, null, 1), 'generated.yaml');
  if (!document) throw new Error(`generated document does not compile: ${JSON.stringify(diagnostics)}`);
  return document;
}

/** A ruleset rule as data; `then` is set by name because an object literal with `then` looks thenable to lint. */
export function rule(
  id: string,
  when: unknown,
  outputs: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return Object.fromEntries([['id', id], ['when', when], ['then', outputs], ...Object.entries(extra)]);
}
