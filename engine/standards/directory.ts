import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVALUATION_DATES } from '../conditions/dates.ts';
import { type Diagnostic, error, sortDiagnostics, warning } from '../diagnostics.ts';
import { type CompiledDocument, type CompileOptions, compileDocument } from '../document.ts';
import type { VerifiedDocuments } from '../load/verified.ts';
import { enforceLock } from '../lock/check.ts';
import { excused } from '../lock/later.ts';
import type { WithheldVersion } from '../lock/withheld.ts';
import { enforceLinks, type UnlinkedVersion } from './links.ts';
import { listStandards } from './listing.ts';
import { readVersionFile } from './read.ts';
import { compareVersions } from './semver.ts';

/** The standards bundled with norma (this repository's `rules/` and `checklists/`). */
export const bundledStandardsDir = fileURLToPath(new URL('../..', import.meta.url));

/** One file of a standards directory and what became of it. */
export interface FileState {
  /** Path relative to the standards directory, with `/`. */
  path: string;
  text: string;
  diagnostics: Diagnostic[];
  /** The document compiled from this file's current text, when it is valid. */
  document?: CompiledDocument;
  /** A broken edit: the last good document of this file, still serving. */
  lastGood?: CompiledDocument;
  /** Compiled despite errors of checks added later: served if its lock entry vouches for it. */
  provisional?: CompiledDocument;
  /** Set when the entry was not read (not a regular file, a duplicate, unreadable): `text` is empty. */
  unread?: true;
}

/** Every document of a standards directory, by id and version. */
export interface StandardsIndex {
  dir: string;
  /** id → versions in ascending semver order. */
  documents: Map<string, CompiledDocument[]>;
  files: Map<string, FileState>;
  /** Versions the lock cannot vouch for, by id (not in `documents`; lookups say why). */
  withheld: Map<string, WithheldVersion[]>;
  /**
   * Versions whose links to other standards fail (a process step naming a standard that is not
   * there), by file: not in `documents`, like a file that does not load.
   */
  unlinked: Map<string, UnlinkedVersion>;
  /** Diagnostics of every file and of the directory as a whole, sorted. */
  diagnostics: Diagnostic[];
  loadedAt: string;
  /** How it was loaded; a reload from it loads the same way. */
  options: IndexOptions;
  /** Problems reading the directory that a later reload may not have (a permission, a race). */
  readFailures?: Diagnostic[];
  /** Set when the directory as a whole cannot be read: the index then holds no document. */
  unavailable?: Diagnostic;
}

/** How a standards directory is indexed. */
export interface IndexOptions {
  /**
   * Check `norma.lock` (the default). `false` serves approved versions unchecked, with a
   * `lock_off` warning: for development directories and tests only, never in production.
   */
  lock?: boolean;
  /**
   * Documents this build checked clean before (engine/load/verified.ts): unchanged texts skip
   * the checks that would say the same again, and the entries are saved after each load.
   */
  verified?: VerifiedDocuments;
}

export { standardFolders } from './listing.ts';

// Documents loaded from a directory are served: their conditions run as generated code.
const SERVED: CompileOptions = { code: 'generated' };

/** Lists the version files of a standards directory that would be read, relative and with `/`. */
export function listStandardFiles(dir: string): string[] {
  return listStandards(dir).files.flatMap((f) => ('open' in f ? [f.path] : []));
}

/**
 * Loads and compiles a standards directory. Given the previous index, a file that no longer
 * compiles keeps serving its last good document, and an unchanged file is not compiled again.
 * An entry that cannot be read now (permissions, a race) keeps what it held before and is listed
 * in `readFailures`; when the directory itself cannot be read the index holds only the reason
 * (`unavailable`), and a caller serving a previous index keeps that one.
 */
export function loadStandards(
  dir: string,
  previous?: StandardsIndex,
  options: IndexOptions = previous?.options ?? {},
): StandardsIndex {
  const listing = listStandards(dir);
  if (listing.unavailable) return unavailableIndex(dir, listing.unavailable, options);
  const files = new Map<string, FileState>();
  const readFailures: Diagnostic[] = [];
  const compiling: CompileOptions = options.verified ? { ...SERVED, verified: options.verified } : SERVED;
  for (const listed of listing.files) {
    const before = previous?.files.get(listed.path);
    const read = 'open' in listed ? readVersionFile(listed.open, listed.path) : listed;
    if ('text' in read) {
      const same = before !== undefined && !before.unread && before.text === read.text;
      files.set(listed.path, same ? before : compileFile(listed.path, read.text, before, compiling));
      continue;
    }
    files.set(listed.path, skippedFile(listed.path, read.skipped.diagnostic, before));
    if (!read.skipped.transient) continue;
    readFailures.push(read.skipped.diagnostic);
    // A folder that cannot be listed now: its files keep the state they had.
    for (const [path, state] of previous?.files ?? []) {
      if (path.startsWith(`${listed.path}/`) && !files.has(path)) files.set(path, state);
    }
  }
  const index = indexFiles(dir, files, previous, options);
  options.verified?.save();
  return readFailures.length > 0 ? { ...index, readFailures } : index;
}

/** An entry that was not read: nothing compiled, the last good document of the path keeps serving. */
function skippedFile(path: string, diagnostic: Diagnostic, before?: FileState): FileState {
  // Skipped the same way as last time: the same state, so a reload sees nothing changed.
  if (before?.unread && JSON.stringify(before.diagnostics) === JSON.stringify([diagnostic])) return before;
  const lastGood = before?.document ?? before?.lastGood;
  return { path, text: '', unread: true, diagnostics: [diagnostic], ...(lastGood ? { lastGood } : {}) };
}

/** The index of a directory that cannot be read: no document, the reason as its one diagnostic. */
function unavailableIndex(dir: string, reason: Diagnostic, options: IndexOptions): StandardsIndex {
  return {
    dir,
    documents: new Map(),
    files: new Map(),
    withheld: new Map(),
    unlinked: new Map(),
    diagnostics: [reason],
    loadedAt: new Date().toISOString(),
    readFailures: [reason],
    unavailable: reason,
    options,
  };
}

/** Compiles one file of a standards directory, keeping the last good document on failure. */
export function compileFile(
  path: string,
  text: string,
  before?: FileState,
  options: CompileOptions = {},
): FileState {
  const parts = path.split('/');
  if (parts.length !== 3) {
    return {
      path,
      text,
      diagnostics: [
        error('path_layout', `\`${path}\` is not where documents live`, {
          file: path,
          line: 1,
          col: 1,
          hint: 'documents are <folder>/<id>/<version>.yaml, e.g. rules/approval.work-order/1.0.0.yaml',
        }),
      ],
    };
  }
  const [folder = '', id = '', file = ''] = parts;
  const version = file.replace(/\.ya?ml$/, '');
  const result = compileDocument(text, path, { id, version, folder }, options);
  const lastGood = before?.document ?? before?.lastGood;
  if (result.document) return { path, text, diagnostics: result.diagnostics, document: result.document };
  return {
    path,
    text,
    diagnostics: result.diagnostics,
    ...(lastGood ? { lastGood } : {}),
    ...(result.provisional ? { provisional: result.provisional } : {}),
  };
}

/**
 * Builds the id → versions index from compiled files, with the checks across versions and the
 * lock check (`norma.lock`; `previous` supplies what was served and vouched for before a reload).
 */
export function indexFiles(
  dir: string,
  files: Map<string, FileState>,
  previous?: StandardsIndex,
  options: IndexOptions = previous?.options ?? {},
): StandardsIndex {
  const documents = new Map<string, CompiledDocument[]>();
  const diagnostics: Diagnostic[] = [];
  for (const state of files.values()) {
    diagnostics.push(...state.diagnostics);
    const doc = state.document ?? state.lastGood;
    if (!doc) continue;
    const list = documents.get(doc.id) ?? [];
    list.push(doc);
    documents.set(doc.id, list);
  }
  for (const [id, list] of documents) {
    list.sort((a, b) => compareVersions(a.version, b.version));
    diagnostics.push(...checkHistory(id, list), ...neverInForce(list));
  }
  // Checks across documents (a process's steps name other standards), once every id is known:
  // a version whose links fail is not served, before the lock decides on the rest.
  const links = enforceLinks(documents, previous?.documents);
  diagnostics.push(...links.diagnostics);
  const lock = enforceLock(dir, documents, files, previous, options.lock !== false, links.unlinked);
  diagnostics.push(...lock.diagnostics);
  return {
    dir,
    documents,
    files,
    withheld: lock.withheld,
    unlinked: links.unlinked,
    diagnostics: sortDiagnostics(
      diagnostics.map((d) => (d.file && lock.excused.has(d.file) ? excused(d) : d)),
    ),
    loadedAt: new Date().toISOString(),
    options,
  };
}

/** Checks across the versions of one id: one kind throughout, and a change note after the first. */
function checkHistory(id: string, versions: CompiledDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = versions[0];
  for (const doc of versions.slice(1)) {
    if (first && doc.kind !== first.kind) {
      out.push(
        error(
          'kind_changed',
          `\`${id}\` ${doc.version} is a ${doc.kind}, but ${first.version} is a ${first.kind}`,
          {
            file: doc.file,
            ...lineOf(doc, '/kind'),
            hint: 'a new kind of document needs a new id',
          },
        ),
      );
    }
    if (doc.change === undefined) {
      out.push(
        error(
          'change_missing',
          `version ${doc.version} does not say what changed since the version before it`,
          {
            file: doc.file,
            ...lineOf(doc, '/version'),
            hint: 'add `change: <what changed and why>`',
          },
        ),
      );
    }
  }
  return out;
}

/**
 * Approved versions that can never decide: a higher approved version takes effect on the same day
 * or earlier, so on every date this one is in force that one is too, and wins. Versions are in
 * ascending order; one pass from the highest down keeps the earliest effective date above.
 */
function neverInForce(versions: readonly CompiledDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let earliestAbove: CompiledDocument | undefined;
  for (let i = versions.length - 1; i >= 0; i--) {
    const doc = versions[i] as CompiledDocument;
    if (doc.status !== 'approved' || doc.effective === undefined) continue;
    const above = earliestAbove;
    if (doc.effective > EVALUATION_DATES.to) {
      out.push(
        warning(
          'version_never_in_force',
          `version ${doc.version} can never be in force: it takes effect on ${doc.effective}, after the last evaluation date (${EVALUATION_DATES.to})`,
          { file: doc.file, ...lineOf(doc, '/effective'), hint: 'give it an effective date that can come' },
        ),
      );
    } else if (above?.effective !== undefined && above.effective <= doc.effective) {
      out.push(
        warning(
          'version_never_in_force',
          `version ${doc.version} can never be in force: ${above.version}, a higher approved version, takes effect on ${above.effective}, ${above.effective === doc.effective ? 'the same day' : 'before it'} (${doc.effective})`,
          {
            file: doc.file,
            ...lineOf(doc, '/effective'),
            hint: `give ${above.version} a later \`effective\` date, or retire ${doc.version}`,
          },
        ),
      );
    }
    if (!above?.effective || doc.effective < above.effective) earliestAbove = doc;
  }
  return out;
}

function lineOf(doc: CompiledDocument, pointer: string): { line: number; col: number } {
  return doc.map.key.get(pointer) ?? doc.map.value.get(pointer) ?? { line: 1, col: 1 };
}

/** A path relative to a directory, with `/` separators. */
export function relativePath(dir: string, file: string): string {
  return relative(dir, file).split(sep).join('/');
}
