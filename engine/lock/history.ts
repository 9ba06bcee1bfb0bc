/**
 * The version history of a standard, for auditors (`norma history`, `GET /v1/standards/{id}`):
 * which versions exist, who approved them, what changed, their digests and which is in force.
 */
import { inForceAt } from '../standards/choose.ts';
import type { StandardsIndex } from '../standards/directory.ts';
import { versionsOf } from '../standards/evaluate.ts';

/** One version in a standard's history. */
export interface HistoryEntry {
  version: string;
  status: string;
  effective?: string;
  approved?: { by: string; at: string };
  change?: string;
  digest: string;
  file: string;
  /** Whether this is the version that decides on `today`. */
  inForce: boolean;
  /** Lock problems found for this version's file (`lock_digest_mismatch`, `lock_missing_entry`). */
  lock?: string[];
}

/** A standard's history, oldest version first. */
export interface History {
  id: string;
  kind: string;
  title: string;
  today: string;
  /** The version in force on `today`, if any. */
  inForce?: string;
  versions: HistoryEntry[];
}

/** The history of a standard as of a date; `standard_unknown` when there is no such id. */
export function historyOf(index: StandardsIndex, id: string, today: string): History {
  const versions = versionsOf(index, id);
  const current = inForceAt(versions, today);
  const latest = versions[versions.length - 1];
  return {
    id,
    kind: latest?.kind ?? '',
    title: latest?.title ?? '',
    today,
    ...(current ? { inForce: current.version } : {}),
    versions: versions.map((doc) => {
      const lock = index.diagnostics
        .filter((d) => d.file === doc.file && d.code.startsWith('lock_'))
        .map((d) => d.code);
      return {
        version: doc.version,
        status: doc.status,
        ...(doc.effective !== undefined ? { effective: doc.effective } : {}),
        ...(doc.approved ? { approved: { by: String(doc.approved.by), at: String(doc.approved.at) } } : {}),
        ...(doc.change !== undefined ? { change: doc.change } : {}),
        digest: doc.digest,
        file: doc.file,
        inForce: doc === current,
        ...(lock.length > 0 ? { lock } : {}),
      };
    }),
  };
}

/** The history as terminal text. */
export function formatHistoryText(h: History): string {
  const out = [`${h.id} (${h.kind}): ${h.title}`, `in force on ${h.today}: ${h.inForce ?? 'none'}`, ''];
  for (const v of h.versions) {
    const mark = v.inForce ? '*' : ' ';
    const when = v.effective ? `effective ${v.effective}` : 'no effective date';
    const by = v.approved ? `, approved by ${v.approved.by} on ${v.approved.at}` : '';
    out.push(`${mark} ${v.version}  ${v.status}, ${when}${by}`);
    if (v.change) out.push(`    change: ${v.change}`);
    out.push(`    digest: ${v.digest}`);
    if (v.lock) out.push(`    lock: ${v.lock.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}
