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

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
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
      if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
      return writeObject(value as Record<string, unknown>);
    default:
      return undefined; // functions, symbols, undefined
  }
}

function writeObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const text = write(object[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/** The value as it comes back after being stored as JSON (the form that is hashed and returned). */
function asJson<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

/**
 * Exactly the fields of a NewRecord, in their stored JSON form: extra properties a caller passes are
 * dropped (they would not be stored, so they must not be hashed), and the JSON values are
 * normalised so the record read back hashes the same as the one appended.
 */
export function recordContent(record: NewRecord): NewRecord {
  return {
    decisionId: record.decisionId,
    recordedAt: record.recordedAt,
    standard: { id: record.standard.id, version: record.standard.version, digest: record.standard.digest },
    at: record.at,
    kind: record.kind,
    input: asJson(record.input),
    result: asJson(record.result ?? null),
    matched: asJson(record.matched),
    outcome: record.outcome ?? null,
    caller: record.caller ?? null,
    requestId: record.requestId ?? null,
    subject: record.subject ? { type: record.subject.type, id: record.subject.id } : null,
    caseId: record.caseId ?? null,
    retention: record.retention ? asJson(record.retention) : null,
  };
}

/** SHA-256 (hex) over the canonical JSON of the record's content and its link in the chain. */
export function recordHash(content: NewRecord, link: ChainLink): string {
  const hashed = { ...recordContent(content), writer: link.writer, seq: link.seq, prevHash: link.prevHash };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}
