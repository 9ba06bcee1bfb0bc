import { resolvePlain } from './plain-scalar.ts';
import { type LineStarts, type OffsetTree, type Positions, TreePositions } from './positions.ts';

/**
 * A fast reader for the YAML that documents are almost always written in: block mappings and
 * sequences, one-line plain and quoted scalars, one-line flow collections (`{ enum: [a, b] }`,
 * after their key or on the line below it), simple folded scalars (`>`), comments, one-line
 * anchored values after a key (`&yes { … }`) and aliases as a whole value after a key (`*yes`).
 * It gives exactly what the `yaml` library gives for such text (same data, same offsets), and
 * gives up (`undefined`) on anything else: literal and multi-line scalars, most escapes, other
 * anchors and aliases, tags, empty values, duplicate keys, numbers that are not finite, a `-`
 * that does not start a plain scalar (`[-]`), odd indentation, tabs, CRLF, document
 * markers, anything deeper or larger than the limits. The caller then reads the file with the
 * `yaml` library, which reports every problem precisely: the reader never reports anything
 * itself. Being wrong here would silently change data, so it is strict and tested against the
 * library on every bundled document and case (`fast.test.ts`) and on generated documents full of
 * scalars that look like something else (`fast.generated.test.ts`).
 */
export function readPlainYaml(
  text: string,
  lines: LineStarts,
  limits: { maxDepth: number; maxNodes: number },
): { data: Record<string, unknown>; value: Positions; key: Positions } | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    const reader = new Reader(text, limits);
    const data = reader.document();
    const tree = reader.tree();
    return {
      data,
      value: new TreePositions(tree, lines, 'value'),
      key: new TreePositions(tree, lines, 'key'),
    };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const GIVE_UP = new Error('not plain YAML');
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NEWLINE = 10;
const COMMA = 44;
const GREATER = 62;
const DOUBLE_QUOTE = 34;
const BACKSLASH = 92;
/** The escapes of a double-quoted scalar this reader reads itself, by the character after `\\`. */
const ESCAPES = new Map<number, string>(
  (
    [
      ['0', '\0'],
      ['a', '\x07'],
      ['b', '\b'],
      ['t', '\t'],
      ['n', '\n'],
      ['v', '\v'],
      ['f', '\f'],
      ['r', '\r'],
      ['e', '\x1b'],
      [' ', ' '],
      ['"', '"'],
      ['/', '/'],
      ['\\', '\\'],
      ['N', '\x85'],
      ['_', '\xa0'],
      ['L', '\u2028'],
      ['P', '\u2029'],
    ] as const
  ).map(([c, v]) => [c.charCodeAt(0), v]),
);
const AMPERSAND = 38;
const STAR = 42;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const FLOW_INDICATORS = new Set([COMMA, OPEN_SQUARE, CLOSE_SQUARE, OPEN_CURLY, CLOSE_CURLY]);
/** Characters that start something other than a plain scalar (or may, depending on what follows). */
const SPECIAL_START = new Set([...'&*!|>%@`{}[],#?:\'"'].map((c) => c.charCodeAt(0)));

class Reader {
  /** Start offset, indentation and end offset of each line holding more than a comment. */
  private readonly starts: number[] = [];
  private readonly indents: number[] = [];
  private readonly ends: number[] = [];
  private line = 0;
  private nodes = 0;
  private readonly valueAt: number[] = [];
  private readonly keyAt_: number[] = [];
  private readonly sizeOf: number[] = [];
  private readonly names: (string | undefined)[] = [];
  /** The deepest node counted so far (how deep an anchored value reaches). */
  private deepest = 0;
  /** Each anchor's value as read, its node in the tree and how many levels it spans below it. */
  private readonly anchors = new Map<string, { value: unknown; node: number; height: number }>();

  constructor(
    private readonly text: string,
    private readonly limits: { maxDepth: number; maxNodes: number },
  ) {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i < end && text.charCodeAt(i) !== HASH) {
        if (i === start && (text.startsWith('---', i) || text.startsWith('...', i))) throw GIVE_UP;
        this.starts.push(start);
        this.indents.push(i - start);
        this.ends.push(end);
      }
      start = end + 1;
    }
  }

  /** The root mapping. */
  document(): Record<string, unknown> {
    if (this.starts.length === 0 || this.indents[0] !== 0 || this.isDash(0)) throw GIVE_UP;
    const root = this.open(-1, undefined);
    const data = this.mapping(0, this.starts[0] as number, root, 0);
    this.close(root);
    if (this.line !== this.starts.length) throw GIVE_UP;
    return data;
  }

  private isDash(line: number): boolean {
    const at = (this.starts[line] as number) + (this.indents[line] as number);
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return at + 1 === this.ends[line] || next === SPACE;
  }

  /** The offsets read, as compact arrays (a thousand documents keep theirs). */
  tree(): OffsetTree {
    return {
      value: Int32Array.from(this.valueAt),
      key: Int32Array.from(this.keyAt_),
      size: Int32Array.from(this.sizeOf),
      names: this.names.slice(),
    };
  }

  /** A new node of the tree, in document order: its key's offset and name (none in a list). */
  private open(keyOffset: number, name: string | undefined): number {
    this.valueAt.push(-1);
    this.keyAt_.push(keyOffset);
    this.sizeOf.push(1);
    this.names.push(name);
    return this.valueAt.length - 1;
  }

  /** Ends a node: everything opened since belongs to it. */
  private close(node: number): void {
    this.sizeOf[node] = this.valueAt.length - node;
  }

  private count(offset: number, node: number, depth: number): void {
    if (++this.nodes > this.limits.maxNodes || depth > this.limits.maxDepth) throw GIVE_UP;
    if (depth > this.deepest) this.deepest = depth;
    this.valueAt[node] = offset;
  }

  /** A block value on the lines after `key:` or `-`, indented more than `parent`. */
  private nested(parent: number, node: number, depth: number): unknown {
    const line = this.line;
    if (line >= this.starts.length || (this.indents[line] as number) <= parent) throw GIVE_UP;
    const col = this.indents[line] as number;
    if (this.isDash(line)) return this.sequence(col, node, depth);
    const at = (this.starts[line] as number) + col;
    // A one-line flow collection on a line of its own (`facts:` then `{ a: 1, b: 2 }` below):
    // the last thing on its line, and nothing below it indented more than the key.
    const c = this.text.charCodeAt(at);
    if (c === OPEN_CURLY || c === OPEN_SQUARE)
      return this.inline(at, this.ends[line] as number, node, depth, parent);
    return this.mapping(col, at, node, depth);
  }

  /** A block mapping whose keys sit at column `col`, the first one at `offset` on this line. */
  private mapping(col: number, offset: number, node: number, depth: number): Record<string, unknown> {
    this.count(offset, node, depth);
    const obj: Record<string, unknown> = {};
    let at = offset;
    for (;;) {
      const end = this.ends[this.line] as number;
      const k = this.keyAt(at, end);
      if (!k || k.name === '<<' || Object.hasOwn(obj, k.name)) throw GIVE_UP;
      const child = this.open(at, k.name);
      const v = this.afterKey(k.next, end, col, child, depth + 1);
      this.close(child);
      define(obj, k.name, v);
      if (this.line >= this.starts.length) return obj;
      const indent = this.indents[this.line] as number;
      if (indent < col) return obj;
      if (indent > col || this.isDash(this.line)) throw GIVE_UP;
      at = (this.starts[this.line] as number) + col;
    }
  }

  /** A block sequence whose dashes sit at column `col`, starting on this line. */
  private sequence(col: number, node: number, depth: number): unknown[] {
    const list: unknown[] = [];
    this.count((this.starts[this.line] as number) + col, node, depth);
    for (;;) {
      const line = this.line;
      const end = this.ends[line] as number;
      const child = this.open(-1, undefined);
      let at = (this.starts[line] as number) + col + 1;
      while (at < end && this.text.charCodeAt(at) === SPACE) at++;
      if (at === end || this.text.charCodeAt(at) === HASH) {
        this.line++;
        list.push(this.nested(col, child, depth + 1));
      } else if (
        this.text.charCodeAt(at) === DASH &&
        (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE)
      ) {
        throw GIVE_UP;
      } else if (this.startsInline(at, end)) {
        list.push(this.inline(at, end, child, depth + 1, col));
      } else if (this.keyAt(at, end)) {
        list.push(this.mapping(at - (this.starts[line] as number), at, child, depth + 1));
      } else {
        list.push(this.inline(at, end, child, depth + 1, col));
      }
      this.close(child);
      if (this.line >= this.starts.length) return list;
      const indent = this.indents[this.line] as number;
      if (indent < col) return list;
      if (indent > col) throw GIVE_UP;
      if (!this.isDash(this.line)) return list;
    }
  }

  /** Whether a list item is a flow collection or a folded scalar (not a key, not a plain scalar). */
  private startsInline(at: number, end: number): boolean {
    const c = this.text.charCodeAt(at);
    return c === OPEN_SQUARE || c === OPEN_CURLY || (c === GREATER && this.isFoldedHeader(at, end));
  }

  /** `>` or `>-` alone at the end of its line (no indentation indicator, no comment). */
  private isFoldedHeader(at: number, end: number): boolean {
    return at + 1 === end || (at + 2 === end && this.text.charCodeAt(at + 1) === DASH);
  }

  /** The value after `key:`: on the same line, or a block on the next lines. */
  private afterKey(from: number, end: number, col: number, node: number, depth: number): unknown {
    let at = from;
    while (at < end && this.text.charCodeAt(at) === SPACE) at++;
    if (at === end || this.text.charCodeAt(at) === HASH) {
      this.line++;
      return this.nested(col, node, depth);
    }
    return this.inline(at, end, node, depth, col);
  }

  /** A one-line scalar that must be the last thing on its line, and not continue below. */
  private inline(at: number, end: number, node: number, depth: number, col: number): unknown {
    const c = this.text.charCodeAt(at);
    if (c === AMPERSAND) return this.anchored(at, end, node, depth, col);
    if (c === STAR) return this.alias(at, end, node, depth, col);
    let value: unknown;
    if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      const flow = this.flow(at, end, node, depth);
      let j = flow.next;
      while (j < end && this.text.charCodeAt(j) === SPACE) j++;
      if (j < end && !(this.text.charCodeAt(j) === HASH && j > flow.next)) throw GIVE_UP;
      value = flow.value;
    } else if (c === GREATER && this.isFoldedHeader(at, end)) {
      value = this.folded(at, col, node, depth, at + 1 < end);
    } else if (c === DOUBLE_QUOTE) {
      this.count(at, node, depth);
      value = this.doubleQuoted(at, col);
    } else {
      this.count(at, node, depth);
      const s = this.scalarAt(at, end);
      if (s?.stop !== 'end') throw GIVE_UP;
      value = s.value;
    }
    this.line++;
    if (this.line < this.starts.length && (this.indents[this.line] as number) > col) throw GIVE_UP;
    return value;
  }

  /**
   * `&name value`: a value on the rest of the line (a flow collection or a plain or single-quoted
   * scalar) kept for the aliases after it. The library places the value where its content starts,
   * after the anchor.
   */
  private anchored(at: number, end: number, node: number, depth: number, col: number): unknown {
    const name = this.anchorName(at + 1, end);
    const valueAt = this.skipSpaces(at + 1 + name.length, end);
    // The name ends at a space or the line's end (anchorName): a value must follow on the line.
    const c = this.text.charCodeAt(valueAt);
    if (valueAt === end || c === GREATER || c === DOUBLE_QUOTE || c === HASH || c === AMPERSAND || c === STAR)
      throw GIVE_UP;
    const deepest = this.deepest;
    this.deepest = depth;
    const value = this.inline(valueAt, end, node, depth, col);
    this.anchors.set(name, { value, node, height: this.deepest - depth });
    this.deepest = Math.max(deepest, this.deepest);
    return value;
  }

  /**
   * `*name`, the whole value: what the library makes of it, a new copy of the anchored value,
   * placed where the anchored value is (its offsets copied into the tree), counted node by node
   * against the limits with the alias one level above the copy, as the library counts.
   */
  private alias(at: number, end: number, node: number, depth: number, col: number): unknown {
    const name = this.anchorName(at + 1, end);
    const after = this.skipSpaces(at + 1 + name.length, end);
    if (after < end && !(this.text.charCodeAt(after) === HASH && after > at + 1 + name.length)) throw GIVE_UP;
    const target = this.anchors.get(name);
    if (target === undefined) throw GIVE_UP;
    const span = this.sizeOf[target.node] as number;
    this.nodes += 1 + span;
    if (this.nodes > this.limits.maxNodes || depth + 1 + target.height > this.limits.maxDepth) throw GIVE_UP;
    this.deepest = Math.max(this.deepest, depth + 1 + target.height);
    this.valueAt[node] = this.valueAt[target.node] as number;
    for (let i = target.node + 1; i < target.node + span; i++) {
      this.valueAt.push(this.valueAt[i] as number);
      this.keyAt_.push(this.keyAt_[i] as number);
      this.sizeOf.push(this.sizeOf[i] as number);
      this.names.push(this.names[i]);
    }
    this.line++;
    if (this.line < this.starts.length && (this.indents[this.line] as number) > col) throw GIVE_UP;
    return copyOf(target.value);
  }

  /** An anchor's or alias's name: letters, digits, `_` and `-` only (anything else: the library). */
  private anchorName(from: number, end: number): string {
    let i = from;
    for (; i < end; i++) {
      const c = this.text.charCodeAt(i);
      const plain =
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === DASH;
      if (!plain) break;
    }
    if (i === from || (i < end && this.text.charCodeAt(i) !== SPACE)) throw GIVE_UP;
    return this.text.slice(from, i);
  }

  /**
   * A folded block scalar (`>`, or `>-` without its final line break) in its simplest form: lines
   * at one indentation, no blank lines, no trailing spaces, ending with a line break. Its lines
   * are read raw: `#` is text there.
   */
  private folded(at: number, col: number, node: number, depth: number, strip: boolean): string {
    this.count(at, node, depth);
    const text = this.text;
    const parts: string[] = [];
    let indent = -1;
    let start = text.indexOf('\n', at) + 1;
    if (start === 0) throw GIVE_UP;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      if (end === -1) throw GIVE_UP;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i === end || i - start <= col) {
        if (i === end && end + 1 < text.length && this.indentAfter(end + 1) > col) throw GIVE_UP;
        break;
      }
      if (indent === -1) indent = i - start;
      if (i - start !== indent || text.charCodeAt(end - 1) === SPACE) throw GIVE_UP;
      parts.push(text.slice(i, end));
      start = end + 1;
    }
    if (parts.length === 0) throw GIVE_UP;
    // Continue with the first line (holding more than a comment) after the scalar, minus one: the
    // caller moves past the scalar's own line.
    let line = this.line;
    while (line + 1 < this.starts.length && (this.starts[line + 1] as number) < start) line++;
    this.line = line;
    const folded = parts.join(' ');
    return strip ? folded : `${folded}\n`;
  }

  /**
   * A double-quoted value that may run over several lines (each indented past `col`) and hold the
   * common escapes, as bilingual descriptions are written: a line break folds to a space (blank
   * lines to line breaks), a `\\` at the end of a line joins the lines, leading and trailing spaces
   * around a break go. Leaves `\\x`, `\\u`, `\\U`, an escaped break before a blank line, and
   * anything after the closing quote but a comment to the library. Its lines are read raw (`#` is
   * text there); the reader continues on the line of the closing quote.
   */
  private doubleQuoted(at: number, col: number): string {
    const text = this.text;
    let out = '';
    let from = at + 1;
    let i = from;
    for (;;) {
      if (i >= text.length) throw GIVE_UP;
      const ch = text.charCodeAt(i);
      if (ch === DOUBLE_QUOTE) break;
      if (ch === BACKSLASH) {
        out += text.slice(from, i);
        const next = text.charCodeAt(i + 1);
        if (next === NEWLINE) {
          i = this.continuation(i + 2, col, true);
        } else {
          const escaped = ESCAPES.get(next);
          if (escaped === undefined) throw GIVE_UP;
          out += escaped;
          i += 2;
        }
        from = i;
        continue;
      }
      if (ch === NEWLINE) {
        let kept = i;
        while (kept > from && text.charCodeAt(kept - 1) === SPACE) kept--;
        out += text.slice(from, kept);
        const blank = this.blankLinesAfter(i + 1);
        out += blank.count === 0 ? ' ' : '\n'.repeat(blank.count);
        i = this.continuation(blank.next, col, false);
        from = i;
        continue;
      }
      i++;
    }
    out += text.slice(from, i);
    const close = i;
    let j = close + 1;
    while (j < text.length && text.charCodeAt(j) === SPACE) j++;
    const comment = text.charCodeAt(j) === HASH && j > close + 1;
    if (j < text.length && text.charCodeAt(j) !== NEWLINE && !comment) throw GIVE_UP;
    let line = this.line;
    while (line + 1 < this.starts.length && (this.starts[line + 1] as number) <= close) line++;
    this.line = line;
    return out;
  }

  /** The blank (or all-space) lines from a line start: how many, and where the next line starts. */
  private blankLinesAfter(start: number): { count: number; next: number } {
    const text = this.text;
    let count = 0;
    let lineStart = start;
    for (;;) {
      let i = lineStart;
      while (i < text.length && text.charCodeAt(i) === SPACE) i++;
      if (i >= text.length || text.charCodeAt(i) !== NEWLINE) return { count, next: lineStart };
      count++;
      lineStart = i + 1;
    }
  }

  /**
   * Where the text of a quoted scalar's next line starts, past its indentation, which must be
   * deeper than `col`; after an escaped break the next line must hold text.
   */
  private continuation(lineStart: number, col: number, escaped: boolean): number {
    const text = this.text;
    let i = lineStart;
    while (i < text.length && text.charCodeAt(i) === SPACE) i++;
    if (i >= text.length || i - lineStart <= col) throw GIVE_UP;
    if (escaped && text.charCodeAt(i) === NEWLINE) throw GIVE_UP;
    return i;
  }

  /** The indentation of the next line that is not blank, from a line start. */
  private indentAfter(start: number): number {
    const text = this.text;
    let i = start;
    for (;;) {
      const lineStart = i;
      while (i < text.length && text.charCodeAt(i) === SPACE) i++;
      if (i >= text.length) return -1;
      if (text.charCodeAt(i) !== NEWLINE) return i - lineStart;
      i++;
    }
  }

  /** A flow collection on one line (`[a, b]`, `{ k: v }`, nested), of plain or quoted scalars. */
  private flow(at: number, end: number, node: number, depth: number): { value: unknown; next: number } {
    this.count(at, node, depth);
    const text = this.text;
    const isList = text.charCodeAt(at) === OPEN_SQUARE;
    const close = isList ? CLOSE_SQUARE : CLOSE_CURLY;
    const list: unknown[] = [];
    const obj: Record<string, unknown> = {};
    let i = this.skipSpaces(at + 1, end);
    if (text.charCodeAt(i) === close) return { value: isList ? list : obj, next: i + 1 };
    for (;;) {
      if (isList) {
        const child = this.open(-1, undefined);
        const item = this.flowItem(i, end, child, depth + 1);
        this.close(child);
        list.push(item.value);
        i = this.skipSpaces(item.next, end);
      } else {
        const k = this.flowScalar(i, end);
        if (typeof k.value === 'object' && k.value !== null) throw GIVE_UP;
        const name = String(k.value);
        if (name === '<<' || Object.hasOwn(obj, name)) throw GIVE_UP;
        let j = this.skipSpaces(k.next, end);
        if (text.charCodeAt(j) !== COLON || text.charCodeAt(j + 1) !== SPACE) throw GIVE_UP;
        j = this.skipSpaces(j + 1, end);
        const c = text.charCodeAt(j);
        if (c === COMMA || c === close) throw GIVE_UP;
        const child = this.open(i, name);
        const item = this.flowItem(j, end, child, depth + 1);
        this.close(child);
        define(obj, name, item.value);
        i = this.skipSpaces(item.next, end);
      }
      const c = text.charCodeAt(i);
      if (c === close) return { value: isList ? list : obj, next: i + 1 };
      if (c !== COMMA) throw GIVE_UP;
      i = this.skipSpaces(i + 1, end);
      const after = text.charCodeAt(i);
      if (i >= end || after === COMMA || after === CLOSE_SQUARE || after === CLOSE_CURLY) throw GIVE_UP;
    }
  }

  private flowItem(at: number, end: number, node: number, depth: number): { value: unknown; next: number } {
    const c = this.text.charCodeAt(at);
    if (c === OPEN_SQUARE || c === OPEN_CURLY) return this.flow(at, end, node, depth);
    this.count(at, node, depth);
    const s = this.flowScalar(at, end);
    // `[a: b]` is a mapping inside a list: leave it to the library.
    const j = this.skipSpaces(s.next, end);
    if (this.text.charCodeAt(j) === COLON) throw GIVE_UP;
    return s;
  }

  /** A plain or quoted scalar inside a flow collection. */
  private flowScalar(at: number, end: number): { value: unknown; next: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (at >= end) throw GIVE_UP;
    if (c === 34 || c === 39) {
      const q = this.quotedText(at, end, c, true);
      return { value: q.value, next: q.close + 1 };
    }
    // A plain scalar starts with `-` only when a character that may follow in flow comes next.
    const next = text.charCodeAt(at + 1);
    if (
      SPECIAL_START.has(c) ||
      (c === DASH && (at + 1 >= end || next === SPACE || FLOW_INDICATORS.has(next)))
    ) {
      throw GIVE_UP;
    }
    let i = at;
    while (i < end) {
      const ch = text.charCodeAt(i);
      if (
        ch === COMMA ||
        ch === OPEN_SQUARE ||
        ch === CLOSE_SQUARE ||
        ch === OPEN_CURLY ||
        ch === CLOSE_CURLY
      )
        break;
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (i + 1 >= end || next === SPACE || FLOW_INDICATORS.has(next)) break;
      }
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) throw GIVE_UP;
      i++;
    }
    if (i >= end) throw GIVE_UP;
    return { value: plainValue(text.slice(at, i).trimEnd()), next: i };
  }

  private skipSpaces(from: number, end: number): number {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A mapping key at `at`: its name and the offset after its colon, or undefined if none. */
  private keyAt(at: number, end: number): { name: string; next: number } | undefined {
    const s = this.scalarAt(at, end);
    if (s?.stop !== 'colon') return undefined;
    return { name: String(s.value), next: s.next };
  }

  /**
   * The scalar at `at`: its value, where it stopped (at a key's colon, or at the end of the line
   * or a comment) and the offset after it. Undefined when it is not a plain one-line scalar;
   * throws when it is something this reader leaves to the library.
   */
  private scalarAt(
    at: number,
    end: number,
  ): { value: unknown; stop: 'colon' | 'end'; next: number } | undefined {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) return this.quoted(at, end, c);
    if (SPECIAL_START.has(c) || (c === DASH && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))) {
      throw GIVE_UP;
    }
    let i = at;
    while (i < end) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) {
        return { value: plainValue(text.slice(at, i).trimEnd()), stop: 'colon', next: i + 1 };
      }
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      i++;
    }
    return { value: plainValue(text.slice(at, i).trimEnd()), stop: 'end', next: i };
  }

  private quoted(
    at: number,
    end: number,
    quote: number,
  ): { value: unknown; stop: 'colon' | 'end'; next: number } {
    const text = this.text;
    const { value: out, close: i } = this.quotedText(at, end, quote);
    let j = i + 1;
    while (j < end && text.charCodeAt(j) === SPACE) j++;
    if (j === end || (text.charCodeAt(j) === HASH && j > i + 1)) return { value: out, stop: 'end', next: j };
    if (text.charCodeAt(j) === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) {
      return { value: out, stop: 'colon', next: j + 1 };
    }
    throw GIVE_UP;
  }

  /**
   * The text of a one-line quoted scalar and its closing quote. Escapes in double quotes are read
   * only with `escapes` (flow scalars: `{ zh: "放置\"警示牌\"" }`), and only the one-character
   * ones of ESCAPES; keys with escapes are left to the library.
   */
  private quotedText(
    at: number,
    end: number,
    quote: number,
    escapes = false,
  ): { value: string; close: number } {
    const text = this.text;
    let out = '';
    let from = at + 1;
    let i = from;
    for (;;) {
      if (i >= end) throw GIVE_UP;
      const ch = text.charCodeAt(i);
      if (quote === DOUBLE_QUOTE && ch === BACKSLASH) {
        const escaped = escapes && i + 1 < end ? ESCAPES.get(text.charCodeAt(i + 1)) : undefined;
        if (escaped === undefined) throw GIVE_UP;
        out += text.slice(from, i) + escaped;
        i += 2;
        from = i;
        continue;
      }
      if (ch === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) {
          out += text.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        break;
      }
      i++;
    }
    out += text.slice(from, i);
    return { value: out, close: i };
  }
}

/** A plain scalar's value; a number that is not finite is the library's to report. */
function plainValue(s: string): unknown {
  const value = resolvePlain(s);
  if (typeof value === 'number' && !Number.isFinite(value)) throw GIVE_UP;
  return value;
}

/** A new copy of a value read (plain objects, lists and scalars), as each alias is a new value. */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (value === null || typeof value !== 'object') return value;
  const obj: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) define(obj, name, copyOf(v));
  return obj;
}

/**
 * Sets a key as plain data. Only `__proto__` needs defineProperty (assigning it would change the
 * prototype); a plain assignment is much faster for the rest and gives the same own property.
 */
function define(obj: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[name] = value;
  }
}
