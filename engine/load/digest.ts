import { createHash } from 'node:crypto';

/**
 * The digest scheme in use (recorded as `lockVersion` in norma.lock). Scheme 1 wrote the data as
 * plain JSON, where NaN and ±Infinity all became `null`, and included `status`; scheme 2 is this
 * file: every value that JSON cannot hold gets a token of its own, and lifecycle fields are left out.
 */
export const DIGEST_SCHEME = 2;

/**
 * The header fields that record a version's lifecycle rather than its content. Retiring a version
 * or recording its periodic review (`reviewed`, which confirms the version as it stands) changes
 * them and nothing else, so they are not digested: a decision issued before either still names
 * the digest that history shows. No version locked before `reviewed` existed could carry it (the
 * schema refused it), so leaving it out changes no recorded digest.
 */
export const LIFECYCLE_FIELDS: readonly string[] = ['status', 'reviewed'];

/**
 * Canonical text of a value: object keys sorted at every level, so the same data always gives the
 * same text; plain JSON for every JSON value. Values JSON cannot hold are written as tokens that
 * no JSON value can produce (JSON.stringify would make NaN, ±Infinity and undefined `null`):
 * - `NaN`, `Infinity`, `-Infinity`;
 * - `-0`: it compares equal to 0 but does not always behave like it (`1 / -0` is -Infinity,
 *   `Intl.NumberFormat` prints `-0`), so the digest keeps them apart rather than prove otherwise;
 * - `undefined`, and nothing at all for a hole in a sparse array (`[,1]` is not `[undefined,1]`:
 *   `0 in list` differs);
 * - `Date(…)`, `Bytes(…)` (YAML `!!timestamp`, `!!binary`), `Map[…]`, `Set[…]`, `BigInt(…)`,
 *   and `Name{…}` for any other object that is not a plain one, so none reads as a mapping.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numberText(value);
    case 'bigint':
      return `BigInt(${value.toString()})`;
    case 'undefined':
      return 'undefined';
    case 'object':
      return value === null ? 'null' : objectText(value);
    default:
      // Functions and symbols never come from YAML; name their type rather than drop them.
      return `${typeof value}(${String(value)})`;
  }
}

function numberText(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '-0' : JSON.stringify(n);
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function objectText(value: object): string {
  if (Array.isArray(value)) return listText(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'NaN' : value.toISOString()})`;
  if (value instanceof Uint8Array) return `Bytes(${Buffer.from(value).toString('hex')})`;
  if (value instanceof Map)
    return `Map${sortedList([...value].map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v)}`))}`;
  if (value instanceof Set) return `Set${sortedList([...value].map(canonicalJson))}`;
  const proto = Object.getPrototypeOf(value);
  const mapping = mappingText(value as Record<string, unknown>);
  if (proto === Object.prototype || proto === null) return mapping;
  return `${String(proto?.constructor?.name ?? 'Object')}${mapping}`;
}

// Built by concatenation, not map/join: digests are taken of every document at load.
function listText(list: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    if (i in list) out += canonicalJson(list[i]);
  }
  return `${out}]`;
}

function mappingText(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) out += ',';
    out += keyText(k) + canonicalJson(record[k]);
  }
  return `${out}}`;
}

// Documents use a few hundred key names over and over (`id`, `when`, `fact`): their JSON text is
// made once (digests took a third less time). Long names are not kept, and the table is emptied
// when full, so no stream of documents can make it grow without bound.
const keyTexts = new Map<string, string>();
const MAX_KEY_TEXTS = 10_000;
const MAX_KEPT_KEY = 64;

/** `"key":` */
function keyText(k: string): string {
  let text = keyTexts.get(k);
  if (text === undefined) {
    text = `${JSON.stringify(k)}:`;
    if (k.length <= MAX_KEPT_KEY) {
      if (keyTexts.size >= MAX_KEY_TEXTS) keyTexts.clear();
      keyTexts.set(k, text);
    }
  }
  return text;
}

/** Entries of an unordered collection, in a fixed order. */
function sortedList(items: string[]): string {
  return `[${items.sort().join(',')}]`;
}

/** `sha256:` of a value's canonical text. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** The digest of a document version: its whole content except its lifecycle fields. */
export function documentDigest(data: Record<string, unknown>): string {
  return digestOf(withoutLifecycle(data));
}

/** The document without `status`, `reviewed` (and any other lifecycle field). */
export function withoutLifecycle(data: Record<string, unknown>): Record<string, unknown> {
  // No prototype: a `__proto__` key is copied as data, not as the object's prototype.
  const content: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(data)) if (!LIFECYCLE_FIELDS.includes(key)) content[key] = data[key];
  return content;
}
