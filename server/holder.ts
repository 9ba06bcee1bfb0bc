import { type Diagnostic, type IndexOptions, loadStandards, type StandardsIndex } from '../engine/index.ts';

/** The outcome of the last reload that failed outright (not a broken file: the directory itself). */
export interface ReloadFailure {
  at: string;
  message: string;
}

/**
 * Holds the index being served. A reload builds a whole new index and swaps the reference, so a
 * request keeps the index it started on and never sees a half-built one.
 */
export class StandardsHolder {
  #index: StandardsIndex;
  reloads = 0;
  lastFailure: ReloadFailure | undefined;

  constructor(index: StandardsIndex) {
    this.#index = index;
  }

  /** Loads a directory for the first time; reloads keep its options (the lock on or off). */
  static load(dir: string, options: IndexOptions = {}): StandardsHolder {
    return new StandardsHolder(loadStandards(dir, undefined, options));
  }

  /** The index in force now. */
  get index(): StandardsIndex {
    return this.#index;
  }

  /** Reloads from disk, keeping last good documents; returns the files newly broken or fixed. */
  reload(): ReloadOutcome {
    const before = this.#index;
    try {
      const next = loadStandards(before.dir, before);
      this.lastFailure = undefined;
      if (sameFiles(before, next)) return { changed: false, broken: [], fixed: [] };
      this.#index = next;
      this.reloads++;
      return { changed: true, ...changes(before, next) };
    } catch (e) {
      // A file removed between listing and reading, or a directory gone: keep serving what we have.
      this.lastFailure = { at: new Date().toISOString(), message: (e as Error).message };
      throw e;
    }
  }
}

/** What a reload changed: whether anything did, files newly broken, files that load again. */
export interface ReloadOutcome {
  changed: boolean;
  broken: FileProblem[];
  fixed: string[];
}

/** A file that does not compile, and what still serves in its place. */
export interface FileProblem {
  file: string;
  serving: { id: string; version: string; digest: string } | null;
  diagnostics: Diagnostic[];
}

/** The files of an index that fail to compile. */
export function failingFiles(index: StandardsIndex): FileProblem[] {
  const out: FileProblem[] = [];
  for (const state of index.files.values()) {
    if (state.document) continue;
    const good = state.lastGood;
    out.push({
      file: state.path,
      serving: good ? { id: good.id, version: good.version, digest: good.digest } : null,
      diagnostics: state.diagnostics,
    });
  }
  return out;
}

function changes(before: StandardsIndex, after: StandardsIndex): { broken: FileProblem[]; fixed: string[] } {
  const wasFailing = new Set(failingFiles(before).map((f) => f.file));
  const nowFailing = failingFiles(after);
  const broken = nowFailing.filter((f) => after.files.get(f.file) !== before.files.get(f.file));
  const fixed = [...wasFailing].filter((f) => after.files.get(f)?.document !== undefined);
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
