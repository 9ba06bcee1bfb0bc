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
 * A document is recorded only when the checks it would skip said nothing and no check found an
 * error, so a skipped check can only have said nothing, and the warnings of the checks that
 * always run are said again at every load. The entries are kept in one file beside the build (dist/verified-documents.json,
 * written whole and renamed into place); a file from another build, damaged or missing means the
 * documents are checked in full, as without it. Under tsx (development, tests) there is no build,
 * and no entry is read or written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Defined by the build (scripts/build-server.mjs) as its stamp; undeclared under tsx.
declare const __NORMA_BUILD__: string | undefined;

/** The build of norma running, or undefined when it runs from its TypeScript sources. */
export const engineBuild: string | undefined =
  typeof __NORMA_BUILD__ === 'string' ? __NORMA_BUILD__ : undefined;

/** Where the build's entries are kept. */
export const VERIFIED_FILE = fileURLToPath(new URL('../../dist/verified-documents.json', import.meta.url));

/** How many entries are kept: the documents of a large standard and their recent edits. */
export const MAX_VERIFIED = 100_000;

const FORMAT = 1;

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
  readonly #used = new Map<string, string>();
  #changed = false;
  #hits = 0;

  /** Entries read from the file, consulted until used. */
  readonly #known: ReadonlyMap<string, string>;

  constructor(
    readonly build: string,
    known: ReadonlyMap<string, string> = new Map(),
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
    const digest = this.#used.get(key) ?? this.#known.get(key);
    if (digest !== undefined) {
      this.#use(key, digest);
      this.#hits++;
    }
    return digest;
  }

  /** Records a document checked in full whose skippable checks said nothing. */
  add(key: string, digest: string): void {
    if (this.#used.get(key) === digest) return;
    this.#use(key, digest);
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
      const body = { format: FORMAT, build: this.build, entries: Object.fromEntries(this.#used) };
      writeFileSync(temporary, JSON.stringify(body));
      renameSync(temporary, this.file);
      this.#changed = false;
      return true;
    } catch {
      return false;
    }
  }

  #use(key: string, digest: string): void {
    // Most recently used last, so the oldest go first past the bound.
    this.#used.delete(key);
    this.#used.set(key, digest);
    if (this.#used.size > this.max) this.#used.delete(this.#used.keys().next().value as string);
  }
}

/** The entries of a file written for `build`; none for another build or a file that is not one. */
function readEntries(file: string, build: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  try {
    const body = JSON.parse(readFileSync(file, 'utf8')) as {
      format?: unknown;
      build?: unknown;
      entries?: unknown;
    };
    if (body.format !== FORMAT || body.build !== build) return new Map();
    if (!body.entries || typeof body.entries !== 'object') return new Map();
    const out = new Map<string, string>();
    for (const [key, digest] of Object.entries(body.entries)) {
      if (/^[0-9a-f]{64}$/.test(key) && typeof digest === 'string' && digest.startsWith('sha256:')) {
        out.set(key, digest);
      }
    }
    return out;
  } catch {
    return new Map();
  }
}
