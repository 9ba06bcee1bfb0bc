import { compareDates } from '../conditions/dates.ts';
import { NormaError } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { compareVersions } from './semver.ts';

/**
 * The version that decides at a date: the highest approved version whose `effective` is on or
 * before `at`. A pinned version is used whatever its status. Drafts need a pin; retired versions
 * are never chosen by date.
 */
export function chooseVersion(
  id: string,
  versions: readonly CompiledDocument[],
  at: string,
  pinned?: string,
): CompiledDocument {
  if (pinned !== undefined)
    return pinnedVersion(id, versions, pinned, 'omit `version` to take the one in force at `at`');
  const chosen = highestInForce(versions, at);
  if (!chosen) {
    const approved = versions.filter((d) => d.status === 'approved' && d.effective);
    const earliest = approved.map((d) => d.effective as string).sort()[0];
    throw new NormaError(
      'version_not_in_force',
      earliest
        ? `no approved version of \`${id}\` is in force on ${at}; the earliest takes effect on ${earliest}`
        : `\`${id}\` has no approved version; only drafts or retired versions exist`,
      [
        {
          code: 'version_not_in_force',
          message: `versions: ${versions.map((d) => `${d.version} (${d.status}${d.effective ? `, from ${d.effective}` : ''})`).join(', ')}`,
          severity: 'error',
          hint: earliest
            ? `evaluate at ${earliest} or later, or pin a version`
            : 'pin a draft with `version` to try it',
        },
      ],
    );
  }
  return chosen;
}

/** The version named `version`, whatever its status; `version_unknown` (with the known ones) if none. */
export function pinnedVersion(
  id: string,
  versions: readonly CompiledDocument[],
  version: string,
  hint?: string,
): CompiledDocument {
  const hit = versions.find((d) => d.version === version);
  if (hit) return hit;
  throw new NormaError('version_unknown', `\`${id}\` has no version \`${version}\``, [
    {
      code: 'version_unknown',
      message: `known versions: ${versions.map((d) => d.version).join(', ')}`,
      severity: 'error',
      ...(hint ? { hint } : {}),
    },
  ]);
}

/** The highest approved version in force at `at`, without sorting when the list is already ascending. */
function highestInForce(versions: readonly CompiledDocument[], at: string): CompiledDocument | undefined {
  let best: CompiledDocument | undefined;
  for (let i = versions.length - 1; i >= 0; i--) {
    const d = versions[i] as CompiledDocument;
    if (d.status !== 'approved' || d.effective === undefined || compareDates(d.effective, at) > 0) continue;
    if (!best || compareVersions(d.version, best.version) > 0) best = d;
  }
  return best;
}

/** Whether a version is the one in force at a date (for history listings). */
export function inForceAt(versions: readonly CompiledDocument[], at: string): CompiledDocument | undefined {
  try {
    return chooseVersion('', versions, at);
  } catch {
    return undefined;
  }
}
