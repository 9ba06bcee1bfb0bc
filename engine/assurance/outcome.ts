import type { CompiledDocument } from '../document.ts';
import { type Envelope, evaluateFast } from '../evaluate.ts';
import type { GeneratedInput } from './generate.ts';

/** One evaluation as assurance sees it: the envelope, or the error it raised (never a throw). */
export type Outcome = { ok: true; envelope: Envelope } | { ok: false; code: string; message: string };

/** A request for one evaluation: generated or authored input at a date. */
export interface AssuranceRequest extends GeneratedInput {
  at: string;
}

/** Evaluates on the fast path and turns errors into data, so properties can inspect them. */
export function evaluateOutcome(doc: CompiledDocument, request: AssuranceRequest): Outcome {
  try {
    const body = {
      facts: request.facts,
      at: request.at,
      ...(request.answers !== undefined ? { answers: request.answers } : {}),
      ...(request.history !== undefined ? { history: request.history } : {}),
    };
    return { ok: true, envelope: evaluateFast(doc, body) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return {
      ok: false,
      code: typeof code === 'string' ? code : 'internal',
      message: (e as Error).message ?? String(e),
    };
  }
}

/** Reads a dotted path (`totals.customer`) from a result. */
export function readDotted(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** `{ 'totals.customer': 0 }` → `{ totals: { customer: 0 } }`, for partial matching. */
export function expandDotted(want: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(want)) {
    const parts = key.split('.');
    let target = out;
    parts.slice(0, -1).forEach((p) => {
      const next = target[p];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) target[p] = {};
      target = target[p] as Record<string, unknown>;
    });
    const last = parts[parts.length - 1] as string;
    const existing = target[last];
    target[last] =
      isMapping(existing) && isMapping(value) ? { ...existing, ...expandDotted(value) } : expand(value);
  }
  return out;
}

function expand(value: unknown): unknown {
  return isMapping(value) ? expandDotted(value) : value;
}

/** A copy of `facts` with a dotted path set; undefined when a parent object is absent. */
export function withFact(
  facts: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> | undefined {
  const copy = structuredClone(facts);
  const parts = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) {
    const next = target[p];
    if (!isMapping(next)) return undefined;
    target = next;
  }
  target[parts[parts.length - 1] as string] = value;
  return copy;
}

/** True for a plain mapping. */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
