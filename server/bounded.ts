/**
 * Bounds on what the server answers about problems: however many problems a request has, and
 * however long the text it sent, an error response stays small (well under 64 KB). Lists are cut
 * with a last entry that counts what was left out; long texts are cut with an ellipsis.
 */
import { type Diagnostic, NormaError } from '../engine/index.ts';

/** The most entries of a details or diagnostics list answered, before the entry counting the rest. */
export const MAX_DETAILS = 100;
/** The most bytes of entries answered in one list. */
export const MAX_LIST_BYTES = 40 * 1024;
/** The longest text (message, hint, path, file) answered, in characters. */
export const MAX_TEXT = 500;
/** The code of the entry that counts the entries left out. */
export const TRUNCATED = 'details_truncated';

/** The error body of docs/api.md, as answered. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Diagnostic[] };
}

/** `text` cut to `max` characters, ending with `…` when cut. */
export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A NormaError as answered: its message clipped, its details capped. */
export function boundedError(err: NormaError, limits: ListLimits = {}): ErrorBody {
  const details = capDiagnostics(err.details, limits);
  return {
    error: {
      code: err.code,
      message: clip(err.message, 2 * MAX_TEXT),
      ...(details.length > 0 ? { details } : {}),
    },
  };
}

/** How far a list may go: entries and bytes. */
export interface ListLimits {
  maxItems?: number;
  maxBytes?: number;
}

/**
 * The first entries of `list`, each with its texts clipped, while they fit `maxItems` and
 * `maxBytes`; then one `details_truncated` entry saying how many were left out. A summary entry
 * the list already ends with (the engine's own cut) is kept after it.
 */
export function capDiagnostics(list: readonly Diagnostic[], limits: ListLimits = {}): Diagnostic[] {
  const maxItems = limits.maxItems ?? MAX_DETAILS;
  const maxBytes = limits.maxBytes ?? MAX_LIST_BYTES;
  const last = list.at(-1);
  const summary = last?.code === TRUNCATED ? clipped(last) : undefined;
  const entries = summary ? list.length - 1 : list.length;
  const out: Diagnostic[] = [];
  let bytes = 0;
  for (let i = 0; i < entries && out.length < maxItems; i++) {
    const d = clipped(list[i] as Diagnostic);
    bytes += Buffer.byteLength(JSON.stringify(d));
    if (bytes > maxBytes) break;
    out.push(d);
  }
  if (out.length < entries) out.push(truncation(list.slice(out.length, entries)));
  if (summary) out.push(summary);
  return out;
}

/** The entry standing for the entries left out. */
function truncation(left: readonly Diagnostic[]): Diagnostic {
  const n = left.length;
  return {
    code: TRUNCATED,
    message: `${n} more ${n === 1 ? 'problem is' : 'problems are'} not shown`,
    severity: left.some((d) => d.severity === 'error') ? 'error' : 'warning',
    hint: 'fix the problems shown and send again to see the next ones',
  };
}

/** A diagnostic with every text clipped; the same object when nothing is too long. */
function clipped(d: Diagnostic): Diagnostic {
  const long = [d.message, d.hint, d.path, d.file].some((t) => t !== undefined && t.length > MAX_TEXT);
  if (!long) return d;
  // Codes come from a closed list (engine/codes.ts): short, never from the request.
  const out: Diagnostic = { ...d, message: clip(d.message) };
  if (d.hint !== undefined) out.hint = clip(d.hint);
  if (d.path !== undefined) out.path = clip(d.path);
  if (d.file !== undefined) out.file = clip(d.file);
  return out;
}

/** The bytes a batch answer spends on its items' errors (more only when their shortest forms need it). */
export const BATCH_ERROR_BYTES = 48 * 1024;
/** The limits of one item's details in a batch answer. */
const ITEM_LIMITS: ListLimits = { maxItems: 10, maxBytes: 4 * 1024 };
/** The message of an item error answered in its shortest form. */
export const NOT_SHOWN = 'not shown';

/**
 * A batch's results as answered: results as they are, item errors bounded. Each item keeps its
 * place and every failed item its code; the first failed items, while `BATCH_ERROR_BYTES` last,
 * also keep their message and first details, the rest have the message `not shown`. So failing
 * items cost about 60 bytes each at most, and successful items are never cut.
 */
export function boundedResults<T>(results: readonly (T | NormaError)[]): (T | ErrorBody)[] {
  const short = (e: NormaError): ErrorBody => ({ error: { code: e.code, message: NOT_SHOWN } });
  let budget = BATCH_ERROR_BYTES;
  for (const r of results) if (r instanceof NormaError) budget -= bytesOf(short(r));
  return results.map((r) => {
    if (!(r instanceof NormaError)) return r;
    if (budget <= 0) return short(r);
    const full = boundedError(r, ITEM_LIMITS);
    const extra = bytesOf(full) - bytesOf(short(r));
    if (extra > budget) {
      // Once one error does not fit, none after it is shown in full: "the first ones" stays true.
      budget = 0;
      return short(r);
    }
    budget -= extra;
    return full;
  });
}

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
