/**
 * Document data with every string (values and keys) stored compactly. A YAML text holding any
 * character beyond Latin-1 (every Chinese title) is a two-byte string in V8, and the strings read
 * from it are slices of it: two bytes per character, and slower to compare, hash and write out
 * (JSON.stringify of an envelope of such strings took 27 % longer). JSON.parse makes one-byte
 * strings wherever the characters allow, so each string is passed through it once, at load.
 */

// Characters beyond Latin-1: only then are the text's slices two-byte.
const WIDE = /[\u0100-\uffff]/;

/** The data with compact strings when `text` is two-byte; the data itself otherwise. */
export function compactStrings<T>(data: T, text: string): T {
  return WIDE.test(text) ? (compact(data, new Map()) as T) : data;
}

function compact(value: unknown, seen: Map<string, string>): unknown {
  if (typeof value === 'string') return compactString(value, seen);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = compact(value[i], seen);
    return out;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = compact((value as Record<string, unknown>)[key], seen);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
    else out[compactString(key, seen)] = v;
  }
  return out;
}

/** A one-byte copy of a string whose characters allow it (repeated strings share one copy). */
function compactString(s: string, seen: Map<string, string>): string {
  if (WIDE.test(s)) return s;
  let copy = seen.get(s);
  if (copy === undefined) {
    copy = JSON.parse(JSON.stringify(s)) as string;
    seen.set(s, copy);
  }
  return copy;
}
