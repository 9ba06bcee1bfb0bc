/**
 * The checks across documents (a process's steps name other standards), once every id of a
 * directory is known. A version whose links fail is not served, like a file that does not load:
 * evaluating a process whose steps need a standard that is not there would walk cases through a
 * standard nobody can decide. On a reload, a broken edit of the file gives way to the version of
 * it served before, when that one's links still hold.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { CompiledDocument } from '../document.ts';
import { compareVersions } from './semver.ts';

/** A version not served because its links to other standards fail. */
export interface UnlinkedVersion {
  /** The document as its file compiles now. */
  document: CompiledDocument;
  /** Its link errors (and warnings). */
  diagnostics: Diagnostic[];
  /** The version of the same file served before and still linked, serving in its place. */
  serving?: CompiledDocument;
}

type Documents = Map<string, CompiledDocument[]>;

/**
 * Checks every document's links, removes the versions whose links fail from `documents` (in
 * place), and puts back the version of the same file that `previous` served when its links hold.
 * Returns every link diagnostic and the versions withheld, by file.
 */
export function enforceLinks(
  documents: Documents,
  previous: ReadonlyMap<string, readonly CompiledDocument[]> | undefined,
): { diagnostics: Diagnostic[]; unlinked: Map<string, UnlinkedVersion> } {
  const diagnostics: Diagnostic[] = [];
  const broken = new Map<CompiledDocument, Diagnostic[]>();
  for (const list of documents.values()) {
    for (const doc of list) {
      const found = linkProblems(doc, documents);
      diagnostics.push(...found);
      if (found.some((d) => d.severity === 'error')) broken.set(doc, found);
    }
  }
  const unlinked = new Map<string, UnlinkedVersion>();
  // The checks read every document, so the broken ones leave only after all were checked.
  for (const [doc, found] of broken) {
    remove(documents, doc);
    const before = servedBefore(previous, doc);
    // A link target is never a process (links.ts refuses it), so taking processes out or putting
    // one back cannot change another document's links: one pass decides.
    const serving = before && linkProblems(before, documents).every((d) => d.severity !== 'error');
    if (before && serving) add(documents, before);
    unlinked.set(doc.file, {
      document: doc,
      diagnostics: found,
      ...(before && serving ? { serving: before } : {}),
    });
  }
  return { diagnostics, unlinked };
}

function linkProblems(doc: CompiledDocument, documents: Documents): Diagnostic[] {
  return doc.module.checkLinks ? doc.module.checkLinks(doc, documents) : [];
}

/** The other document of the same file the previous index served, if any. */
function servedBefore(
  previous: ReadonlyMap<string, readonly CompiledDocument[]> | undefined,
  doc: CompiledDocument,
): CompiledDocument | undefined {
  for (const list of previous?.values() ?? []) {
    const hit = list.find((d) => d.file === doc.file);
    if (hit) return hit.digest === doc.digest ? undefined : hit;
  }
  return undefined;
}

function remove(documents: Documents, doc: CompiledDocument): void {
  const kept = (documents.get(doc.id) ?? []).filter((d) => d !== doc);
  if (kept.length > 0) documents.set(doc.id, kept);
  else documents.delete(doc.id);
}

function add(documents: Documents, doc: CompiledDocument): void {
  const list = [...(documents.get(doc.id) ?? []).filter((d) => d.version !== doc.version), doc];
  documents.set(
    doc.id,
    list.sort((a, b) => compareVersions(a.version, b.version)),
  );
}
