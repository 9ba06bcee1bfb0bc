import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import {
  type CompileResult,
  compileDocument,
  type Diagnostic,
  decodeUtf8,
  standardFolders,
  yamlLimits,
} from '../engine/index.ts';
import { fsReason, type Io, isStandardsRoot } from './io.ts';

/**
 * What a path given to `norma validate` or `norma test` names: a standards directory (or a folder
 * inside one), a folder of documents elsewhere, one file, or nothing that can be read.
 */
export type Target =
  | { kind: 'standards'; path: string; root: string }
  | { kind: 'folder'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'unreadable'; path: string; diagnostic: Diagnostic };

/** Classifies an absolute path; never throws. */
export function locateTarget(path: string, io: Io): Target {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    return { kind: 'unreadable', path, diagnostic: unreadable(path, fsReason(e), io) };
  }
  if (!isDirectory) {
    // A file inside a standards directory is checked with it, so that the lock vouches for it too.
    const root = rootAbove(dirname(path));
    return root ? { kind: 'standards', path, root } : { kind: 'file', path };
  }
  const root = isStandardsRoot(path) ? path : rootAbove(path);
  return root ? { kind: 'standards', path, root } : { kind: 'folder', path };
}

/** The standards directory above a folder such as `…/rules` or `…/rules/<id>`, if there is one. */
function rootAbove(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 3; i++) {
    if (standardFolders.includes(basename(d))) return dirname(d);
    d = dirname(d);
  }
  return undefined;
}

/** Whether a file of a standards directory (relative to `root`) lies under the target path. */
export function isInside(target: Extract<Target, { kind: 'standards' }>, file: string): boolean {
  const abs = join(target.root, file);
  return abs === target.path || abs.startsWith(`${target.path}/`) || target.path === target.root;
}

/** Compiles one document file; a file that cannot be read is a diagnostic, not an exception. */
export function compileFile(file: string, io: Io): CompileResult {
  const shown = displayPath(file, io);
  const text = readDocument(file, shown, io);
  if (typeof text !== 'string') return { diagnostics: [text] };
  return compileDocument(text, shown, expectedIdentity(file));
}

/** Reads a regular file of at most the YAML size limit, checked before reading. */
function readDocument(file: string, shown: string, io: Io): string | Diagnostic {
  try {
    const stat = statSync(file);
    // A FIFO or a device would block or never end: only regular files are read.
    if (!stat.isFile()) return unreadable(file, 'is not a regular file', io);
    if (stat.size > yamlLimits.maxBytes) {
      return {
        code: 'yaml_too_large',
        message: `file is ${stat.size} bytes, more than the limit of ${yamlLimits.maxBytes}`,
        severity: 'error',
        file: shown,
        line: 1,
        col: 1,
        hint: 'split the document, or check that the right file was given',
      };
    }
    const decoded = decodeUtf8(readFileSync(file), shown);
    return 'text' in decoded ? decoded.text : decoded.diagnostic;
  } catch (e) {
    return unreadable(file, fsReason(e), io);
  }
}

/** The id, version and folder a file's place implies (`rules/<id>/<version>.yaml`). */
function expectedIdentity(file: string): { id: string; version: string; folder: string } | undefined {
  const folder = basename(dirname(dirname(file)));
  if (!standardFolders.includes(folder)) return undefined;
  return { id: basename(dirname(file)), version: basename(file).replace(/\.ya?ml$/, ''), folder };
}

/** Every YAML file under a folder, sorted. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** `input_empty`: a path that holds no documents is a mistake, never a green "0 documents". */
export function emptyTarget(path: string, io: Io): Diagnostic {
  return {
    code: 'input_empty',
    message: `no documents in \`${displayPath(path, io)}\``,
    severity: 'error',
    file: displayPath(path, io),
    hint: `documents live in ${standardFolders.map((f) => `\`${f}/<id>/<version>.yaml\``).join(' and ')}`,
  };
}

function unreadable(path: string, reason: string, io: Io): Diagnostic {
  const shown = displayPath(path, io);
  return {
    code: 'input_unreadable',
    message: `\`${shown}\` ${reason}`,
    severity: 'error',
    file: shown,
    hint: 'check the path (relative to the current directory)',
  };
}

/** A path as the user would type it from the current directory, absolute when outside it. */
export function displayPath(file: string, io: Io): string {
  const rel = relative(io.cwd, file);
  return rel === '' ? '.' : rel.startsWith('..') ? file : rel;
}
