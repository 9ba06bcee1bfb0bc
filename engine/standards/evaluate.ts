import { today } from '../conditions/dates.ts';
import { NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import {
  checkAt,
  checkInstant,
  type Envelope,
  type EvaluateOptions,
  type EvaluateRequest,
  evaluateDocument,
} from '../evaluate.ts';
import { withheldError, withheldInForce } from '../lock/withheld.ts';
import { didYouMean } from '../util/suggest.ts';
import { quoted } from '../util/text.ts';
import { chooseVersion, pinnedVersion } from './choose.ts';
import type { StandardsIndex } from './directory.ts';

/**
 * The served versions of a standard, oldest first: `standard_unknown` when there is no such id,
 * `lock_standard_withheld` when the lock withholds every version of it.
 */
export function versionsOf(index: StandardsIndex, id: string): CompiledDocument[] {
  const list = index.documents.get(id);
  if (list && list.length > 0) return list;
  const withheld = index.withheld.get(id)?.at(-1);
  if (withheld) throw withheldError(withheld);
  const known = [...new Set([...index.documents.keys(), ...index.withheld.keys()])];
  const hint = didYouMean(id, known);
  throw new NormaError('standard_unknown', `no standard ${quoted(id)}`, [
    {
      code: 'standard_unknown',
      message: knownList(known.sort()),
      severity: 'error',
      ...(hint ? { hint } : {}),
    },
  ]);
}

// Ids named in a `standard_unknown` answer at most: with a thousand standards the list would be
// kilobytes long; `GET /v1/standards` lists them all.
const MAX_KNOWN_LISTED = 20;

/** `known: a, b, c` (the first MAX_KNOWN_LISTED ids, then how many more). */
function knownList(ids: readonly string[]): string {
  if (ids.length === 0) return 'known: none';
  const shown = ids.slice(0, MAX_KNOWN_LISTED).join(', ');
  const more = ids.length - MAX_KNOWN_LISTED;
  return more > 0 ? `known: ${shown} and ${more} more (GET /v1/standards lists them all)` : `known: ${shown}`;
}

/**
 * One version of a standard by id: `standard_unknown` or `version_unknown` (both 404 on HTTP), or
 * `lock_standard_withheld` for a version the lock does not vouch for.
 */
export function findVersion(index: StandardsIndex, id: string, version: string): CompiledDocument {
  const withheld = index.withheld.get(id) ?? [];
  const hit = withheld.find((w) => w.version === version);
  if (hit) throw withheldError(hit);
  const served = index.documents.get(id) ?? [];
  if (served.length === 0 && withheld.length > 0) {
    return pinnedVersion(id, [], version, `withheld versions: ${withheld.map((w) => w.version).join(', ')}`);
  }
  return pinnedVersion(id, versionsOf(index, id), version);
}

/**
 * The version that decides at `at` (or the pinned one), as `chooseVersion`, except that a version
 * the lock withholds is never stepped over: when it would be the one in force, the answer is
 * `lock_standard_withheld`, not an older version taking over its decisions.
 */
export function chooseStandardVersion(
  index: StandardsIndex,
  id: string,
  at: string,
  pinned?: string,
): CompiledDocument {
  if (pinned !== undefined) return findVersion(index, id, pinned);
  const withheld = index.withheld.get(id) ?? [];
  const served = withheld.length > 0 ? (index.documents.get(id) ?? []) : versionsOf(index, id);
  let chosen: CompiledDocument | undefined;
  let notInForce: unknown;
  try {
    chosen = chooseVersion(id, served, at);
  } catch (e) {
    notInForce = e;
  }
  const blocker = withheldInForce(withheld, chosen, at);
  if (blocker) throw withheldError(blocker);
  if (!chosen) throw notInForce;
  return chosen;
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
  // A process is evaluated at an instant; its version is the one in force on that instant's day.
  const instant = index.documents.get(id)?.[0]?.module.at === 'instant';
  const at = instant ? checkInstant(request.at ?? new Date().toISOString()) : checkAt(request.at ?? today());
  const doc = chooseStandardVersion(index, id, instant ? at.slice(0, 10) : at, request.version);
  // An explicit object, not `{ ...request, at }`: spreading a parsed body and adding a key is
  // slow on Node 20 (json-rules-engine-notes.md).
  const { facts, answers, history, explain } = request;
  return evaluateDocument(
    doc,
    {
      at,
      facts,
      ...(answers !== undefined ? { answers } : {}),
      ...(history !== undefined ? { history } : {}),
      ...(explain !== undefined ? { explain } : {}),
    },
    options,
  );
}
