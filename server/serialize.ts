/**
 * The evaluation envelope as JSON text, written by code that knows its shape: the `standard`
 * header is the same for every evaluation of a version, and so is a `matched` entry without a
 * message, so their texts are made once and kept; everything else (`at`, `kind`, the kind's
 * `result`, messages, `explain`, the `labels` of the language asked for, fields added later)
 * goes through JSON.stringify. The output is byte for byte what `JSON.stringify(envelope)` gives, fields in the same order, none dropped: any value that is not
 * of the expected type is handed to JSON.stringify too (serialize.test.ts checks this on
 * generated envelopes).
 */

/** The text of each version's `standard` header, by digest (bounded: versions come and go). */
const headers = new Map<string, { id: string; version: string; text: string }>();
const MAX_HEADERS = 1024;

/** `JSON.stringify(envelope)`, faster. */
export function serializeEnvelope(envelope: object): string {
  if (!isPlain(envelope)) return JSON.stringify(envelope);
  let out = '{';
  let first = true;
  for (const key in envelope) {
    if (!Object.hasOwn(envelope, key)) continue;
    const text = fieldText(key, envelope[key]);
    if (text === undefined) continue; // as JSON.stringify leaves out undefined, functions, symbols
    out += `${first ? '' : ','}${keyText(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

function keyText(key: string): string {
  switch (key) {
    case 'standard':
      return '"standard"';
    case 'at':
      return '"at"';
    case 'kind':
      return '"kind"';
    case 'result':
      return '"result"';
    case 'matched':
      return '"matched"';
    case 'labels':
      return '"labels"';
    default:
      return JSON.stringify(key);
  }
}

function fieldText(key: string, value: unknown): string | undefined {
  if (key === 'standard') return standardText(value);
  if (key === 'matched' && Array.isArray(value)) return matchedText(value);
  return JSON.stringify(value);
}

/** A plain `{id, version, digest}` of strings, from the cache; anything else as JSON.stringify has it. */
function standardText(value: unknown): string | undefined {
  if (!isPlain(value) || !hasExactly(value, STANDARD_KEYS)) return JSON.stringify(value);
  const { id, version, digest } = value as { id: unknown; version: unknown; digest: unknown };
  if (typeof id !== 'string' || typeof version !== 'string' || typeof digest !== 'string')
    return JSON.stringify(value);
  const known = headers.get(digest);
  if (known !== undefined && known.id === id && known.version === version) return known.text;
  const text = JSON.stringify(value);
  if (headers.size >= MAX_HEADERS) headers.clear();
  headers.set(digest, { id, version, text });
  return text;
}

const STANDARD_KEYS = ['id', 'version', 'digest'] as const;

/** Whether an object's own enumerable keys are exactly `keys`, in that order. */
function hasExactly(value: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  // No toJSON to honour: a plain object, as the engine builds them.
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/** The `matched` list: each `{rule, clause?, title?, message?}` of strings written directly. */
function matchedText(list: readonly unknown[]): string {
  if ('toJSON' in list) return JSON.stringify(list);
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    out += matchText(list[i]);
  }
  return `${out}]`;
}

/**
 * A `matched` entry without a message names its rule, clause and title, which are the document's
 * own values: the same text every time the rule matches. Its text is kept by rule id (bounded),
 * and used again only while the clause and title are the very same values.
 */
const staticEntries = new Map<string, { clause: unknown; title: unknown; text: string }>();
const MAX_ENTRIES = 10_000;

function matchText(m: unknown): string {
  // A hole or undefined in a list is `null` in JSON, as in JSON.stringify.
  if (!isPlain(m)) return JSON.stringify(m) ?? 'null';
  const rule = m.rule;
  const cacheable = typeof rule === 'string' && isStatic(m);
  if (cacheable) {
    const known = staticEntries.get(rule);
    if (known !== undefined && known.clause === m.clause && known.title === m.title) return known.text;
  }
  const text = JSON.stringify(m);
  if (cacheable) {
    if (staticEntries.size >= MAX_ENTRIES) staticEntries.clear();
    staticEntries.set(rule, { clause: m.clause, title: m.title, text });
  }
  return text;
}

/** Whether an entry is `rule`, then `clause`, then `title` (each of the last two if at all), all text. */
function isStatic(m: Record<string, unknown>): boolean {
  let last = -1;
  for (const key in m) {
    if (!Object.hasOwn(m, key)) continue;
    const at = key === 'rule' ? 0 : key === 'clause' ? 1 : key === 'title' ? 2 : -1;
    if (at <= last || (last === -1 && at !== 0)) return false;
    last = at;
  }
  // A clause list could be changed in place between two evaluations: only text is kept.
  return (
    (m.clause === undefined || typeof m.clause === 'string') &&
    (m.title === undefined || typeof m.title === 'string')
  );
}
