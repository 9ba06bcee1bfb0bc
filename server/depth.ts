/**
 * The nesting depth of a JSON text, found in one pass before it is parsed: V8 parses any depth, but
 * copying, validating or printing a deeply nested value recurses and overflows the stack, so a body
 * nested deeper than any request needs is refused up front.
 */

/** The deepest nesting of objects and arrays a JSON body may have. */
export const MAX_BODY_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * The offset at which `text` first nests deeper than `limit`, or -1 when it never does. Brackets
 * inside strings do not count; the text need not be valid JSON (the parser says what is wrong).
 */
export function tooDeepAt(text: string, limit = MAX_BODY_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return -1;
}
