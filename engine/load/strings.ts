/**
 * Document data with every string (values and keys) stored compactly. A YAML text holding any
 * character beyond Latin-1 (every Chinese title) is a two-byte string in V8, and the strings read
 * from it are slices of it: two bytes per character, and slower to compare, hash and write out
 * (JSON.stringify of an envelope of such strings took 27 % longer). JSON.parse makes one-byte
 * strings wherever the characters allow, so each string is passed through it once, at load.
 * Strings that must stay two-byte are copied too: a slice keeps the whole text alive, and the
 * document keeps its text more compactly itself (`keptText`).
 */

// Characters beyond Latin-1: only then are the text's slices two-byte.
const WIDE = /[\u0100-\uffff]/;

/** Whether V8 keeps a string two bytes a character: it holds a character beyond Latin-1. */
export function isTwoByte(text: string): boolean {
  return WIDE.test(text);
}

/** A copy of a string made of its own characters, one-byte where they allow. */
export type Compactor = (s: string) => string;

/**
 * The compactor of strings read from `text` when it is two-byte (repeated strings share one
 * copy); undefined when its strings are one-byte already.
 */
export function stringCompactor(text: string): Compactor | undefined {
  return isTwoByte(text) ? compactCopy : undefined;
}

// The copies made, shared across documents: a standard's documents repeat the same keys, ids,
// operators and fact names, so most strings of a document were copied for an earlier one.
// Keyed by the copy itself, so that no slice (and through it, its whole text) is kept. Bounded:
// emptied when full (the documents keep their copies).
const copies = new Map<string, string>();
const MAX_COPIES = 50_000;

function compactCopy(s: string): string {
  let copy = copies.get(s);
  if (copy === undefined) {
    copy = JSON.parse(JSON.stringify(s)) as string;
    if (copies.size >= MAX_COPIES) copies.clear();
    copies.set(copy, copy);
  }
  return copy;
}

/** The data with compact strings when `text` is two-byte; the data itself otherwise. */
export function compactStrings<T>(data: T, text: string, compactor = stringCompactor(text)): T {
  return compactor ? (compact(data, compactor) as T) : data;
}

function compact(value: unknown, compactString: Compactor): unknown {
  if (typeof value === 'string') return compactString(value);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = compact(value[i], compactString);
    return out;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = compact((value as Record<string, unknown>)[key], compactString);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[compactString(key)] = v;
  }
  return out;
}
