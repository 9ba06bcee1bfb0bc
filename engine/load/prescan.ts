import { yaml } from '../packages.ts';

/**
 * What the pre-scan refuses: nesting too deep, too many values, a flood of documents (a third
 * one; the offset is the second's) or of anchors and tags on one value.
 */
export type Limit = 'depth' | 'values' | 'documents' | 'properties';

/** Anchors and tags in a row: a value has at most one of each, and so may its first key. */
const MAX_PROPERTIES = 8;

/** What the pre-scan found: the first limit a text certainly breaks, and where its tags are. */
export interface Prescan {
  /** The limit broken, and the offset of the token that broke it. */
  exceeded?: { limit: Limit; offset: number };
  /** The offsets of every tag (`!!str`, `!foo`), in order: diagnostics about a tag point at it. */
  tags: number[];
  /** Whether the text holds one document or none, with nothing in it (comments, markers). */
  empty: boolean;
}

/**
 * Reads a text with the `yaml` library's lexer (linear, flat, cheap) before the library's parser
 * and composer run, which take seconds and hundreds of megabytes on a megabyte of `[` or of flow
 * items. Counts a lower bound of the nesting depth and of the values the document holds: when
 * even the lower bound is over a limit, the document is refused without being parsed. A lower
 * bound never refuses a document the full reading would accept, and keeps what is accepted small
 * enough to parse quickly. Keys are counted too, against twice the limit: a document rarely has
 * more keys than values, and the library's work grows with both.
 */
export function prescanYaml(text: string, limits: { maxDepth: number; maxNodes: number }): Prescan {
  const scan = new Scan(limits);
  let offset = 0;
  for (const token of new (yaml().Lexer)().lex(text)) {
    const start = offset;
    // Control tokens (document mode, scalar marker, flow error end) take no room in the text.
    if (!isControl(token)) offset += token.length;
    scan.token(token, start);
    if (scan.exceeded) break;
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) scan.newLine(start + newline + 1, newline === token.length - 1);
  }
  return { ...(scan.exceeded ? { exceeded: scan.exceeded } : {}), tags: scan.tags, empty: scan.empty };
}

function isControl(token: string): boolean {
  const { CST } = yaml();
  return token === CST.DOCUMENT || token === CST.SCALAR || token === CST.FLOW_END;
}

/** One flow collection being read: a sequence, or a mapping and whether a value follows. */
interface Flow {
  map: boolean;
  afterColon: boolean;
}

class Scan {
  exceeded: Prescan['exceeded'];
  readonly tags: number[] = [];
  /** Columns of the block collections open here, increasing (a lower bound of them). */
  private readonly blocks: number[] = [];
  private readonly flows: Flow[] = [];
  private lineStart = 0;
  private atLineStart = true;
  /** The column where an implicit key would start (the first content after an indicator). */
  private keyColumn = -1;
  /** Values certainly in the document: scalars, aliases and collections that are not keys. */
  private values = 0;
  /** Block entries (`-` items, `key:` values): each holds a value, an empty one at least. */
  private entries = 0;
  /** Every scalar, alias and flow collection, keys included. */
  private nodes = 0;
  /** Explicit keys (`?`) whose `:` is still to come: it is not another key's. */
  private explicitKeys = 0;
  private properties = 0;
  private readonly documents: number[] = [];
  private inDocument = false;
  private content = false;
  /** Whether the last token was the lexer's mark of a document (content, or `---`, follows). */
  private justMarked = false;

  constructor(private readonly limits: { maxDepth: number; maxNodes: number }) {}

  newLine(lineStart: number, atLineStart: boolean): void {
    this.lineStart = lineStart;
    this.atLineStart = atLineStart;
    if (atLineStart) this.keyColumn = -1;
  }

  token(token: string, offset: number): void {
    const type = yaml().CST.tokenType(token);
    if (type === 'newline' || type === 'space' || type === 'comment') return;
    if (type === 'byte-order-mark' || type === 'directive-line') return;
    if (type === 'doc-mode' || type === 'doc-start' || type === 'doc-end') {
      this.document(type, offset);
      return;
    }
    this.justMarked = false;
    this.content = true;
    if (type === 'tag' || type === 'anchor') {
      if (type === 'tag') this.tags.push(offset);
      if (++this.properties > MAX_PROPERTIES) this.exceed('properties', offset);
    } else this.properties = 0;
    const col = offset - this.lineStart;
    if (this.flows.length === 0) this.blockContent(col);
    switch (type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'alias':
        this.value(offset);
        return;
      case 'flow-map-start':
      case 'flow-seq-start':
        this.value(offset);
        this.flows.push({ map: type === 'flow-map-start', afterColon: false });
        this.checkDepth(offset);
        return;
      case 'flow-map-end':
      case 'flow-seq-end':
        this.flows.pop();
        return;
      case 'comma': {
        const flow = this.flows.at(-1);
        if (flow) flow.afterColon = false;
        return;
      }
      case 'seq-item-ind':
      case 'explicit-key-ind':
        if (this.flows.length > 0) return;
        // A block key (after `?`) is not a value; an item (after `-`) holds one.
        if (type === 'explicit-key-ind') {
          this.values--;
          this.explicitKeys++;
        } else this.entry(offset);
        this.blocks.push(col);
        this.keyColumn = -1;
        this.checkDepth(offset);
        return;
      case 'map-value-ind':
        this.mapValue(offset);
        return;
      default:
        return;
    }
  }

  /** Where documents start: at `---`, or at content after `...` (or at the first content). */
  private document(type: 'doc-mode' | 'doc-start' | 'doc-end', offset: number): void {
    this.blocks.length = 0;
    this.flows.length = 0;
    if (type === 'doc-end') {
      this.inDocument = false;
      return;
    }
    // The lexer marks the first document just before its `---`: that is one start, not two.
    const marked = this.justMarked;
    this.justMarked = type === 'doc-mode';
    if (type === 'doc-start' && marked) return;
    if (type === 'doc-mode' && this.inDocument) return;
    this.inDocument = true;
    this.documents.push(offset);
    if (this.documents.length > 2) this.exceed('documents', this.documents[1] as number);
  }

  /** Whether nothing but comments and markers was read, in one document at most. */
  get empty(): boolean {
    return !this.content && this.documents.length <= 1;
  }

  private exceed(limit: Limit, offset: number): void {
    this.exceeded ??= { limit, offset };
  }

  /** A block entry: one more value, empty or not. */
  private entry(offset: number): void {
    if (++this.entries > this.limits.maxNodes) this.exceed('values', offset);
  }

  /** Content in block context: a line starting at `col` closes the collections at or right of it. */
  private blockContent(col: number): void {
    if (this.atLineStart) {
      while ((this.blocks.at(-1) ?? -1) >= col) this.blocks.pop();
      this.atLineStart = false;
    }
    if (this.keyColumn === -1) this.keyColumn = col;
  }

  /** A scalar, alias or flow collection: a value, unless it is a key of a flow mapping. */
  private value(offset: number): void {
    if (++this.nodes > 2 * this.limits.maxNodes) this.exceed('values', offset);
    const flow = this.flows.at(-1);
    if (flow?.map && !flow.afterColon) return;
    if (++this.values > this.limits.maxNodes) this.exceed('values', offset);
  }

  /** `:` after a key: in a block, the key opened a mapping at its column, and was not a value. */
  private mapValue(offset: number): void {
    const flow = this.flows.at(-1);
    if (flow) {
      if (flow.map) flow.afterColon = true;
      // `[a: b]`: the key was counted as an item of the sequence.
      else this.values--;
      return;
    }
    // The `:` of an explicit key: that key was not counted as a value.
    if (this.explicitKeys > 0) this.explicitKeys--;
    else this.values--;
    this.entry(offset);
    if (this.keyColumn !== -1) {
      if ((this.blocks.at(-1) ?? -1) < this.keyColumn) this.blocks.push(this.keyColumn);
      this.keyColumn = -1;
      this.checkDepth(offset);
    }
  }

  /** The innermost open collection sits one level below each that encloses it. */
  private checkDepth(offset: number): void {
    if (this.blocks.length + this.flows.length - 1 > this.limits.maxDepth) this.exceed('depth', offset);
  }
}
