/**
 * Listing a standards directory without trusting it: only regular files, or links to them that
 * stay inside the directory, are offered for reading. FIFOs, devices, sockets and folders named
 * like version files are reported and never opened (opening a FIFO blocks until a writer comes);
 * links that leave the directory are reported and not followed.
 */
import { type Dirent, lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { type Diagnostic, error } from '../diagnostics.ts';
import { kindFolders } from '../kinds/registry.ts';

/** The folders of a standards directory that hold documents (what a watcher must watch). */
export const standardFolders: readonly string[] = kindFolders;

/** A name a version file may have: `<version>.yaml` or `<version>.yml`. */
export const VERSION_FILE = /^(.+)\.ya?ml$/;

/** Why an entry is not read, and whether a later reload may read it (a permission, a race). */
export interface SkippedFile {
  diagnostic: Diagnostic;
  transient: boolean;
}

/**
 * One entry found by the listing, relative to the directory with `/`: a version file to open at
 * `open`, or an entry (a version file or a folder) skipped with the reason.
 */
export type ListedFile = { path: string; open: string } | { path: string; skipped: SkippedFile };

/** What listing a standards directory found. */
export interface StandardsListing {
  /** Version files and skipped entries, in listing order. */
  files: ListedFile[];
  /** The directory as a whole cannot be read (gone, not a directory, no document folder). */
  unavailable?: Diagnostic;
}

/** The type tests shared by `Dirent` and `Stats`. */
type EntryType = Pick<
  Stats,
  'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'
>;

/** A directory entry with links resolved: its real path (inside the directory) and its type. */
interface Entry {
  name: string;
  path: string;
  real: string;
  type: EntryType;
}

/** Lists the version files of a standards directory, with every entry it will not read. */
export function listStandards(dir: string): StandardsListing {
  const root = realRoot(dir);
  if (typeof root !== 'string') return { files: [], unavailable: root };
  const files: ListedFile[] = [];
  let folders = 0;
  for (const name of standardFolders) {
    const folder = topFolder(root, name);
    if (folder === undefined) continue;
    folders++;
    if (!('real' in folder)) {
      files.push({ path: name, skipped: folder });
      continue;
    }
    for (const entry of entriesOf(root, folder, files, () => true)) {
      if (entry.type.isDirectory()) files.push(...versionFiles(root, entry));
      else if (VERSION_FILE.test(entry.name)) files.push(offer(entry));
    }
  }
  if (folders === 0) return { files, unavailable: noStandards(dir) };
  return { files };
}

/** The real path of the standards directory, or why it cannot be read. */
function realRoot(dir: string): string | Diagnostic {
  try {
    const real = realpathSync(dir);
    if (statSync(real).isDirectory()) return real;
    return dirUnreadable(dir, 'is not a directory');
  } catch (e) {
    const code = errno(e);
    return dirUnreadable(dir, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`);
  }
}

/** `rules/` or `checklists/`: undefined when absent or not a folder. */
function topFolder(root: string, name: string): Entry | SkippedFile | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(join(root, name));
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT') return undefined;
    return transient(unreadable(name, `the folder \`${name}\` cannot be read (${code})`));
  }
  const entry = resolveEntry(root, root, name, stats, name);
  return 'real' in entry && !entry.type.isDirectory() ? undefined : entry;
}

/** The version files of an id folder, `<folder>/<id>/<version>.yaml`, with duplicates reported. */
function versionFiles(root: string, folder: Entry): ListedFile[] {
  const out: ListedFile[] = [];
  for (const entry of entriesOf(root, folder, out, (name) => VERSION_FILE.test(name))) {
    if (VERSION_FILE.test(entry.name)) out.push(offer(entry));
  }
  return withoutDuplicates(out);
}

/**
 * The entries of a folder, sorted, links resolved. An entry that cannot be resolved is added to
 * `out` as skipped when `matters(name)`; a folder that cannot be listed is added itself.
 */
function entriesOf(
  root: string,
  folder: Entry,
  out: ListedFile[],
  matters: (name: string) => boolean,
): Entry[] {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(folder.real, { withFileTypes: true });
  } catch (e) {
    const code = errno(e);
    // Gone or replaced since it was seen (a checkout in progress): as if it were never there.
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    const message = `the folder \`${folder.path}\` cannot be listed (${code})`;
    out.push({ path: folder.path, skipped: transient(unreadable(folder.path, message)) });
    return [];
  }
  const entries: Entry[] = [];
  for (const dirent of dirents.sort((a, b) => compareNames(a.name, b.name))) {
    const path = `${folder.path}/${dirent.name}`;
    const entry = resolveEntry(root, folder.real, dirent.name, dirent, path);
    if ('real' in entry) entries.push(entry);
    else if (matters(dirent.name)) out.push({ path, skipped: entry });
  }
  return entries;
}

/** An entry's real path and type: a link is followed only when its target is inside the directory. */
function resolveEntry(
  root: string,
  parent: string,
  name: string,
  type: EntryType & Pick<Stats, 'isSymbolicLink'>,
  path: string,
): Entry | SkippedFile {
  const full = join(parent, name);
  if (!type.isSymbolicLink()) return { name, path, real: full, type };
  let real: string;
  let target: Stats;
  try {
    real = realpathSync(full);
    target = statSync(real);
  } catch (e) {
    return transient(unreadable(path, `\`${path}\` is a link that cannot be followed (${errno(e)})`));
  }
  if (real !== root && !real.startsWith(`${root}${sep}`)) {
    return {
      diagnostic: error(
        'file_outside_dir',
        `\`${path}\` links outside the standards directory; it is not read`,
        {
          file: path,
          line: 1,
          col: 1,
          hint: 'links may point only to files and folders inside the standards directory; copy the file in instead',
        },
      ),
      transient: false,
    };
  }
  return { name, path, real, type: target };
}

/** A version file to read when it is a regular file; anything else is reported and skipped. */
function offer(entry: Entry): ListedFile {
  if (entry.type.isFile()) return { path: entry.path, open: entry.real };
  return { path: entry.path, skipped: notRegular(entry.path, kindOf(entry.type)) };
}

/** One file per version: `1.1.0.yaml` beside `1.1.0.yml` leaves open which one decides, so neither is read. */
function withoutDuplicates(files: ListedFile[]): ListedFile[] {
  const stem = (path: string) => path.replace(/\.ya?ml$/, '');
  const byVersion = new Map<string, string[]>();
  for (const f of files)
    if ('open' in f) byVersion.set(stem(f.path), [...(byVersion.get(stem(f.path)) ?? []), f.path]);
  return files.map((f) => {
    const same = 'open' in f ? (byVersion.get(stem(f.path)) ?? []) : [];
    if (same.length < 2) return f;
    const others = same.filter((p) => p !== f.path).map((p) => `\`${p}\``);
    const diagnostic = error(
      'version_file_duplicate',
      `\`${f.path}\` and ${others.join(', ')} are the same version; neither is read`,
      { file: f.path, line: 1, col: 1, hint: 'keep one file per version: remove or rename the other' },
    );
    return { path: f.path, skipped: { diagnostic, transient: false } };
  });
}

/** A problem that a later reload may not have: what the entry held keeps serving meanwhile. */
export function transient(diagnostic: Diagnostic): SkippedFile {
  return { diagnostic, transient: true };
}

/** A path that cannot be read now (permissions, a race with an editor or a checkout). */
export function unreadable(path: string, message: string): Diagnostic {
  return error('file_unreadable', message, {
    file: path,
    line: 1,
    col: 1,
    hint: 'check the permissions; a server keeps serving the last good version and retries',
  });
}

/** A version file that is not a regular file (`what` it is instead). */
export function notRegular(path: string, what: string): SkippedFile {
  return {
    diagnostic: error('file_not_regular', `\`${path}\` is ${what}, not a regular file; it is not read`, {
      file: path,
      line: 1,
      col: 1,
      hint: 'a version file must be a plain file; remove or rename this entry',
    }),
    transient: false,
  };
}

/** What a non-regular entry is, in words. */
export function kindOf(type: EntryType): string {
  if (type.isDirectory()) return 'a folder';
  if (type.isFIFO()) return 'a named pipe (FIFO)';
  if (type.isSocket()) return 'a socket';
  if (type.isCharacterDevice() || type.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function dirUnreadable(dir: string, why: string): Diagnostic {
  return error('dir_unreadable', `the standards directory \`${dir}\` ${why}`, {
    file: dir,
    hint: 'check the path and its permissions; a server keeps serving what it had and retries',
  });
}

function noStandards(dir: string): Diagnostic {
  return error('dir_not_standards', `\`${dir}\` has neither \`rules/\` nor \`checklists/\``, {
    file: dir,
    hint: 'point --dir (or NORMA_DIR) at a standards directory: documents live in rules/<id>/ and checklists/<id>/',
  });
}

/** The error code of a failed file system call. */
export function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

/** The order of `Array.prototype.sort` without a comparator (UTF-16 code units). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
