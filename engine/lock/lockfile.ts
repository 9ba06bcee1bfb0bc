/**
 * The lock file (`norma.lock` at the standards root): the digest of every approved version, so an
 * approved document cannot change unnoticed (ISO 9001 7.5: approved documents are protected
 * against change). `norma lock` adds entries and never changes one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Diagnostic, error } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { mapAt, textAt } from '../kinds/common.ts';
import { digestOf } from '../load/digest.ts';
import { escapePointer, loadYaml, positionOf, type SourceMap } from '../load/yaml.ts';
import { compareVersions } from '../standards/semver.ts';

/** The lock file's name at the root of a standards directory. */
export const LOCK_FILE = 'norma.lock';

/** What the lock records about one approved version. */
export interface LockEntry {
  digest: string;
  /** The version's file, relative to the standards root. */
  file: string;
  approved?: { by: string; at: string };
}

/** A lock: id → version → entry, with where each entry was written (for diagnostics). */
export interface Lock {
  entries: Map<string, Map<string, LockEntry>>;
  map?: SourceMap;
}

/** The outcome of reading a standards directory's lock file: none, or the lock and its problems. */
export interface ReadLock {
  lock?: Lock;
  diagnostics: Diagnostic[];
}

/** Reads `norma.lock` from a standards root; no lock when the file does not exist. */
export function readLock(dir: string): ReadLock {
  const path = join(dir, LOCK_FILE);
  if (!existsSync(path)) return { diagnostics: [] };
  return parseLock(readFileSync(path, 'utf8'));
}

/** Parses a lock file's text, reporting every malformed entry as `lock_invalid`. */
export function parseLock(text: string): ReadLock {
  const loaded = loadYaml(text, LOCK_FILE);
  const diagnostics = [...loaded.diagnostics];
  const entries = new Map<string, Map<string, LockEntry>>();
  const invalid = (pointer: string, message: string) =>
    diagnostics.push(
      error('lock_invalid', message, {
        file: LOCK_FILE,
        ...positionOf(loaded.map, pointer),
        hint: 'norma.lock is written by `norma lock`; restore it from version control',
      }),
    );
  const root = mapAt(loaded.data);
  if (root.lockVersion !== 1) invalid('/lockVersion', 'the lock file must say `lockVersion: 1`');
  for (const [id, versions] of Object.entries(mapAt(root.standards))) {
    const list = new Map<string, LockEntry>();
    for (const [version, raw] of Object.entries(mapAt(versions))) {
      const pointer = `/standards/${escapePointer(id)}/${escapePointer(version)}`;
      const entry = mapAt(raw);
      const digest = textAt(entry.digest);
      const file = textAt(entry.file);
      if (!digest?.startsWith('sha256:') || file === undefined) {
        invalid(pointer, `the entry for \`${id}\` ${version} needs a \`digest: sha256:…\` and a \`file\``);
        continue;
      }
      const approved = mapAt(entry.approved);
      const by = textAt(approved.by);
      const at = approved.at === undefined ? undefined : String(approved.at);
      list.set(version, {
        digest,
        file,
        ...(by !== undefined && at !== undefined ? { approved: { by, at } } : {}),
      });
    }
    entries.set(id, list);
  }
  return { lock: { entries, map: loaded.map }, diagnostics };
}

/**
 * The digest a version is locked under. Retiring a version changes only its `status`, which is
 * its lifecycle and not its content, so a retired version is checked as it was approved.
 */
export function lockDigestOf(doc: CompiledDocument): string {
  return doc.status === 'retired' ? digestOf({ ...doc.data, status: 'approved' }) : doc.digest;
}

/** The entry a document would be locked under. */
export function entryOf(doc: CompiledDocument): LockEntry {
  return {
    digest: lockDigestOf(doc),
    file: doc.file,
    ...(doc.approved ? { approved: { by: String(doc.approved.by), at: String(doc.approved.at) } } : {}),
  };
}

/** The lock as the text `norma lock` writes: ids sorted, versions in semver order. */
export function formatLock(lock: Lock): string {
  const standards: Record<string, Record<string, LockEntry>> = {};
  for (const id of [...lock.entries.keys()].sort()) {
    const versions = lock.entries.get(id) ?? new Map();
    const out: Record<string, LockEntry> = {};
    for (const v of [...versions.keys()].sort(compareVersions)) out[v] = versions.get(v) as LockEntry;
    standards[id] = out;
  }
  const header = [
    '# norma.lock: the digest of every approved version of this standard (ISO 9001 7.5).',
    '# Written by `norma lock`, which adds entries and never changes one. Do not edit by hand:',
    '# an approved version is immutable; to change it, publish a new version.',
  ];
  return `${header.join('\n')}\n${stringify({ lockVersion: 1, standards }, { lineWidth: 0 })}`;
}

/** The lock entry for a version, if there is one. */
export function lockEntry(lock: Lock, id: string, version: string): LockEntry | undefined {
  return lock.entries.get(id)?.get(version);
}

/** Where an entry sits in norma.lock, for diagnostics. */
export function entryPosition(lock: Lock, id: string, version: string): { line: number; col: number } {
  if (!lock.map) return { line: 1, col: 1 };
  return positionOf(lock.map, `/standards/${escapePointer(id)}/${escapePointer(version)}`, 'key');
}
