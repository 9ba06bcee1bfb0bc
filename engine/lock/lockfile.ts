/**
 * The lock file (`norma.lock` at the standards root): the digest of every approved version, so an
 * approved document cannot change unnoticed (ISO 9001 7.5: approved documents are protected
 * against change). `norma lock` adds entries and never changes one.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticCode } from '../codes.ts';
import { type Diagnostic, error } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { mapAt, textAt } from '../kinds/common.ts';
import { DIGEST_SCHEME } from '../load/digest.ts';
import { escapePointer, loadYaml, positionOf, type SourceMap } from '../load/yaml.ts';
import { yaml } from '../packages.ts';
import { compareVersions } from '../standards/semver.ts';

/** The lock file's name at the root of a standards directory. */
export const LOCK_FILE = 'norma.lock';

/** The `lockVersion` of locks written before the digest scheme changed (see `DIGEST_SCHEME`). */
export const LEGACY_SCHEME = 1;

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

/**
 * The outcome of reading a standards directory's lock file. `lock` is set only when the lock can
 * vouch for versions; otherwise `absent` (no file) or `problem` (why it cannot, as a phrase for
 * messages) says why not, and `diagnostics` report it.
 */
export interface ReadLock {
  lock?: Lock;
  absent?: true;
  problem?: { reason: string; code: DiagnosticCode };
  /** A well-formed lock of an older digest scheme: what `norma lock --migrate` starts from. */
  outdated?: Lock;
  diagnostics: Diagnostic[];
}

/** The largest lock file read (a lock of 10,000 versions is about 2 MiB). */
export const LOCK_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads `norma.lock` from a standards root. A missing file is `absent`; a directory, a FIFO, an
 * unreadable or oversized file is `lock_unreadable` (checked before reading, so nothing blocks).
 */
export function readLock(dir: string): ReadLock {
  const path = join(dir, LOCK_FILE);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return unreadable(stat.isDirectory() ? 'is a directory' : 'is not a regular file');
    if (stat.size > LOCK_MAX_BYTES) return unreadable(`is larger than ${LOCK_MAX_BYTES} bytes`);
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { absent: true, diagnostics: [] };
    return unreadable(`cannot be read (${code})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadable('is not UTF-8 text');
  }
  return parseLock(text);
}

function unreadable(what: string): ReadLock {
  return {
    problem: { reason: `${LOCK_FILE} ${what}`, code: 'lock_unreadable' },
    diagnostics: [
      error('lock_unreadable', `${LOCK_FILE} ${what}`, {
        file: LOCK_FILE,
        hint: 'norma.lock must be a readable file written by `norma lock`; restore it from version control',
      }),
    ],
  };
}

/**
 * Parses a lock file's text. Any malformed part makes the whole lock unusable (`lock_invalid`): a
 * lock that is partly wrong cannot be trusted for the rest. A lock of the legacy digest scheme is
 * `lock_outdated`, kept aside for migration.
 */
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
  const scheme = root.lockVersion;
  if (scheme !== DIGEST_SCHEME && scheme !== LEGACY_SCHEME) {
    invalid('/lockVersion', `the lock file must say \`lockVersion: ${DIGEST_SCHEME}\``);
  }
  for (const [id, versions] of Object.entries(mapAt(root.standards))) {
    const list = new Map<string, LockEntry>();
    for (const [version, raw] of Object.entries(mapAt(versions))) {
      const entry = parseEntry(mapAt(raw));
      if (entry) list.set(version, entry);
      else {
        const pointer = `/standards/${escapePointer(id)}/${escapePointer(version)}`;
        invalid(pointer, `the entry for \`${id}\` ${version} needs a \`digest: sha256:…\` and a \`file\``);
      }
    }
    entries.set(id, list);
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    return { problem: { reason: `${LOCK_FILE} is malformed`, code: 'lock_invalid' }, diagnostics };
  }
  const lock: Lock = { entries, map: loaded.map };
  if (scheme !== LEGACY_SCHEME) return { lock, diagnostics };
  diagnostics.push(
    error('lock_outdated', `${LOCK_FILE} holds digests of scheme ${LEGACY_SCHEME}, not ${DIGEST_SCHEME}`, {
      file: LOCK_FILE,
      ...positionOf(loaded.map, '/lockVersion'),
      hint: 'run `norma lock --migrate`: it checks every entry under the old scheme, then rewrites the lock',
    }),
  );
  const reason = `${LOCK_FILE} uses an older digest scheme`;
  return { problem: { reason, code: 'lock_outdated' }, outdated: lock, diagnostics };
}

function parseEntry(entry: Record<string, unknown>): LockEntry | undefined {
  const digest = textAt(entry.digest);
  const file = textAt(entry.file);
  if (digest === undefined || !/^sha256:[0-9a-f]{64}$/.test(digest) || file === undefined) return undefined;
  const approved = mapAt(entry.approved);
  const by = textAt(approved.by);
  const at = approved.at === undefined ? undefined : String(approved.at);
  return { digest, file, ...(by !== undefined && at !== undefined ? { approved: { by, at } } : {}) };
}

/** The entry a document would be locked under. */
export function entryOf(doc: CompiledDocument): LockEntry {
  return {
    digest: doc.digest,
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
    `# lockVersion ${DIGEST_SCHEME}: digests of the whole document except \`status\` (docs/audit.md).`,
  ];
  return `${header.join('\n')}\n${yaml().stringify({ lockVersion: DIGEST_SCHEME, standards }, { lineWidth: 0 })}`;
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
