import type { CompiledDocument } from '../document.ts';
import { evaluateReferencePath } from '../evaluate.ts';
import type { ExplainEntry } from '../kinds/kind.ts';
import type { AssuranceRequest } from './outcome.ts';

/** Which rules, bands, items, vetoes, rates… the authored tests exercised. */
export interface Coverage {
  total: number;
  exercised: number;
  /** `<type> <id>` of each element no test applied, in document order. */
  uncovered: string[];
}

// Grades and other derived entries are not things a test "exercises" by choosing inputs.
const IGNORED = new Set(['grade']);

/**
 * Coverage from the explanation of each test's evaluation (json-rules-engine, the reference
 * path): an element is exercised when some test applied it. `universe` is a request used only to
 * list the elements when the document has no tests.
 */
export async function coverageOf(
  doc: CompiledDocument,
  requests: readonly AssuranceRequest[],
  universe: AssuranceRequest | undefined,
): Promise<Coverage> {
  const all = new Map<string, boolean>();
  const visit = (entries: readonly ExplainEntry[], counts: boolean) => {
    for (const e of entries) {
      if (IGNORED.has(e.type)) continue;
      const key = `${e.type} ${e.id}`;
      all.set(key, (all.get(key) ?? false) || (counts && e.applied));
    }
  };
  for (const request of requests) visit(await explainOf(doc, request), true);
  if (universe) visit(await explainOf(doc, universe), false);
  const uncovered = [...all].filter(([, hit]) => !hit).map(([key]) => key);
  return { total: all.size, exercised: all.size - uncovered.length, uncovered };
}

/** The explanation of one request on the reference path; none when the request is refused. */
export async function explainOf(doc: CompiledDocument, request: AssuranceRequest): Promise<ExplainEntry[]> {
  try {
    const body = {
      facts: request.facts,
      at: request.at,
      explain: true,
      ...(request.answers !== undefined ? { answers: request.answers } : {}),
      ...(request.history !== undefined ? { history: request.history } : {}),
    };
    return (await evaluateReferencePath(doc, body)).explain ?? [];
  } catch {
    // A test that expects an error exercises nothing measurable.
    return [];
  }
}
