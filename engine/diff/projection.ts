/**
 * The outcome of an evaluation as the behavioural diff compares it: the part of a result that a
 * decision rests on, as named fields (each kind's `diff.project`). Explanations, messages and matched rules are left
 * out; they are wording as far as outcomes go.
 */
import { NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { evaluateFast } from '../evaluate.ts';
import { kinds } from '../kinds/registry.ts';
import { canonicalJson } from '../load/digest.ts';

/** An outcome: named fields with their values, or the error code the evaluation ended with. */
export type Projection = { fields: Record<string, unknown> } | { error: string };

/** A request as the behavioural diff sends it to both versions. */
export interface DiffInput {
  facts: Record<string, unknown>;
  answers?: Record<string, unknown>;
  /** A process's case history. */
  history?: unknown[];
}

/** The outcome fields of a kind's result (the whole result for a kind norma does not know). */
export function projectResult(kind: string, result: unknown): Record<string, unknown> {
  const module = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  return module ? module.diff.project(mapping(result)) : { result };
}

/** Evaluates one version on an input (the fast path) and projects the outcome. */
export function outcomeOf(doc: CompiledDocument, input: DiffInput, at: string): Projection {
  try {
    const envelope = evaluateFast(doc, { ...input, at });
    return { fields: projectResult(doc.kind, envelope.result) };
  } catch (e) {
    if (e instanceof NormaError) return { error: e.code };
    throw e;
  }
}

/**
 * The transition between two outcomes as a label (`approver: service-manager → service-advisor`),
 * or undefined when they agree. Numbers are labelled by direction, not value, so a fee change
 * groups into `totals.total: increased` rather than one transition per amount.
 */
export function transitionOf(a: Projection, b: Projection): string | undefined {
  if ('error' in a || 'error' in b) {
    const left = 'error' in a ? a.error : 'valid';
    const right = 'error' in b ? b.error : 'valid';
    return left === right ? undefined : `${left} → ${right}`;
  }
  const names = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort();
  const parts: string[] = [];
  for (const name of names) {
    const x = a.fields[name];
    const y = b.fields[name];
    if (canonicalJson(x) === canonicalJson(y)) continue;
    if (typeof x === 'number' && typeof y === 'number') {
      parts.push(`${name}: ${y > x ? 'increased' : 'decreased'}`);
    } else parts.push(`${name}: ${show(x)} → ${show(y)}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  return typeof v === 'string' ? v : canonicalJson(v);
}

function mapping(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
