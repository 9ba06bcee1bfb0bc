/**
 * The version history of a standard, for auditors (`norma history`, `GET /v1/standards/{id}`):
 * which versions exist, who approved them, what changed, their digests and which is in force.
 */
import type { CompiledDocument } from '../document.ts';
import type { StandardsIndex } from '../standards/directory.ts';
import { chooseStandardVersion, versionsOf } from '../standards/evaluate.ts';
import { compareVersions } from '../standards/semver.ts';
import { WITHHELD, type WithheldVersion } from './withheld.ts';

/** One version in a standard's history. */
export interface HistoryEntry {
  version: string;
  status: string;
  effective?: string;
  approved?: { by: string; at: string };
  /** The last periodic review, when one is recorded (it changes neither digest nor decisions). */
  reviewed?: { by: string; at: string };
  change?: string;
  digest: string;
  file: string;
  /** Whether this is the version that decides on `today`. */
  inForce: boolean;
  /** Lock problems found for this version's file (`lock_digest_mismatch`, `lock_missing_entry`). */
  lock?: string[];
  /** Set when the lock withholds this version: it is listed, but nothing evaluates it. */
  withheld?: { code: typeof WITHHELD; reason: string };
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

/**
 * The history of a standard as of a date, withheld versions included (marked, with the reason);
 * `standard_unknown` when there is no such id.
 */
export function historyOf(index: StandardsIndex, id: string, today: string): History {
  const served = index.documents.get(id) ?? [];
  const withheld = index.withheld.get(id) ?? [];
  if (served.length === 0 && withheld.length === 0) versionsOf(index, id);
  const current = inForceOf(index, id, today);
  const entries = [
    ...served.map((doc) => entryOf(index, doc, doc === current)),
    ...withheld.map((w) => withheldEntry(index, w)),
  ].sort((a, b) => compareVersions(a.version, b.version));
  const latest = served.at(-1) ?? withheld.findLast((w) => w.document)?.document;
  return {
    id,
    kind: latest?.kind ?? '',
    title: latest?.title ?? '',
    today,
    ...(current ? { inForce: current.version } : {}),
    versions: entries,
  };
}

/** The version in force, if one can be served (a withheld version in force means none). */
function inForceOf(index: StandardsIndex, id: string, today: string): CompiledDocument | undefined {
  try {
    return chooseStandardVersion(index, id, today);
  } catch {
    return undefined;
  }
}

function entryOf(index: StandardsIndex, doc: CompiledDocument, inForce: boolean): HistoryEntry {
  const lock = index.diagnostics
    .filter((d) => d.file === doc.file && d.code.startsWith('lock_') && d.code !== WITHHELD)
    .map((d) => d.code);
  return {
    version: doc.version,
    status: doc.status,
    ...(doc.effective !== undefined ? { effective: doc.effective } : {}),
    ...(doc.approved ? { approved: { by: String(doc.approved.by), at: String(doc.approved.at) } } : {}),
    ...(doc.reviewed ? { reviewed: { by: String(doc.reviewed.by), at: String(doc.reviewed.at) } } : {}),
    ...(doc.change !== undefined ? { change: doc.change } : {}),
    digest: doc.digest,
    file: doc.file,
    inForce,
    ...(lock.length > 0 ? { lock } : {}),
  };
}

/** A withheld version: its document's details when it compiles, else what the lock records. */
function withheldEntry(index: StandardsIndex, w: WithheldVersion): HistoryEntry {
  const base: HistoryEntry = w.document
    ? entryOf(index, w.document, false)
    : { version: w.version, status: 'approved', digest: w.locked ?? '', file: w.file, inForce: false };
  return { ...base, withheld: { code: WITHHELD, reason: w.reason } };
}

/** The history as terminal text. */
export function formatHistoryText(h: History): string {
  const out = [`${h.id} (${h.kind}): ${h.title}`, `in force on ${h.today}: ${h.inForce ?? 'none'}`, ''];
  for (const v of h.versions) {
    const mark = v.inForce ? '*' : ' ';
    const when = v.effective ? `effective ${v.effective}` : 'no effective date';
    const by = v.approved ? `, approved by ${v.approved.by} on ${v.approved.at}` : '';
    const review = v.reviewed ? `, reviewed by ${v.reviewed.by} on ${v.reviewed.at}` : '';
    out.push(`${mark} ${v.version}  ${v.status}, ${when}${by}${review}`);
    if (v.change) out.push(`    change: ${v.change}`);
    out.push(`    digest: ${v.digest}`);
    if (v.lock) out.push(`    lock: ${v.lock.join(', ')}`);
    if (v.withheld) out.push(`    ${v.withheld.code}: ${v.withheld.reason}`);
  }
  return `${out.join('\n')}\n`;
}
