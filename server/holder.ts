import {
  type CompiledDocument,
  type Diagnostic,
  type IndexOptions,
  loadStandards,
  type StandardsIndex,
} from '../engine/index.ts';

/**
 * Why the last reload could not read everything: the directory itself (nothing was swapped in), a
 * file or folder (what it held keeps serving), or an unexpected error (nothing was swapped in).
 */
export interface ReloadFailure {
  at: string;
  code: string;
  message: string;
}

/**
 * Holds the index being served. A reload builds a whole new index and swaps the reference, so a
 * request keeps the index it started on and never sees a half-built one. A reload that cannot
 * read the directory at all swaps nothing: the last good index keeps serving until it can.
 */
export class StandardsHolder {
  #index: StandardsIndex;
  reloads = 0;
  lastFailure: ReloadFailure | undefined;

  constructor(index: StandardsIndex) {
    this.#index = index;
    this.lastFailure = failureOf(index);
  }

  /** Loads a directory for the first time; reloads keep its options (the lock on or off). */
  static load(dir: string, options: IndexOptions = {}): StandardsHolder {
    return new StandardsHolder(loadStandards(dir, undefined, options));
  }

  /** The index in force now. */
  get index(): StandardsIndex {
    return this.#index;
  }

  /** Reloads from disk, keeping last good documents; returns the files newly broken or fixed. Never throws. */
  reload(): ReloadOutcome {
    const before = this.#index;
    const next = loadOrFailure(before);
    const failure = 'failure' in next ? next.failure : failureOf(next);
    this.lastFailure = failure;
    const unchanged = { changed: false, broken: [], fixed: [], ...(failure ? { failure } : {}) };
    if ('failure' in next || next.unavailable || sameFiles(before, next)) return unchanged;
    this.#index = next;
    this.reloads++;
    return { changed: true, ...changes(before, next), ...(failure ? { failure } : {}) };
  }
}

/** Loads the directory again; an unexpected error is a failure to report, never a crash of the caller. */
function loadOrFailure(before: StandardsIndex): StandardsIndex | { failure: ReloadFailure } {
  try {
    return loadStandards(before.dir, before);
  } catch (e) {
    return {
      failure: { at: new Date().toISOString(), code: 'reload_failed', message: (e as Error).message },
    };
  }
}

/** The first problem an index had reading its directory, as a reload failure. */
function failureOf(index: StandardsIndex): ReloadFailure | undefined {
  const first = index.unavailable ?? index.readFailures?.[0];
  if (!first) return undefined;
  const more = (index.readFailures?.length ?? 1) - 1;
  const message = more > 0 ? `${first.message} (and ${more} more)` : first.message;
  return { at: index.loadedAt, code: first.code, message };
}

/** What a reload changed: whether anything did, files newly broken, files that load again. */
export interface ReloadOutcome {
  changed: boolean;
  broken: FileProblem[];
  fixed: string[];
  /** Set when the reload could not read everything: a later one may (the watcher retries). */
  failure?: ReloadFailure;
}

/** A file that does not compile, and what still serves in its place. */
export interface FileProblem {
  file: string;
  serving: { id: string; version: string; digest: string } | null;
  diagnostics: Diagnostic[];
}

/**
 * The files of an index that fail to load: they do not compile, or their document's links to other
 * standards fail (a process step naming a standard that is not there).
 */
export function failingFiles(index: StandardsIndex): FileProblem[] {
  const out: FileProblem[] = [];
  for (const state of index.files.values()) {
    const unlinked = index.unlinked.get(state.path);
    if (unlinked) {
      // A broken edit whose last good version's links fail too: both problems are the file's.
      const own = state.document ? [] : state.diagnostics;
      out.push({
        file: state.path,
        serving: servingOf(unlinked.serving),
        diagnostics: [...own, ...unlinked.diagnostics],
      });
      continue;
    }
    if (state.document || servedAsLocked(index, state.provisional)) continue;
    out.push({ file: state.path, serving: servingOf(state.lastGood), diagnostics: state.diagnostics });
  }
  return out;
}

function servingOf(doc: CompiledDocument | undefined): FileProblem['serving'] {
  return doc ? { id: doc.id, version: doc.version, digest: doc.digest } : null;
}

/**
 * Whether a version that only a newer check finds fault with is served, because its lock entry
 * vouches for it (engine/lock/later.ts): it is not failing, its problems are warnings.
 */
function servedAsLocked(index: StandardsIndex, doc: CompiledDocument | undefined): boolean {
  return doc !== undefined && (index.documents.get(doc.id)?.includes(doc) ?? false);
}

function changes(before: StandardsIndex, after: StandardsIndex): { broken: FileProblem[]; fixed: string[] } {
  const wasFailing = new Set(failingFiles(before).map((f) => f.file));
  const nowFailing = failingFiles(after);
  const failingNow = new Set(nowFailing.map((f) => f.file));
  // A file breaks by an edit of its own, or by losing a standard it links to while unchanged.
  const broken = nowFailing.filter(
    (f) => after.files.get(f.file) !== before.files.get(f.file) || !wasFailing.has(f.file),
  );
  const fixed = [...wasFailing].filter(
    (f) => !failingNow.has(f) && after.files.get(f)?.document !== undefined,
  );
  return { broken, fixed };
}

/**
 * Unchanged files keep their state object across loads, so identity says whether a file changed;
 * the directory-wide diagnostics (across versions, the lock) are compared as data.
 */
function sameFiles(before: StandardsIndex, after: StandardsIndex): boolean {
  if (before.files.size !== after.files.size) return false;
  for (const [path, state] of after.files) if (before.files.get(path) !== state) return false;
  return JSON.stringify(before.diagnostics) === JSON.stringify(after.diagnostics);
}
