import { CST, Lexer } from 'yaml';

/** What the pre-scan found: the first limit a text certainly breaks, and where its tags are. */
export interface Prescan {
  /** The limit broken, and the offset of the token that broke it. */
  exceeded?: { limit: 'depth' | 'values'; offset: number };
  /** The offsets of every tag (`!!str`, `!foo`), in order: diagnostics about a tag point at it. */
  tags: number[];
}

/**
 * Reads a text with the `yaml` library's lexer (linear, flat, cheap) before the library's parser
 * and composer run, which take seconds and hundreds of megabytes on a megabyte of `[` or of flow
 * items. Counts a lower bound of the nesting depth and of the values the document holds: when
 * even the lower bound is over a limit, the document is refused without being parsed. A lower
 * bound never refuses a document the full reading would accept, and keeps what is accepted small
 * enough to parse quickly.
 */
export function prescanYaml(text: string, limits: { maxDepth: number; maxNodes: number }): Prescan {
  const scan = new Scan(limits);
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const start = offset;
    // Control tokens (document mode, scalar marker, flow error end) take no room in the text.
    if (!isControl(token)) offset += token.length;
    scan.token(token, start);
    if (scan.exceeded) break;
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) scan.newLine(start + newline + 1, newline === token.length - 1);
  }
  return { ...(scan.exceeded ? { exceeded: scan.exceeded } : {}), tags: scan.tags };
}

function isControl(token: string): boolean {
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
  private values = 0;

  constructor(private readonly limits: { maxDepth: number; maxNodes: number }) {}

  newLine(lineStart: number, atLineStart: boolean): void {
    this.lineStart = lineStart;
    this.atLineStart = atLineStart;
    if (atLineStart) this.keyColumn = -1;
  }

  token(token: string, offset: number): void {
    const type = CST.tokenType(token);
    if (type === 'newline' || type === 'space' || type === 'comment' || type === 'doc-mode') return;
    if (type === 'byte-order-mark' || type === 'directive-line') return;
    if (type === 'doc-start' || type === 'doc-end') {
      this.blocks.length = 0;
      this.flows.length = 0;
      return;
    }
    const col = offset - this.lineStart;
    if (this.flows.length === 0) this.blockContent(col);
    switch (type) {
      case 'tag':
        this.tags.push(offset);
        return;
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
        // A block key (after `?`) is not a value; an item (after `-`) will hold one.
        if (type === 'explicit-key-ind') this.values--;
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
    const flow = this.flows.at(-1);
    if (flow?.map && !flow.afterColon) return;
    if (++this.values > this.limits.maxNodes) this.exceeded = { limit: 'values', offset };
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
    this.values--;
    if (this.keyColumn !== -1) {
      if ((this.blocks.at(-1) ?? -1) < this.keyColumn) this.blocks.push(this.keyColumn);
      this.keyColumn = -1;
      this.checkDepth(offset);
    }
  }

  /** The innermost open collection sits one level below each that encloses it. */
  private checkDepth(offset: number): void {
    if (this.blocks.length + this.flows.length - 1 > this.limits.maxDepth) {
      this.exceeded = { limit: 'depth', offset };
    }
  }
}
