import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, error, sortDiagnostics } from '../diagnostics.ts';
import { type CompiledDocument, compileDocument } from '../document.ts';
import { kindFolders } from '../kinds/registry.ts';
import { enforceLock } from '../lock/check.ts';
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
}

/** Every document of a standards directory, by id and version. */
export interface StandardsIndex {
  dir: string;
  /** id → versions in ascending semver order. */
  documents: Map<string, CompiledDocument[]>;
  files: Map<string, FileState>;
  /** Diagnostics of every file and of the directory as a whole, sorted. */
  diagnostics: Diagnostic[];
  loadedAt: string;
}

// Every kind's folder (engine/kinds/<kind>/index.ts says which): adding a kind adds its folder here.
const FOLDERS = kindFolders;

/** The folders of a standards directory that hold documents (what a watcher must watch). */
export const standardFolders: readonly string[] = FOLDERS;

const VERSION_FILE = /^(.+)\.ya?ml$/;

/** Lists the YAML files of a standards directory, relative and with `/`. */
export function listStandardFiles(dir: string): string[] {
  const out: string[] = [];
  for (const folder of FOLDERS) {
    const root = join(dir, folder);
    if (!existsSync(root)) continue;
    // Entry types come with the listing: only symbolic links need a `stat` of their own.
    const entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    for (const dirent of entries) {
      const entry = dirent.name;
      const full = join(root, entry);
      const isDirectory = dirent.isSymbolicLink() ? statSync(full).isDirectory() : dirent.isDirectory();
      if (isDirectory) {
        for (const file of readdirSync(full).sort()) {
          if (VERSION_FILE.test(file)) out.push(`${folder}/${entry}/${file}`);
        }
      } else if (VERSION_FILE.test(entry)) {
        out.push(`${folder}/${entry}`);
      }
    }
  }
  return out;
}

/** The order of `Array.prototype.sort` without a comparator (UTF-16 code units). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Loads and compiles a standards directory. Given the previous index, a file that no longer
 * compiles keeps serving its last good document, and an unchanged file is not compiled again.
 */
export function loadStandards(dir: string, previous?: StandardsIndex): StandardsIndex {
  const files = new Map<string, FileState>();
  for (const path of listStandardFiles(dir)) {
    const text = readFileSync(join(dir, path), 'utf8');
    const before = previous?.files.get(path);
    if (before && before.text === text) {
      files.set(path, before);
      continue;
    }
    files.set(path, compileFile(path, text, before));
  }
  return indexFiles(dir, files, previous);
}

/** Compiles one file of a standards directory, keeping the last good document on failure. */
export function compileFile(path: string, text: string, before?: FileState): FileState {
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
  const result = compileDocument(text, path, { id, version, folder });
  const lastGood = before?.document ?? before?.lastGood;
  if (result.document) return { path, text, diagnostics: result.diagnostics, document: result.document };
  return { path, text, diagnostics: result.diagnostics, ...(lastGood ? { lastGood } : {}) };
}

/**
 * Builds the id → versions index from compiled files, with the checks across versions and the
 * lock check (`norma.lock`; `previous` supplies the last good version of an edited approved one).
 */
export function indexFiles(
  dir: string,
  files: Map<string, FileState>,
  previous?: StandardsIndex,
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
    diagnostics.push(...checkHistory(id, list));
  }
  diagnostics.push(...enforceLock(dir, documents, files, previous?.documents));
  return {
    dir,
    documents,
    files,
    diagnostics: sortDiagnostics(diagnostics),
    loadedAt: new Date().toISOString(),
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

function lineOf(doc: CompiledDocument, pointer: string): { line: number; col: number } {
  return doc.map.key.get(pointer) ?? doc.map.value.get(pointer) ?? { line: 1, col: 1 };
}

/** A path relative to a directory, with `/` separators. */
export function relativePath(dir: string, file: string): string {
  return relative(dir, file).split(sep).join('/');
}
