/**
 * The hash chain that makes the records tamper-evident. Each writer's records form one chain: a
 * record's hash covers its whole content, the writer, its place in the chain (seq) and the hash of
 * the record before it, so changing, removing or reordering any record breaks every link after it.
 */
import { createHash } from 'node:crypto';
import type { NewRecord } from './store.ts';

/** The `prevHash` of a writer's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a record sits in its writer's chain. */
export interface ChainLink {
  writer: string;
  seq: number;
  prevHash: string;
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) and no whitespace: one text per value, so the
 * hash does not depend on key order or on how a driver hands the value back. Otherwise it follows
 * JSON.stringify: `undefined` members are left out, `undefined` in arrays and non-finite numbers
 * become null, `toJSON` is honoured.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

/**
 * JSON text that is canonical already (canonicalJson's own output), written as it is where it
 * sits inside a larger value: a record's input is serialised once, not once per use.
 */
export class CanonicalText {
  constructor(readonly text: string) {}
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value instanceof CanonicalText) return value.text;
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('a bigint cannot be written as JSON');
    case 'object':
      if (Array.isArray(value)) return writeArray(value);
      return writeObject(value as Record<string, unknown>);
    default:
      return undefined; // functions, symbols, undefined
  }
}

function writeArray(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) out += `${i === 0 ? '' : ','}${write(array[i]) ?? 'null'}`;
  return `${out}]`;
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  // Most objects (a record, values read back from canonical text) have their keys in order already.
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  for (const key of keys) {
    const text = write(object[key]);
    if (text !== undefined) out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/** Whether the keys are sorted as Array.prototype.sort sorts them (by UTF-16 code unit). */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

/** The canonical texts of a record's JSON values: made once, then hashed and stored as they are. */
export interface RecordTexts {
  input: string;
  result: string;
  matched: string;
  retention: string | null;
}

/** A record in its stored form, with the canonical texts of its JSON values. */
export interface StoredForm {
  content: NewRecord;
  texts: RecordTexts;
}

/**
 * Exactly the fields of a NewRecord, in their stored JSON form: extra properties a caller passes are
 * dropped (they would not be stored, so they must not be hashed), and the JSON values are
 * normalised (written as canonical JSON and read back) so the record read back hashes the same as
 * the one appended.
 */
export function storedForm(record: NewRecord): StoredForm {
  const texts: RecordTexts = {
    input: canonicalJson(record.input),
    result: canonicalJson(record.result ?? null),
    matched: canonicalJson(record.matched),
    retention: record.retention ? canonicalJson(record.retention) : null,
  };
  const content: NewRecord = {
    decisionId: record.decisionId,
    recordedAt: utcInstant(record.recordedAt),
    standard: { id: record.standard.id, version: record.standard.version, digest: record.standard.digest },
    at: record.at,
    kind: record.kind,
    input: JSON.parse(texts.input) as NewRecord['input'],
    result: JSON.parse(texts.result) as NewRecord['result'],
    matched: JSON.parse(texts.matched) as NewRecord['matched'],
    outcome: record.outcome ?? null,
    caller: record.caller ?? null,
    requestId: record.requestId ?? null,
    subject: record.subject ? { type: record.subject.type, id: record.subject.id } : null,
    caseId: record.caseId ?? null,
    retention: texts.retention === null ? null : (JSON.parse(texts.retention) as NewRecord['retention']),
  };
  return { content, texts };
}

/** storedForm's content alone. */
export function recordContent(record: NewRecord): NewRecord {
  return storedForm(record).content;
}

/**
 * An instant as UTC with milliseconds (`2026-11-28T00:30:00.000Z`), the one form in which stored
 * times sort as time, so `since`/`until` compare correctly; text that is no instant is kept as is.
 */
function utcInstant(text: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** SHA-256 (hex) over the canonical JSON of the record's content and its link in the chain. */
export function recordHash(record: NewRecord, link: ChainLink): string {
  return contentHash(recordContent(record), link);
}

/**
 * recordHash of content already in its stored form (recordContent's, or as read back from a row);
 * with its texts (storedForm's), the JSON values are not serialised again.
 */
export function contentHash(content: NewRecord, link: ChainLink, texts?: RecordTexts): string {
  const values = texts
    ? {
        input: new CanonicalText(texts.input),
        result: new CanonicalText(texts.result),
        matched: new CanonicalText(texts.matched),
        retention: texts.retention === null ? null : new CanonicalText(texts.retention),
      }
    : {};
  const hashed = { ...content, ...values, writer: link.writer, seq: link.seq, prevHash: link.prevHash };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}
