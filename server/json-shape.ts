/**
 * The shape of a JSON text, checked in one pass before it is parsed. V8 parses any depth, but
 * copying, validating or printing a deeply nested value recurses and overflows the stack; and an
 * object with tens of thousands of members is slow to build and to walk (a dictionary, not a
 * shape). No request needs either, so such a body is refused up front, in time linear in its size.
 */

/** The deepest nesting of objects and arrays a JSON body may have. */
export const MAX_BODY_DEPTH = 64;
/** The most members one object of a JSON body may have. */
export const MAX_OBJECT_MEMBERS = 1000;
/** The most different member names a JSON body may use (V8 builds a new hidden class for each). */
export const MAX_MEMBER_NAMES = 5000;
/**
 * The most elements one list of a JSON body may have: a work order has tens of lines, a diff at
 * most 10,000 inputs; checking 60,000 wrong lines against their declaration would hold the
 * server for a tenth of a second.
 */
export const MAX_LIST_ELEMENTS = 10_000;

/** Where a JSON text first goes past a limit, and which limit. */
export interface ShapeProblem {
  limit: 'depth' | 'members' | 'names' | 'elements';
  offset: number;
}

/** The limits `shapeProblem` checks. */
export interface ShapeLimits {
  maxDepth?: number;
  maxMembers?: number;
  maxNames?: number;
  maxElements?: number;
  /** JSON Lines: each line is a text of its own (a broken line does not spill into the next). */
  lines?: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/**
 * The first place where `text` nests deeper than `maxDepth`, gives an object more than
 * `maxMembers` members or a list more than `maxElements` elements, or uses more than `maxNames`
 * different member names, or undefined.
 * Brackets and commas inside strings do not count; the text need not be valid JSON (the parser
 * then says what is wrong).
 */
export function shapeProblem(text: string, limits: ShapeLimits = {}): ShapeProblem | undefined {
  const maxDepth = limits.maxDepth ?? MAX_BODY_DEPTH;
  const maxMembers = limits.maxMembers ?? MAX_OBJECT_MEMBERS;
  const maxNames = limits.maxNames ?? MAX_MEMBER_NAMES;
  const maxElements = limits.maxElements ?? MAX_LIST_ELEMENTS;
  // Names are counted by a hash of their text, so no string is cut out of the body: a collision
  // can only undercount, and the limit is far above what any request needs.
  const names = new Set<number>();
  let stringStart = 0;
  let hash = 0;
  // Per open level: whether it is an object, and the commas seen in it (members - 1).
  const isObject = new Uint8Array(maxDepth + 1);
  const commas = new Uint32Array(maxDepth + 1);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE && limits.lines) {
      depth = 0;
      inString = false;
    } else if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (isName(text, i + 1)) {
          names.add(hash);
          if (names.size > maxNames) return { limit: 'names', offset: stringStart };
        }
      } else hash = (Math.imul(hash, 31) + c) | 0;
    } else if (c === QUOTE) {
      inString = true;
      stringStart = i + 1;
      hash = 0;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return { limit: 'depth', offset: i };
      isObject[depth] = c === OPEN_OBJECT ? 1 : 0;
      commas[depth] = 0;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (c === COMMA && depth > 0) {
      const most = isObject[depth] === 1 ? maxMembers : maxElements;
      if (++(commas[depth] as number) >= most) {
        return { limit: isObject[depth] === 1 ? 'members' : 'elements', offset: i };
      }
    }
  }
  return undefined;
}

/** Whether the string that ended just before `from` is a member name: a colon follows it. */
function isName(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) return true;
    // JSON whitespace: space, tab, line feed, carriage return.
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return false;
}
