import type { CompiledDocument } from '../document.ts';
import { yaml } from '../packages.ts';
import { assuranceAt } from './boundaries.ts';
import { type AssuranceRequest, evaluateOutcome, expandDotted, isMapping } from './outcome.ts';

/** A test as a quality manager writes it under `tests:`, ready to paste. */
export interface PasteTest {
  name: string;
  facts: Record<string, unknown>;
  answers?: Record<string, unknown>;
  history?: unknown[];
  at?: string;
  expect?: Record<string, unknown>;
  expectError?: string;
}

/** The smallest failing input fast-check found, with what it takes to replay it. */
export interface Counterexample {
  /** One test per evaluation involved (two for `monotone`: the smaller and the larger value). */
  tests: PasteTest[];
  /** The tests as YAML, a list to paste under `tests:`. */
  yaml: string;
  seed: number;
  /** fast-check's path to the shrunk case (for `fc.assert(…, { seed, path })`). */
  path: string;
}

/**
 * A pasteable test recording what the document does now on this request: `expect` is the actual
 * result (narrowed to `keys` when given), or `expectError` the error it raised.
 */
export function pasteTest(
  doc: CompiledDocument,
  name: string,
  request: AssuranceRequest,
  keys?: readonly string[],
): PasteTest {
  const outcome = evaluateOutcome(doc, request);
  const base: PasteTest = {
    name,
    facts: request.facts,
    ...(request.answers !== undefined ? { answers: request.answers } : {}),
    ...(request.history !== undefined ? { history: request.history } : {}),
    ...(request.at !== assuranceAt(doc) ? { at: request.at } : {}),
  };
  if (!outcome.ok) return { ...base, expectError: outcome.code };
  return { ...base, expect: narrow(outcome.envelope.result, keys) };
}

/** The parts of a result that an invariant speaks about, keeping the nesting of dotted keys. */
function narrow(result: unknown, keys: readonly string[] | undefined): Record<string, unknown> {
  if (!isMapping(result)) return { result };
  if (!keys || keys.length === 0) return result;
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = read(result, key);
    if (value !== undefined) picked[key] = value;
  }
  return Object.keys(picked).length > 0 ? expandDotted(picked) : result;
}

function read(result: Record<string, unknown>, key: string): unknown {
  let v: unknown = result;
  for (const part of key.split('.')) {
    if (!isMapping(v) || !Object.hasOwn(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

/** Builds the counterexample record from the tests and fast-check's replay data. */
export function counterexample(tests: PasteTest[], seed: number, path: string): Counterexample {
  return { tests, yaml: testsYaml(tests), seed, path };
}

/** Tests as a YAML list, in the flow style the bundled documents use for small mappings. */
export function testsYaml(tests: PasteTest[]): string {
  return yaml()
    .stringify(tests, { lineWidth: 100, flowCollectionPadding: true, collectionStyle: 'any' })
    .trimEnd();
}
