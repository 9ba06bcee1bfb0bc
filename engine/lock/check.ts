/**
 * The lock check run whenever a standards directory is indexed (`norma validate`, the server's
 * loader). It fails closed: an approved (or retired) version is served only when `norma.lock`
 * vouches for it, i.e. the lock is readable, has its entry, and the entry's digest is the
 * version's. Everything else is withheld (docs/audit.md):
 * - no lock, an unreadable, malformed or outdated lock: every approved version;
 * - a version missing from the lock, changed since it was locked, or whose file is broken or gone.
 * Drafts without an entry are never affected. On a reload, a version the previous index served
 * keeps serving when the lock still vouches for it, or when the lock itself became unusable: what
 * was vouched for stays served, nothing new is admitted.
 */
import { type Diagnostic, error, warning } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import type { FileState, StandardsIndex } from '../standards/directory.ts';
import type { UnlinkedVersion } from '../standards/links.ts';
import { compareVersions } from '../standards/semver.ts';
import { entryPosition, LOCK_FILE, type Lock, lockEntry, type ReadLock, readLock } from './lockfile.ts';
import { type WithheldVersion, withheldDiagnostic } from './withheld.ts';

/** What the lock check decided: the problems found, the versions withheld by id, the files excused. */
export interface LockOutcome {
  diagnostics: Diagnostic[];
  withheld: Map<string, WithheldVersion[]>;
  /** Files served despite errors of checks added after they were locked (engine/lock/later.ts). */
  excused: Set<string>;
}

/**
 * Checks the indexed documents against `dir/norma.lock` and withholds, in place, the versions it
 * cannot vouch for. `previous` is the index served before this reload. With `lock: false` nothing
 * is checked and a warning says so.
 */
export function enforceLock(
  dir: string,
  documents: Map<string, CompiledDocument[]>,
  files: Map<string, FileState>,
  previous: StandardsIndex | undefined,
  lock: boolean,
  unlinked: ReadonlyMap<string, UnlinkedVersion> = new Map(),
): LockOutcome {
  if (!lock) return { diagnostics: [lockOff()], withheld: new Map(), excused: new Set() };
  const read = readLock(dir);
  const check = new LockCheck(read, previous, unlinked);
  for (const [id, versions] of [...documents]) {
    const kept = versions.flatMap((doc) => check.admit(doc, versions));
    if (kept.length > 0) documents.set(id, kept);
    else documents.delete(id);
  }
  if (read.lock) check.unserved(read.lock, documents, files);
  return {
    diagnostics: [...read.diagnostics, ...check.diagnostics],
    withheld: check.withheld,
    excused: check.excused,
  };
}

/** One run of the lock check: what it found and what it withheld. */
class LockCheck {
  readonly diagnostics: Diagnostic[] = [];
  readonly withheld = new Map<string, WithheldVersion[]>();
  readonly excused = new Set<string>();
  #reportedAbsent = false;

  constructor(
    readonly read: ReadLock,
    readonly previous: StandardsIndex | undefined,
    readonly unlinked: ReadonlyMap<string, UnlinkedVersion>,
  ) {}

  /** The document to serve in place of `doc`: itself, the one served before, or none. */
  admit(doc: CompiledDocument, versions: readonly CompiledDocument[]): CompiledDocument[] {
    const entry = this.read.lock ? lockEntry(this.read.lock, doc.id, doc.version) : undefined;
    if (doc.status === 'draft' && !entry) return [doc];
    const problem = this.problemOf(doc, versions);
    if (!problem) return [doc];
    if (problem.diagnostic) this.diagnostics.push(problem.diagnostic);
    const before = this.servedBefore(doc.id, doc.version);
    if (before) return [before];
    const trusted = problem.cause !== 'lock_digest_mismatch';
    this.withhold({
      id: doc.id,
      version: doc.version,
      file: doc.file,
      reason: problem.reason,
      cause: problem.cause,
      document: doc,
      ...(entry ? { locked: entry.digest } : {}),
      // A changed file's own header cannot say where it would decide.
      ...(trusted ? { status: doc.status, ...(doc.effective ? { effective: doc.effective } : {}) } : {}),
    });
    return [];
  }

  /** Locked versions with no document at all: their file is broken or gone. */
  unserved(lock: Lock, documents: Map<string, CompiledDocument[]>, files: Map<string, FileState>): void {
    for (const [id, versions] of lock.entries) {
      for (const [version, entry] of versions) {
        const present = files.has(entry.file);
        if (!present) this.diagnostics.push(versionMissing(lock, id, version, entry.file));
        if (documents.get(id)?.some((d) => d.version === version)) continue;
        if (this.withheld.get(id)?.some((w) => w.version === version)) continue;
        // Its links fail (engine/standards/links.ts): the same text served before fails them too.
        const broken = this.unlinked.get(entry.file)?.document;
        if (broken?.id === id && broken.version === version && broken.digest === entry.digest) {
          this.withholdUnlinked(broken, entry.digest);
          continue;
        }
        const provisional = files.get(entry.file)?.provisional;
        if (
          provisional?.id === id &&
          provisional.version === version &&
          provisional.digest === entry.digest
        ) {
          documents.set(id, [...(documents.get(id) ?? []), provisional].sort(byVersion));
          this.excused.add(entry.file);
          continue;
        }
        const before = this.servedBefore(id, version);
        if (before) {
          documents.set(id, [...(documents.get(id) ?? []), before].sort(byVersion));
          continue;
        }
        this.withhold({
          id,
          version,
          file: entry.file,
          reason: present ? 'its file does not compile' : `its file \`${entry.file}\` is gone`,
          cause: present ? 'file_broken' : 'lock_version_missing',
          locked: entry.digest,
        });
      }
    }
  }

  /** Why the lock cannot vouch for a version, if it cannot. */
  problemOf(
    doc: CompiledDocument,
    versions: readonly CompiledDocument[],
  ): { reason: string; cause: string; diagnostic?: Diagnostic } | undefined {
    const { lock, problem } = this.read;
    if (!lock) {
      if (problem) return { reason: problem.reason, cause: problem.code };
      return { reason: `there is no ${LOCK_FILE}`, cause: 'lock_missing', ...this.absentOnce() };
    }
    const entry = lockEntry(lock, doc.id, doc.version);
    const where = { file: doc.file, ...(doc.map.value.get('/version') ?? { line: 1, col: 1 }) };
    if (!entry) {
      return {
        reason: `it is not recorded in ${LOCK_FILE}`,
        cause: 'lock_missing_entry',
        diagnostic: error(
          'lock_missing_entry',
          `${doc.status} version ${doc.version} of \`${doc.id}\` is not recorded in ${LOCK_FILE}`,
          { ...where, hint: 'run `norma lock` to record it, once it really is approved' },
        ),
      };
    }
    if (entry.digest === doc.digest) return undefined;
    return {
      reason: 'it was changed after approval',
      cause: 'lock_digest_mismatch',
      diagnostic: error(
        'lock_digest_mismatch',
        `\`${doc.id}\` ${doc.version} was changed after approval (${short(doc.digest)}, locked ${short(entry.digest)})`,
        { ...where, hint: `approved versions are immutable: publish ${nextPatch(versions)} instead` },
      ),
    };
  }

  /** The document of a version the previous index served, if the lock still vouches for it. */
  servedBefore(id: string, version: string): CompiledDocument | undefined {
    const before = this.previous?.documents.get(id)?.find((d) => d.version === version);
    if (!before) return undefined;
    // The lock became unusable (or vanished) while serving: keep what it vouched for.
    if (!this.read.lock) return before;
    return lockEntry(this.read.lock, id, version)?.digest === before.digest ? before : undefined;
  }

  /** A locked version whose links to other standards fail: withheld, with the first failure. */
  withholdUnlinked(doc: CompiledDocument, locked: string): void {
    const first = this.unlinked.get(doc.file)?.diagnostics.find((d) => d.severity === 'error');
    this.withhold({
      id: doc.id,
      version: doc.version,
      file: doc.file,
      reason: `its links to other standards fail: ${first?.message ?? 'see `norma validate`'}`,
      cause: first?.code ?? 'links_broken',
      document: doc,
      locked,
      status: doc.status,
      ...(doc.effective ? { effective: doc.effective } : {}),
    });
  }

  withhold(w: WithheldVersion): void {
    this.withheld.set(w.id, [...(this.withheld.get(w.id) ?? []), w].sort(byVersion));
    this.diagnostics.push(withheldDiagnostic(w));
  }

  /** `lock_missing`, reported once however many versions it withholds. */
  absentOnce(): { diagnostic?: Diagnostic } {
    if (this.#reportedAbsent) return {};
    this.#reportedAbsent = true;
    return {
      diagnostic: error('lock_missing', `approved versions exist but there is no ${LOCK_FILE}`, {
        file: LOCK_FILE,
        hint: 'restore norma.lock from version control, or run `norma lock` to approve every version as it is now; for a development directory only, turn the lock off with --no-lock or NORMA_LOCK=off',
      }),
    };
  }
}

/** The version to publish instead of editing: the next patch after the highest version. */
function nextPatch(versions: readonly CompiledDocument[]): string {
  const highest =
    versions
      .map((d) => d.version)
      .sort(compareVersions)
      .at(-1) ?? '1.0.0';
  const [major = '1', minor = '0', patch = '0'] = highest.split(/[-+]/)[0]?.split('.') ?? [];
  return `${major}.${minor}.${Number(patch) + 1}`;
}

function byVersion(a: { version: string }, b: { version: string }): number {
  return compareVersions(a.version, b.version);
}

/** An entry whose file is gone: an approved version must be kept, not deleted. */
function versionMissing(lock: Lock, id: string, version: string, file: string): Diagnostic {
  return error('lock_version_missing', `locked version ${version} of \`${id}\` has no file \`${file}\``, {
    file: LOCK_FILE,
    ...entryPosition(lock, id, version),
    hint: 'approved versions are kept as records: restore the file, and set `status: retired` to stop using it',
  });
}

/** The warning of an index loaded with the lock off. */
function lockOff(): Diagnostic {
  return warning('lock_off', `the lock is off: approved versions are served without checking ${LOCK_FILE}`, {
    hint: 'for development directories and tests only (--no-lock, NORMA_LOCK=off); never in production',
  });
}

function short(digest: string): string {
  return `${digest.slice(0, 'sha256:'.length + 12)}…`;
}
