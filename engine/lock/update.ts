/** `norma lock`: records newly approved versions in the lock, and refuses to change an entry. */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagnostic, error, NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import type { StandardsIndex } from '../standards/directory.ts';
import { compareVersions } from '../standards/semver.ts';
import {
  entryOf,
  formatLock,
  LOCK_FILE,
  type Lock,
  type LockEntry,
  lockEntry,
  readLock,
} from './lockfile.ts';

/** What `norma lock` did or would do. */
export interface LockUpdate {
  /** The lock with the new entries. */
  lock: Lock;
  added: { id: string; version: string; entry: LockEntry }[];
  /** Entries the documents no longer match (`lock_entry_immutable`): nothing is written then. */
  conflicts: Diagnostic[];
  /** Files that do not load (do not compile, or their links fail) and so cannot be locked. */
  skipped: string[];
}

/**
 * Computes the lock for a standards directory: existing entries kept, approved versions added
 * (only those of `ids` when given).
 */
export function planLock(index: StandardsIndex, ids?: readonly string[]): LockUpdate {
  const read = readLock(index.dir);
  if (read.problem) {
    // An outdated lock is migrated, never silently replaced; a broken one is restored by hand.
    throw new NormaError(read.problem.code, `${read.problem.reason}: nothing was written`, read.diagnostics);
  }
  const lock: Lock = {
    entries: new Map([...(read.lock?.entries ?? new Map())].map(([id, v]) => [id, new Map(v)])),
  };
  const added: LockUpdate['added'] = [];
  const conflicts: Diagnostic[] = [];
  const skipped: string[] = [];
  // Every compiled file, including versions the lock check withholds from serving.
  const docs: CompiledDocument[] = [];
  for (const state of index.files.values()) {
    // A version whose links to other standards fail is not served: it is not approved as it is.
    if (state.document && !index.unlinked.has(state.path)) docs.push(state.document);
    else skipped.push(state.path);
  }
  docs.sort((a, b) => (a.id === b.id ? compareVersions(a.version, b.version) : a.id < b.id ? -1 : 1));
  for (const doc of docs) {
    const existing = lockEntry(lock, doc.id, doc.version);
    const entry = entryOf(doc);
    if (existing) {
      if (existing.digest !== entry.digest) conflicts.push(immutable(doc, existing));
      continue;
    }
    if (doc.status !== 'approved' || (ids && ids.length > 0 && !ids.includes(doc.id))) continue;
    const versions = lock.entries.get(doc.id) ?? new Map<string, LockEntry>();
    versions.set(doc.version, entry);
    lock.entries.set(doc.id, versions);
    added.push({ id: doc.id, version: doc.version, entry });
  }
  return { lock, added, conflicts, skipped };
}

/** Writes the planned lock unless an entry would have to change; returns the plan. */
export function writeLock(index: StandardsIndex, ids?: readonly string[]): LockUpdate {
  const plan = planLock(index, ids);
  if (plan.conflicts.length > 0) {
    throw new NormaError(
      'lock_entry_immutable',
      `${plan.conflicts.length} locked version(s) no longer match their entries; ${LOCK_FILE} was not changed`,
      plan.conflicts,
    );
  }
  if (plan.added.length > 0) {
    // Written beside it and renamed into place: a reader (or a crash) never sees half a lock.
    const path = join(index.dir, LOCK_FILE);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, formatLock(plan.lock));
    renameSync(tmp, path);
  }
  return plan;
}

function immutable(doc: CompiledDocument, existing: LockEntry): Diagnostic {
  return error(
    'lock_entry_immutable',
    `\`${doc.id}\` ${doc.version} is locked as ${existing.digest.slice(0, 19)}… and its entry cannot change`,
    {
      file: doc.file,
      hint: 'approved versions are immutable: restore the approved text and publish the change as a new version',
    },
  );
}
