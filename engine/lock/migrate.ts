/**
 * `norma lock --migrate`: rewrites a lock of the legacy digest scheme in the current one. Every
 * entry is first checked under the scheme it was written in, so the migration re-approves exactly
 * the content that was approved, and nothing that changed since.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, error, NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import type { StandardsIndex } from '../standards/directory.ts';
import { formatLock, LEGACY_SCHEME, LOCK_FILE, type Lock, type LockEntry, readLock } from './lockfile.ts';

/** What a migration did: the entries rewritten; nothing is written when any entry fails. */
export interface LockMigration {
  lock: Lock;
  migrated: { id: string; version: string; from: string; to: string }[];
  conflicts: Diagnostic[];
}

/** Plans the migration of an outdated `norma.lock`; `lock_migrate_none` when it is not outdated. */
export function planMigration(index: StandardsIndex): LockMigration {
  const read = readLock(index.dir);
  if (!read.outdated) {
    const why = read.lock ? 'is already of the current scheme' : (read.problem?.reason ?? 'does not exist');
    throw new NormaError(
      'lock_migrate_none',
      `nothing to migrate: ${LOCK_FILE} ${why.replace(`${LOCK_FILE} `, '')}`,
    );
  }
  const docs = new Map<string, CompiledDocument>();
  for (const state of index.files.values()) {
    if (state.document) docs.set(`${state.document.id}\n${state.document.version}`, state.document);
  }
  const entries = new Map<string, Map<string, LockEntry>>();
  const migrated: LockMigration['migrated'] = [];
  const conflicts: Diagnostic[] = [];
  for (const [id, versions] of read.outdated.entries) {
    const out = new Map<string, LockEntry>();
    for (const [version, entry] of versions) {
      const doc = docs.get(`${id}\n${version}`);
      if (!doc || legacyDigestOf(doc) !== entry.digest) {
        conflicts.push(legacyMismatch(id, version, entry, doc));
        continue;
      }
      out.set(version, { ...entry, digest: doc.digest });
      migrated.push({ id, version, from: entry.digest, to: doc.digest });
    }
    entries.set(id, out);
  }
  return { lock: { entries }, migrated, conflicts };
}

/** Migrates and writes the lock, unless an entry does not match its file under the old scheme. */
export function migrateLock(index: StandardsIndex): LockMigration {
  const plan = planMigration(index);
  if (plan.conflicts.length > 0) {
    throw new NormaError(
      'lock_entry_immutable',
      `${plan.conflicts.length} locked version(s) no longer match their entries; ${LOCK_FILE} was not changed`,
      plan.conflicts,
    );
  }
  writeFileSync(join(index.dir, LOCK_FILE), formatLock(plan.lock));
  return plan;
}

function legacyMismatch(id: string, version: string, entry: LockEntry, doc?: CompiledDocument): Diagnostic {
  return error(
    'lock_entry_immutable',
    doc
      ? `\`${id}\` ${version} no longer matches its entry of scheme ${LEGACY_SCHEME}, so it cannot be migrated`
      : `\`${id}\` ${version} is locked but its file \`${entry.file}\` does not compile or is gone`,
    {
      file: doc?.file ?? entry.file,
      hint: 'restore the approved text (or file) from version control, then migrate',
    },
  );
}

/**
 * The digest of scheme 1: plain JSON of the data with sorted keys (NaN and ±Infinity as `null`),
 * a retired version digested as approved. Used only to check entries before migrating them.
 */
export function legacyDigestOf(doc: CompiledDocument): string {
  const data = doc.status === 'retired' ? { ...doc.data, status: 'approved' } : doc.data;
  return `sha256:${createHash('sha256').update(legacyJson(data)).digest('hex')}`;
}

function legacyJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += legacyJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) out += ',';
    out += `${JSON.stringify(k)}:${legacyJson(record[k])}`;
  }
  return `${out}}`;
}
