import { today } from '../conditions/dates.ts';
import { NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import {
  checkAt,
  type Envelope,
  type EvaluateOptions,
  type EvaluateRequest,
  evaluateDocument,
} from '../evaluate.ts';
import { didYouMean } from '../util/suggest.ts';
import { chooseVersion, pinnedVersion } from './choose.ts';
import type { StandardsIndex } from './directory.ts';

/** The versions of a standard, oldest first; `standard_unknown` when there is no such id. */
export function versionsOf(index: StandardsIndex, id: string): CompiledDocument[] {
  const list = index.documents.get(id);
  if (!list || list.length === 0) {
    const hint = didYouMean(id, index.documents.keys());
    throw new NormaError('standard_unknown', `no standard \`${id}\``, [
      {
        code: 'standard_unknown',
        message: `known: ${[...index.documents.keys()].sort().join(', ') || 'none'}`,
        severity: 'error',
        ...(hint ? { hint } : {}),
      },
    ]);
  }
  return list;
}

/** One version of a standard by id: `standard_unknown` or `version_unknown` (both 404 on HTTP). */
export function findVersion(index: StandardsIndex, id: string, version: string): CompiledDocument {
  return pinnedVersion(id, versionsOf(index, id), version);
}

/** A request to evaluate a standard by id: the version in force at `at`, or the pinned one. */
export interface StandardRequest extends EvaluateRequest {
  version?: string;
}

/** Chooses the version that decides and evaluates it. */
export async function evaluateStandard(
  index: StandardsIndex,
  id: string,
  request: StandardRequest,
  options: EvaluateOptions = {},
): Promise<Envelope> {
  // Checked before choosing: a date that is not a date would otherwise read as "no version in force".
  const at = checkAt(request.at ?? today());
  const doc = chooseVersion(id, versionsOf(index, id), at, request.version);
  // An explicit object, not `{ ...request, at }`: spreading a parsed body and adding a key is
  // slow on Node 20 (json-rules-engine-notes.md).
  const { facts, answers, explain } = request;
  return evaluateDocument(
    doc,
    {
      at,
      facts,
      ...(answers !== undefined ? { answers } : {}),
      ...(explain !== undefined ? { explain } : {}),
    },
    options,
  );
}
