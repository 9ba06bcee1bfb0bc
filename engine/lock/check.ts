/**
 * The lock check run whenever a standards directory is indexed (`norma validate`, the server's
 * loader): approved versions must match their lock entries, and must have one.
 *
 * What is served when the check fails (docs/audit.md):
 * - a version whose content no longer matches its entry is never served as approved. The server
 *   keeps serving the version it had loaded before the edit when that one matches the lock (as
 *   with any broken edit); otherwise every version of that id is withheld, so that an obsolete
 *   version cannot silently take over the decisions of the edited one;
 * - an approved version missing from the lock is an error (`norma validate` and CI fail) but keeps
 *   serving: nothing shows its content changed since approval, the lock is just not armed for it
 *   yet (`norma lock` arms it).
 */
import { type Diagnostic, error, warning } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import type { FileState } from '../standards/directory.ts';
import { compareVersions } from '../standards/semver.ts';
import { entryPosition, LOCK_FILE, type Lock, lockDigestOf, lockEntry, readLock } from './lockfile.ts';

/**
 * Checks the indexed documents against `dir/norma.lock` (when it exists) and withholds the
 * versions that fail, in place. `previous` holds the documents served before this reload.
 */
export function enforceLock(
  dir: string,
  documents: Map<string, CompiledDocument[]>,
  files: Map<string, FileState>,
  previous?: Map<string, CompiledDocument[]>,
): Diagnostic[] {
  const { lock, diagnostics } = readLock(dir);
  if (!lock) return diagnostics;
  for (const [id, versions] of [...documents]) {
    const kept: CompiledDocument[] = [];
    let tampered = false;
    for (const doc of versions) {
      const problem = checkVersion(lock, doc, versions);
      if (!problem) {
        kept.push(doc);
        continue;
      }
      diagnostics.push(problem);
      if (problem.code !== 'lock_digest_mismatch') {
        kept.push(doc);
        continue;
      }
      const before = previous?.get(id)?.find((d) => d.version === doc.version);
      if (before && lockDigestOf(before) === lockEntry(lock, id, doc.version)?.digest) kept.push(before);
      else tampered = true;
    }
    if (tampered) {
      documents.delete(id);
      diagnostics.push(
        warning(
          'lock_standard_withheld',
          `\`${id}\` is not served until its approved versions match ${LOCK_FILE}`,
          {
            file: LOCK_FILE,
            line: 1,
            col: 1,
            hint: 'restore the edited version to its approved text; put the change in a new version',
          },
        ),
      );
    } else if (kept.length > 0) documents.set(id, kept);
    else documents.delete(id);
  }
  diagnostics.push(...missingFiles(lock, files));
  return diagnostics;
}

/** The lock problem of one version, if it has one. */
export function checkVersion(
  lock: Lock,
  doc: CompiledDocument,
  versions: readonly CompiledDocument[],
): Diagnostic | undefined {
  const entry = lockEntry(lock, doc.id, doc.version);
  const where = { file: doc.file, ...lineOf(doc) };
  if (!entry) {
    if (doc.status !== 'approved') return undefined;
    return error(
      'lock_missing_entry',
      `approved version ${doc.version} of \`${doc.id}\` is not recorded in ${LOCK_FILE}`,
      { ...where, hint: 'run `norma lock` to record it, once it really is approved' },
    );
  }
  const digest = lockDigestOf(doc);
  if (digest === entry.digest) return undefined;
  return error(
    'lock_digest_mismatch',
    `\`${doc.id}\` ${doc.version} was changed after approval (${short(digest)}, locked ${short(entry.digest)})`,
    { ...where, hint: `approved versions are immutable: publish ${nextPatch(versions)} instead` },
  );
}

/** Entries whose file is gone: an approved version must be kept, not deleted. */
function missingFiles(lock: Lock, files: Map<string, FileState>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, versions] of lock.entries) {
    for (const [version, entry] of versions) {
      if (files.has(entry.file)) continue;
      out.push(
        error(
          'lock_version_missing',
          `locked version ${version} of \`${id}\` has no file \`${entry.file}\``,
          {
            file: LOCK_FILE,
            ...entryPosition(lock, id, version),
            hint: 'approved versions are kept as records: restore the file, and set `status: retired` to stop using it',
          },
        ),
      );
    }
  }
  return out;
}

/** The version to publish instead of editing: the next patch after the highest version. */
function nextPatch(versions: readonly CompiledDocument[]): string {
  const highest = [...versions].sort((a, b) => compareVersions(b.version, a.version))[0]?.version ?? '1.0.0';
  const [major = '1', minor = '0', patch = '0'] = highest.split('-')[0]?.split('.') ?? [];
  return `${major}.${minor}.${Number(patch) + 1}`;
}

function short(digest: string): string {
  return `${digest.slice(0, 'sha256:'.length + 12)}…`;
}

function lineOf(doc: CompiledDocument): { line: number; col: number } {
  return doc.map.value.get('/version') ?? { line: 1, col: 1 };
}
