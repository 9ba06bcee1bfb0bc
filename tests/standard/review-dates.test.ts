import { describe, expect, it } from 'vitest';
import {
  bundledStandardsDir,
  type CompiledDocument,
  chooseVersion,
  compileDocument,
  evaluateFast,
  loadStandards,
} from '../../engine/index.ts';

/**
 * standards.revision judges every document's header (B28): the yearly review is counted from the
 * header's `reviewed.at`, or from the approval when no review is recorded. Fed the headers of the
 * bundled standard, it flags exactly the versions in force whose last review or approval is more
 * than a calendar year old, and nothing else; and it refuses a review before the approval, as
 * `norma validate` does for the header itself.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-02';
const revision = chooseVersion('standards.revision', index.documents.get('standards.revision') ?? [], AT);

/** The header of a version, as standards.revision's `revision` fact (the owner drafted it). */
function revisionOf(doc: CompiledDocument): Record<string, unknown> {
  return {
    version: doc.version,
    ...(doc.effective ? { effective: doc.effective } : {}),
    change: doc.change ?? '首次发布',
    author: doc.owner,
    ...(doc.approved ? { approvedBy: doc.approved.by, approvedAt: doc.approved.at } : {}),
    approverRole: 'after-sales-director',
    ...(doc.reviewed ? { reviewedAt: doc.reviewed.at } : {}),
  };
}

function problems(doc: CompiledDocument, at = AT): string[] {
  const { result } = evaluateFast(revision, { facts: { revision: revisionOf(doc) }, at });
  return (result as { outputs: { problems: string[] } }).outputs.problems;
}

/** The date one calendar year before `at`. */
const YEAR_BEFORE = '2025-12-02';

describe('standards.revision on the bundled headers', () => {
  const inForce = [...index.documents.keys()].map((id) =>
    chooseVersion(id, index.documents.get(id) ?? [], AT),
  );

  it('flags only the overdue review, for exactly the versions last reviewed or approved over a year ago', () => {
    for (const doc of inForce) {
      const last = doc.reviewed?.at ?? doc.approved?.at ?? '';
      const want = last < YEAR_BEFORE ? ['review-overdue'] : [];
      expect(problems(doc), `${doc.id}@${doc.version} (last ${last})`).toEqual(want);
    }
  });

  it('does not flag a version approved in this release (2026-12-02), a year later still due, a day more overdue', () => {
    const fresh = inForce.filter((d) => d.approved?.at === AT);
    expect(fresh.length).toBeGreaterThan(0);
    for (const doc of fresh) {
      expect(problems(doc, '2027-12-02'), doc.id).toEqual([]);
      expect(problems(doc, '2027-12-03'), doc.id).toEqual(['review-overdue']);
    }
  });

  it('counts from a recorded review rather than the approval', () => {
    const old = inForce.find((d) => (d.approved?.at ?? '') < YEAR_BEFORE && !d.reviewed);
    expect(old, 'a version approved over a year ago').toBeDefined();
    const reviewed = { ...(old as CompiledDocument), reviewed: { by: '陈静', at: '2026-06-01' } };
    expect(problems(old as CompiledDocument)).toEqual(['review-overdue']);
    expect(problems(reviewed)).toEqual([]);
  });

  it('refuses a review before the approval, as the header check does', () => {
    const doc = revision;
    const early = doc.source.replace(
      /^approved: .*$/m,
      (line) => `${line}\nreviewed: { by: 陈静, at: 2026-12-01 }`,
    );
    const compiled = compileDocument(early, doc.file, { id: doc.id, version: doc.version, folder: 'rules' });
    expect(compiled.diagnostics.map((d) => d.code)).toEqual(['review_before_approval']);
    const header = { ...doc, reviewed: { by: '陈静', at: '2026-12-01' } };
    expect(problems(header)).toEqual(['review-before-approval']);
  });
});
