import { type Diagnostic, NormaError, type StandardRequest } from '../engine/index.ts';

/** The body of `POST …/evaluate`, checked for shape; facts and answers are the engine's to check. */
export interface EvaluateBody extends StandardRequest {
  explain?: boolean;
}

/** The body of `POST …/evaluate/batch`: each item stays raw until it is evaluated on its own. */
export interface BatchBody {
  items: unknown[];
  version?: string;
}

type FieldType = 'string' | 'boolean' | 'array' | 'any';

const evaluateFields: Record<string, FieldType> = {
  facts: 'any',
  answers: 'any',
  at: 'string',
  version: 'string',
  explain: 'boolean',
};
const itemFields: Record<string, FieldType> = { facts: 'any', answers: 'any', at: 'string' };
const batchFields: Record<string, FieldType> = { items: 'array', version: 'string' };

/** Checks an evaluate body: `{facts, answers?, at?, version?, explain?}`. */
export function evaluateBody(raw: unknown): EvaluateBody {
  const body = checkShape(raw, evaluateFields, '');
  // Built field by field: never spread a parsed body (slow on Node 20, and it would let extras through).
  return picked(body, true);
}

/** Checks one batch item: `{facts, answers?, at?}`; a problem is that item's error, not the batch's. */
export function batchItem(raw: unknown, index: number): StandardRequest {
  return picked(checkShape(raw, itemFields, `/items/${index}`), false);
}

/** Checks a batch body: `{items: [...], version?}`. */
export function batchBody(raw: unknown): BatchBody {
  const body = checkShape(raw, batchFields, '');
  if (body.items === undefined) {
    throw invalid([problem('/items', '`items` is required', 'send `{"items": [{"facts": {…}}]}`')]);
  }
  return {
    items: body.items as unknown[],
    ...(body.version !== undefined ? { version: body.version as string } : {}),
  };
}

function picked(body: Record<string, unknown>, withVersion: boolean): EvaluateBody {
  const out: EvaluateBody = { facts: body.facts };
  if (body.answers !== undefined) out.answers = body.answers;
  if (body.at !== undefined) out.at = body.at as string;
  if (withVersion && body.version !== undefined) out.version = body.version as string;
  if (withVersion && body.explain !== undefined) out.explain = body.explain as boolean;
  return out;
}

function checkShape(raw: unknown, fields: Record<string, FieldType>, at: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid([
      problem(at, 'the body must be a JSON object', `fields: ${Object.keys(fields).join(', ')}`),
    ]);
  }
  const body = raw as Record<string, unknown>;
  const details: Diagnostic[] = [];
  for (const [key, value] of Object.entries(body)) {
    const type = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (type === undefined) {
      details.push(
        problem(`${at}/${key}`, `unknown field \`${key}\``, `fields: ${Object.keys(fields).join(', ')}`),
      );
    } else if (value !== undefined && !hasType(value, type)) {
      details.push(problem(`${at}/${key}`, `\`${key}\` must be ${article(type)}`));
    }
  }
  if (details.length > 0) throw invalid(details);
  return body;
}

function hasType(value: unknown, type: FieldType): boolean {
  if (type === 'any') return true;
  if (type === 'array') return Array.isArray(value);
  return typeof value === type;
}

function article(type: FieldType): string {
  return type === 'array' ? 'an array' : `a ${type}`;
}

function problem(path: string, message: string, hint?: string): Diagnostic {
  return { code: 'body_invalid', message, severity: 'error', path, ...(hint ? { hint } : {}) };
}

function invalid(details: Diagnostic[]): NormaError {
  return new NormaError('body_invalid', 'the request body does not have the expected shape', details);
}
