/**
 * Documents this build of norma has already checked in full and found clean, so a start or a
 * reload of the same text skips the checks whose outcome cannot have changed: the schema, the
 * fact defaults and units, the `never` invariants, the tests at load and the digest. They are
 * pure functions of the text, where it lies and the code that checks it, so a document is known
 * by a key made of exactly those: the build (`engineBuild`: the bundle, the kind validators and
 * the versions of every package, stamped by scripts/build-server.mjs), the Node.js version, the
 * condition code, the expected identity, the file and the text. Everything else still runs:
 * reading the YAML, compiling the facts, conditions and kind, the review date (which depends on
 * today), and the lock and links of the standard as a whole.
 *
 * A document is recorded only when no check found an error, with the warnings of the checks it
 * would skip (a rule that can never apply, a unit missing), which a later load says again as
 * they were said; the warnings of the checks that always run are said again by those checks. The entries are kept in one file beside the build (dist/verified-documents.json,
 * written whole and renamed into place); a file from another build, damaged or missing means the
 * documents are checked in full, as without it. Under tsx (development, tests) there is no build,
 * and no entry is read or written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES, SCHEMA_KEYWORD_CODES } from '../codes.ts';
import type { Diagnostic } from '../diagnostics.ts';

// Defined by the build (scripts/build-server.mjs) as its stamp; undeclared under tsx.
declare const __NORMA_BUILD__: string | undefined;

/** The build of norma running, or undefined when it runs from its TypeScript sources. */
export const engineBuild: string | undefined =
  typeof __NORMA_BUILD__ === 'string' ? __NORMA_BUILD__ : undefined;

/** Where the build's entries are kept. */
export const VERIFIED_FILE = fileURLToPath(new URL('../../dist/verified-documents.json', import.meta.url));

/** How many entries are kept: the documents of a large standard and their recent edits. */
export const MAX_VERIFIED = 100_000;

// 2: an entry is a digest, or a digest with the warnings of the checks a later load skips.
const FORMAT = 2;

/** A document checked before: its digest, and what the checks a later load skips warned. */
interface Entry {
  digest: string;
  warnings: readonly Diagnostic[];
}

const NO_WARNINGS: readonly Diagnostic[] = Object.freeze([]);

/** What makes a document's checks come out the same (beside the build, which the store holds). */
export interface VerifiedSubject {
  text: string;
  file: string;
  expected?: unknown;
  code?: string;
}

/** The documents of one build found clean, by key, with their digests. */
export class VerifiedDocuments {
  /** Entries used or added by this process, oldest first (what `save` writes). */
  readonly #used = new Map<string, Entry>();
  #changed = false;
  #hits = 0;

  /** Entries read from the file, consulted until used. */
  readonly #known: ReadonlyMap<string, Entry>;

  constructor(
    readonly build: string,
    known: ReadonlyMap<string, Entry> = new Map(),
    readonly file?: string,
    readonly max = MAX_VERIFIED,
  ) {
    this.#known = known;
  }

  /** The entries of `file` for this build, or none: undefined when not running a build. */
  static open(file = VERIFIED_FILE, build = engineBuild): VerifiedDocuments | undefined {
    if (build === undefined) return undefined;
    return new VerifiedDocuments(build, readEntries(file, build), file);
  }

  /** The key of a document: a SHA-256 of the build, Node.js and everything the checks read. */
  keyOf(subject: VerifiedSubject): string {
    const head = JSON.stringify([
      FORMAT,
      this.build,
      process.version,
      subject.code ?? '',
      subject.expected ?? null,
      subject.file,
    ]);
    return createHash('sha256').update(head).update('\n').update(subject.text).digest('hex');
  }

  /** The digest of a document checked clean before, by its key. */
  digestOf(key: string): string | undefined {
    const entry = this.#used.get(key) ?? this.#known.get(key);
    if (entry !== undefined) {
      this.#use(key, entry);
      this.#hits++;
    }
    return entry?.digest;
  }

  /** What the checks a later load skips warned about a document checked before (none if unknown). */
  warningsOf(key: string): readonly Diagnostic[] {
    return (this.#used.get(key) ?? this.#known.get(key))?.warnings ?? NO_WARNINGS;
  }

  /** Records a document checked in full with no error, and what the checks a later load skips warned. */
  add(key: string, digest: string, warnings: readonly Diagnostic[] = NO_WARNINGS): void {
    const had = this.#used.get(key);
    if (had?.digest === digest && sameWarnings(had.warnings, warnings)) return;
    this.#use(key, { digest, warnings: warnings.length === 0 ? NO_WARNINGS : warnings });
    this.#changed = true;
  }

  /** How many documents were found checked before, since this store was opened. */
  get hits(): number {
    return this.#hits;
  }

  /** How many entries `save` would write. */
  get size(): number {
    return this.#used.size;
  }

  /**
   * Writes the entries used or added since the file was read, when any was added: the file holds
   * what the standards loaded by this process need. Returns false when it could not be written
   * (a read-only install): loading still works, checking in full.
   */
  save(): boolean {
    if (!this.#changed || this.file === undefined) return true;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      const entries: Record<string, string | [string, readonly Diagnostic[]]> = {};
      for (const [key, e] of this.#used) entries[key] = e.warnings.length ? [e.digest, e.warnings] : e.digest;
      const body = { format: FORMAT, build: this.build, entries };
      writeFileSync(temporary, JSON.stringify(body));
      renameSync(temporary, this.file);
      this.#changed = false;
      return true;
    } catch {
      return false;
    }
  }

  #use(key: string, entry: Entry): void {
    // Most recently used last, so the oldest go first past the bound.
    this.#used.delete(key);
    this.#used.set(key, entry);
    if (this.#used.size > this.max) this.#used.delete(this.#used.keys().next().value as string);
  }
}

/** The entries of a file written for `build`; none for another build or a file that is not one. */
function readEntries(file: string, build: string): Map<string, Entry> {
  if (!existsSync(file)) return new Map();
  try {
    const body = JSON.parse(readFileSync(file, 'utf8')) as {
      format?: unknown;
      build?: unknown;
      entries?: unknown;
    };
    if (body.format !== FORMAT || body.build !== build) return new Map();
    if (!body.entries || typeof body.entries !== 'object' || Array.isArray(body.entries)) return new Map();
    const out = new Map<string, Entry>();
    for (const [key, value] of Object.entries(body.entries)) {
      const entry = entryOf(value);
      if (/^[0-9a-f]{64}$/.test(key) && entry !== undefined) out.set(key, entry);
    }
    return out;
  } catch {
    return new Map();
  }
}

/** An entry as written (a digest, or a digest and its warnings); undefined for anything else. */
function entryOf(value: unknown): Entry | undefined {
  const [digest, warnings] = Array.isArray(value) ? value : [value, NO_WARNINGS];
  if (typeof digest !== 'string' || !digest.startsWith('sha256:')) return undefined;
  if (!Array.isArray(warnings) || !warnings.every(isWarning)) return undefined;
  if (Array.isArray(value) && (value.length !== 2 || warnings.length === 0)) return undefined;
  return { digest, warnings: warnings.length === 0 ? NO_WARNINGS : (warnings as Diagnostic[]) };
}

const CODES: ReadonlySet<string> = new Set([...DIAGNOSTIC_CODES, ...SCHEMA_KEYWORD_CODES]);
const OPTIONAL: Readonly<Record<string, 'string' | 'number'>> = {
  file: 'string',
  line: 'number',
  col: 'number',
  path: 'string',
  hint: 'string',
};

/** A warning as norma writes it: a known code, a message, and only the fields a diagnostic has. */
function isWarning(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const d = v as Record<string, unknown>;
  if (typeof d.code !== 'string' || !CODES.has(d.code)) return false;
  if (typeof d.message !== 'string' || d.severity !== 'warning') return false;
  for (const [k, value] of Object.entries(d)) {
    if (k === 'code' || k === 'message' || k === 'severity') continue;
    if (OPTIONAL[k] === undefined || typeof value !== OPTIONAL[k]) return false;
  }
  return true;
}

function sameWarnings(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
