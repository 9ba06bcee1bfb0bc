/**
 * Versions the lock cannot vouch for. They are kept out of the served documents but remembered,
 * so that every lookup (evaluate, history, diff, render) says why with one code,
 * `lock_standard_withheld`, instead of pretending the version does not exist.
 */
import { compareDates } from '../conditions/dates.ts';
import { type Diagnostic, error, NormaError } from '../diagnostics.ts';
import type { CompiledDocument, DocumentStatus } from '../document.ts';
import { compareVersions } from '../standards/semver.ts';

/** The code of every answer about a withheld version. */
export const WITHHELD = 'lock_standard_withheld';

/** A version not served because the lock cannot vouch for it. */
export interface WithheldVersion {
  id: string;
  version: string;
  file: string;
  /** Why, as a lowercase phrase: `norma.lock is missing`, `it was changed after approval`, … */
  reason: string;
  /** The code of the problem behind it (`lock_missing`, `lock_digest_mismatch`, …). */
  cause: string;
  /** The compiled document, when its file compiles (history shows its details). */
  document?: CompiledDocument;
  /** The digest the lock records for it, if any. */
  locked?: string;
  /**
   * Its status and effective date when they can be trusted to say where it would decide; unknown
   * (a changed or broken file) means it could decide on any date.
   */
  status?: DocumentStatus;
  effective?: string;
}

/** The index diagnostic of a withheld version. */
export function withheldDiagnostic(w: WithheldVersion): Diagnostic {
  const where = w.document?.map.value.get('/version') ?? { line: 1, col: 1 };
  return error(WITHHELD, `\`${w.id}\` ${w.version} is withheld: ${w.reason}`, {
    file: w.file,
    ...where,
    hint: hintOf(w.cause),
  });
}

/** The error a lookup of a withheld version raises (HTTP 503). */
export function withheldError(w: WithheldVersion): NormaError {
  return new NormaError(WITHHELD, `\`${w.id}\` ${w.version} is withheld (\`${w.file}\`): ${w.reason}`, [
    withheldDiagnostic(w),
  ]);
}

/**
 * The withheld version that would decide at `at` instead of `chosen` (the highest served
 * version in force), if any: serving `chosen` then would let an older version take over the
 * decisions of one the lock cannot vouch for.
 */
export function withheldInForce(
  withheld: readonly WithheldVersion[],
  chosen: CompiledDocument | undefined,
  at: string,
): WithheldVersion | undefined {
  let blocker: WithheldVersion | undefined;
  for (const w of withheld) {
    if (w.status === 'draft' || w.status === 'retired') continue;
    if (w.effective !== undefined && compareDates(w.effective, at) > 0) continue;
    if (chosen && compareVersions(w.version, chosen.version) <= 0) continue;
    if (!blocker || compareVersions(w.version, blocker.version) > 0) blocker = w;
  }
  return blocker;
}

function hintOf(cause: string): string {
  switch (cause) {
    case 'lock_digest_mismatch':
      return 'restore the approved text; publish the change as a new version';
    case 'lock_missing_entry':
    case 'lock_missing':
      return 'run `norma lock` once the version really is approved, and commit norma.lock with it';
    case 'lock_version_missing':
    case 'file_broken':
      return 'restore the approved file from version control';
    case 'process_standard_unknown':
    case 'process_completion_unfit':
    case 'process_input_unfit':
      return 'restore or fix the standards its steps name; a change to the process itself is a new version';
    case 'lock_outdated':
      return 'run `norma lock --migrate`';
    default:
      return 'restore norma.lock from version control';
  }
}
